/**
 * @module deployer/deploy/prepare
 * Everything `start` needs before touching a target: the build written, Worker bundles made, each agent's
 * runtime config and fingerprint, secrets read from the environment, agents grouped by target.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { MESH_TOKEN_SECRET } from "../../workers/config";
import { renderBuild, writeBuild } from "../build/index";
import { OTLP_HEADERS_SECRET } from "../job/build-model";
import { runtimeConfig } from "../build/runtime-config";
import { UserError } from "../errors";
import type { JobModel, ResolvedAgent } from "../job/model";
import { backendStubs, builtinEntrySource } from "../runtime/agent-entry";
import { planDeployment, type Plan } from "../plan";
import { bundleWorker } from "../runtime/bundle";
import type { GroupAgent, GroupSpec } from "../targets/target";

export interface Prepared {
  plan: Plan;
  groups: GroupSpec[];
  buildHash: string;
  meshToken?: string;
}

export async function prepareDeployment(model: JobModel, opts: { home: string; deploymentId: string; meshToken?: string; dryRun: boolean; otelEndpoint?: string }): Promise<Prepared> {
  const plan = planDeployment(model);
  const build = renderBuild(model, plan, join(opts.home, "build"));
  await writeBuild(build);
  // Agents called from another target must check the deployment's bearer token.
  const crossCalled = new Set(plan.agents.flatMap((a) => a.peers.filter((p) => p.via === "http").map((p) => p.name)));
  const meshToken = crossCalled.size ? (opts.meshToken ?? randomBytes(24).toString("base64url")) : undefined;

  const missing = new Map<string, string[]>();
  const bundles = new Map<string, Promise<{ path: string; hash: string }>>();
  const bundleFor = (agent: ResolvedAgent, builtEntry: string) => {
    // Built-ins get an entry of their own (their module, their backend's SDK); a user's module keeps its entry.
    const name = agent.module.kind === "builtin" ? `${agent.module.name}-${agent.backend.type}` : `${model.name}-${agent.id}`;
    if (!bundles.has(name)) bundles.set(name, makeBundle(agent, builtEntry, join(opts.home, "bundles", name, "worker.js")));
    return bundles.get(name)!;
  };
  const makeBundle = async (agent: ResolvedAgent, builtEntry: string, outFile: string) => {
    let entry = builtEntry;
    if (agent.module.kind === "builtin") {
      entry = join(opts.home, "entries", `${agent.module.name}.ts`);
      await mkdir(dirname(entry), { recursive: true });
      // Rewritten only when it differs: its mtime is part of the bundle cache's key.
      const source = builtinEntrySource(agent.module.name);
      if ((await readFile(entry, "utf8").catch(() => "")) !== source) await writeFile(entry, source);
    }
    return bundleWorker({ entry, outFile, minify: true, alias: backendStubs(agent.backend.type) });
  };
  // All bundles at once: esbuild works in parallel, and the loop below only awaits them.
  for (const agent of model.agents) void bundleFor(agent, build.agents.find((b) => b.id === agent.id)!.entry).catch(() => undefined);
  const groups = new Map<string, GroupSpec>();
  for (const agent of model.agents) {
    const planned = plan.agents.find((p) => p.id === agent.id)!;
    const built = build.agents.find((b) => b.id === agent.id)!;
    const bundle = await bundleFor(agent, built.entry);
    const runtime = runtimeConfig(model, plan, agent, {
      deploymentId: opts.deploymentId,
      requireToken: crossCalled.has(agent.id),
      ...(opts.otelEndpoint ? { otelEndpoint: opts.otelEndpoint } : {}),
    });
    const { deploymentId: _id, ...stable } = runtime;
    const fingerprint = createHash("sha256").update(bundle.hash).update(JSON.stringify(stable)).update(String(agent.port)).update(JSON.stringify(agent.target)).update(JSON.stringify(agent.vars)).digest("hex").slice(0, 16);
    const item: GroupAgent = { agent, planned, runtime, bundle, fingerprint };
    let group = groups.get(planned.group);
    if (!group) groups.set(planned.group, (group = { key: planned.group, kind: agent.target.kind, agents: [], secrets: {} }));
    group.agents.push(item);
    for (const name of agent.secrets) {
      const value = name === OTLP_HEADERS_SECRET && model.otel.headers
        ? Object.entries(model.otel.headers).map(([k, v]) => `${k}=${v}`).join(",")
        : (process.env[name] ?? (name === "GOOGLE_API_KEY" ? process.env.GEMINI_API_KEY : undefined));
      if (value) group.secrets[name] = value;
      else missing.set(name, [...(missing.get(name) ?? []), agent.id]);
    }
    if (meshToken) group.secrets[MESH_TOKEN_SECRET] = meshToken;
  }
  if (missing.size && !opts.dryRun) {
    const list = [...missing].map(([name, agents]) => `${name} (needed by ${agents.join(", ")})`).join("; ");
    throw new UserError(`secrets not set: ${list}. Export them before \`ade start\`, or try the mesh with --backend offline`, 2);
  }
  const ordered = [...groups.values()].sort((a, b) => minStage(a) - minStage(b));
  for (const g of ordered) g.agents.sort((a, b) => a.planned.stage - b.planned.stage);
  const buildHash = createHash("sha256").update(ordered.flatMap((g) => g.agents.map((a) => `${a.agent.id}:${a.fingerprint}`)).join(",")).digest("hex").slice(0, 16);
  return { plan, groups: ordered, buildHash, ...(meshToken ? { meshToken } : {}) };
}

function minStage(g: GroupSpec): number {
  return Math.min(...g.agents.map((a) => a.planned.stage));
}

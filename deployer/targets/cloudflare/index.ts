/**
 * @module deployer/targets/cloudflare
 * The `cloudflare` target: `wrangler deploy` per agent in plan order (callees first), secrets through
 * `wrangler secret put` on stdin, URLs recorded. A call cycle is deployed in two passes: first without the
 * bindings that point at Workers not yet deployed, then again with all of them. `--dry-run` builds and checks
 * every bundle with `wrangler deploy --dry-run`, offline, with no account.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { aliasFrom } from "../../build/index";
import { renderWranglerConfig } from "../../build/wrangler-config";
import { UserError } from "../../errors";
import { AGENT_ENTRY } from "../../paths";
import type { GroupAgent, GroupRecord, GroupSpec, Target, TargetContext } from "../target";
import { authProblem, deployedUrl, runWrangler } from "./wrangler";

export const cloudflareTarget: Target = {
  kind: "cloudflare",

  async start(group: GroupSpec, ctx: TargetContext, previous?: GroupRecord): Promise<GroupRecord> {
    const dir = join(ctx.home, "run", ctx.deploymentId, "cloudflare");
    const urls: Record<string, string> = {};
    const deployed = new Set<string>();
    const secondPass: GroupAgent[] = [];
    const live = previous && !previous.meta?.dryRun ? previous : undefined;
    for (const a of group.agents) {
      // Unchanged since the last deploy: the Worker that runs is already this one.
      if (live && live.fingerprints[a.agent.id] === a.fingerprint && live.urls[a.agent.id]) {
        ctx.progress(a.agent.id, "unchanged");
        urls[a.agent.id] = live.urls[a.agent.id]!;
        deployed.add(a.agent.id);
        continue;
      }
      const missing = a.planned.peers.filter((p) => p.via === "service-binding" && !deployed.has(p.name) && p.name !== a.agent.id);
      const config = await writeConfig(dir, ctx.home, a, group, ctx.dryRun ? [] : missing.map((p) => p.name));
      if (missing.length && !ctx.dryRun) secondPass.push(a);
      ctx.progress(a.agent.id, ctx.dryRun ? "checking bundle (dry run)" : "deploying");
      urls[a.agent.id] = ctx.dryRun ? a.planned.url : await deploy(config, a, group, ctx);
      if (ctx.dryRun) await dryRun(config, join(dir, a.agent.id, "dist"), a.agent.id);
      deployed.add(a.agent.id);
    }
    for (const a of secondPass) {
      ctx.progress(a.agent.id, "redeploying with the bindings that close its cycle");
      await deploy(await writeConfig(dir, ctx.home, a, group, []), a, group, ctx);
    }
    return {
      key: group.key,
      kind: "cloudflare",
      agents: group.agents.map((a) => a.agent.id),
      urls,
      fingerprints: Object.fromEntries(group.agents.map((a) => [a.agent.id, a.fingerprint])),
      meta: { dryRun: ctx.dryRun, workers: Object.fromEntries(group.agents.map((a) => [a.agent.id, a.agent.workerName])), configDir: dir },
    };
  },

  async stop(record) {
    if (record.meta?.dryRun) return;
    const workers = (record.meta?.workers ?? {}) as Record<string, string>;
    for (const name of Object.values(workers).reverse()) {
      const r = await runWrangler(["delete", "--name", name, "--force"]);
      if (r.code !== 0 && !/not found|does not exist/i.test(r.output)) throw authProblem(r.output) ?? new UserError(`wrangler delete ${name} failed:\n${r.output.trim().split("\n").slice(-5).join("\n")}`);
    }
  },

  async isRunning(record) {
    return !record.meta?.dryRun;
  },

  async logs(record, opts, write) {
    const workers = (record.meta?.workers ?? {}) as Record<string, string>;
    const names = opts.agent ? [workers[opts.agent]].filter(Boolean) : Object.values(workers);
    if (record.meta?.dryRun) return write("(dry run: nothing was deployed, so there are no logs)");
    if (!opts.follow) return write(`Workers keep no log history here; follow live logs with \`ade logs ${record.key} --follow\` (wrangler tail): ${names.join(", ")}`);
    for (const name of names) {
      const r = await runWrangler(["tail", name!, "--format", "json"], { timeoutMs: 24 * 3600_000 });
      for (const line of r.output.split("\n")) if (line) write(line);
    }
  },
};

async function writeConfig(dir: string, home: string, a: GroupAgent, group: GroupSpec, withoutPeers: string[]): Promise<string> {
  const agentDir = join(dir, a.agent.id);
  await mkdir(agentDir, { recursive: true });
  const planned = { ...a.planned, peers: a.planned.peers.filter((p) => !withoutPeers.includes(p.name)) };
  const workerNames = Object.fromEntries(group.agents.map((x) => [x.agent.id, x.agent.workerName]));
  const file = join(agentDir, "wrangler.jsonc");
  const entry = a.agent.module.kind === "file" ? join(home, "build", a.runtime.job, a.agent.id, "entry.ts") : undefined;
  const main = relative(agentDir, entry ?? AGENT_ENTRY).split("\\").join("/");
  await writeFile(file, renderWranglerConfig({ agent: a.agent, planned, runtime: a.runtime, main, workerNames, alias: aliasFrom(agentDir) }));
  return file;
}

async function dryRun(config: string, outdir: string, id: string): Promise<void> {
  const r = await runWrangler(["deploy", "--dry-run", "--outdir", outdir, "-c", config]);
  if (r.code !== 0 || /wasn't found|Could not resolve/.test(r.output)) {
    throw new UserError(`agent "${id}": wrangler rejected its bundle (config ${config}):\n${r.output.trim().split("\n").slice(-12).join("\n")}`);
  }
}

async function deploy(config: string, a: GroupAgent, group: GroupSpec, ctx: TargetContext): Promise<string> {
  const r = await runWrangler(["deploy", "-c", config]);
  if (r.code !== 0) throw authProblem(r.output) ?? new UserError(`agent "${a.agent.id}": wrangler deploy failed (config ${config}):\n${r.output.trim().split("\n").slice(-12).join("\n")}`);
  for (const name of [...a.agent.secrets, ...("ADE_MESH_TOKEN" in group.secrets ? ["ADE_MESH_TOKEN"] : [])]) {
    const value = group.secrets[name];
    if (value === undefined) continue;
    ctx.progress(a.agent.id, `secret ${name}`);
    const s = await runWrangler(["secret", "put", name, "-c", config], { stdin: value });
    if (s.code !== 0) throw authProblem(s.output) ?? new UserError(`agent "${a.agent.id}": wrangler secret put ${name} failed:\n${s.output.trim().split("\n").slice(-5).join("\n")}`);
  }
  return deployedUrl(r.output) ?? a.planned.url;
}

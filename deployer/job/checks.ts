/**
 * @module deployer/job/checks
 * Rules zod cannot express: names, references between sections, ports per host, modules, targets, backends a
 * target cannot reach, secrets. Each rule appends diagnostics; none stops the others.
 */
import { BACKEND_TYPES } from "../../workers/config";
import { diagnostic, type Diagnostic, type SourceMap } from "./diagnostics";
import { slug, workerName } from "./model";
import { hostKey, isLoopback, LEGACY_BACKENDS, resolveBackend, resolveModule } from "./resolve";
import { AGENT_ID, type Job, type JobAgent, type Topology } from "./schema";
import { didYouMean } from "./suggest";
import { topologyRefs } from "./topology";

/** The parts of a job that parsed; checks run on these even when other parts did not. */
export interface PartialJob {
  name?: string;
  agents: Array<{ agent: JobAgent; index: number }>;
  /** Every agent id in the file, including agents whose entry did not parse (so references to them still resolve). */
  ids: string[];
  topology?: Topology;
  full?: Job;
  entryPoint?: string | null;
  otelProtocol?: string;
}

export interface CheckContext {
  source: SourceMap;
  dir: string;
  env: Record<string, string | undefined>;
  out: Diagnostic[];
}

const err = (c: CheckContext, code: string, path: (string | number)[], message: string, hint?: string, key = false) =>
  c.out.push(diagnostic(c.source, "error", code, path, message, hint, { key }));
const warn = (c: CheckContext, code: string, path: (string | number)[], message: string, hint?: string, key = false) =>
  c.out.push(diagnostic(c.source, "warning", code, path, message, hint, { key }));

export function checkNames(job: PartialJob, c: CheckContext): void {
  if (job.name !== undefined && !slug(job.name)) err(c, "bad-name", ["job", "name"], `job name "${job.name}" has no letters or digits`, "Worker names are built from it: use e.g. my-mesh");
  const seen = new Map<string, number>();
  const workers = new Map<string, string>();
  for (const { agent, index } of job.agents) {
    if (!AGENT_ID.test(agent.id)) {
      err(c, "bad-name", ["agents", index, "id"], `agent id "${agent.id}" is not a valid name`, "start with a letter; use letters, digits, '-' or '_' (at most 48 characters)");
      continue;
    }
    if (seen.has(agent.id)) err(c, "duplicate-id", ["agents", index, "id"], `agent id "${agent.id}" is used twice (first at agents[${seen.get(agent.id)}])`, "give every agent its own id");
    else seen.set(agent.id, index);
    if (job.name !== undefined) {
      const worker = workerName(job.name, agent.id);
      const clash = workers.get(worker);
      if (clash && clash !== agent.id) err(c, "duplicate-id", ["agents", index, "id"], `agents "${clash}" and "${agent.id}" would both deploy as Worker "${worker}"`, "rename one of them");
      workers.set(worker, agent.id);
      if (worker.length > 63) err(c, "bad-name", ["agents", index, "id"], `Worker name "${worker}" is longer than 63 characters`, "shorten the job name or the agent id");
    }
  }
}

export function checkReferences(job: PartialJob, c: CheckContext): void {
  const ids = job.ids;
  // With no readable agent list every reference would dangle: the schema error about "agents" says it all.
  if (ids.length === 0) return;
  const known = new Set(ids);
  const t = job.topology;
  if (t) {
    for (const ref of topologyRefs(t)) {
      if (!known.has(ref.id)) err(c, "dangling-ref", ref.path, `"${ref.id}" is not an agent in this job.${didYouMean(ref.id, ids)}`, `agents are: ${ids.join(", ")}`);
    }
    const need = (field: keyof Topology, what: string) => t[field] === undefined && err(c, "missing-field", ["topology"], `topology "${t.type}" needs "${field}" (${what})`);
    if (t.type === "hub-spoke") {
      need("hub", "the agent that routes to the others");
      need("spokes", "the agents the hub may call");
      if (t.hub && t.spokes?.includes(t.hub)) err(c, "bad-topology", ["topology", "spokes", t.spokes.indexOf(t.hub)], `the hub "${t.hub}" cannot be one of its own spokes`);
    }
    if (t.type === "pipeline") need("stages", "the agents in order");
    if (t.type === "dag") need("connections", "the edges: {from, to}");
    if (t.type === "mesh") {
      need("agents", "the members");
      if (t.agents && t.agents.length < 2) err(c, "bad-topology", ["topology", "agents"], `a mesh needs at least 2 agents, got ${t.agents.length}`);
    }
    if (t.type === "hierarchical") {
      need("root", "the top agent");
      need("levels", "the layers below the root");
    }
  }
  if (typeof job.entryPoint === "string" && !known.has(job.entryPoint)) {
    err(c, "dangling-ref", ["execution", "entry_point"], `entry point "${job.entryPoint}" is not an agent in this job.${didYouMean(job.entryPoint, ids)}`);
  }
}

export function checkModules(job: PartialJob, c: CheckContext): void {
  for (const { agent, index } of job.agents) {
    const r = resolveModule(agent, c.dir);
    if (!r.ok) err(c, "missing-module", ["agents", index, r.field], r.message, r.hint);
  }
}

export function checkTargets(job: PartialJob, c: CheckContext): void {
  const ports = new Map<string, { id: string; index: number }>();
  for (const { agent, index } of job.agents) {
    const d = agent.deployment;
    const at = (f: string) => ["agents", index, "deployment", f];
    if (d.target === "container" || d.target === "kubernetes") {
      err(c, "unsupported-target", at("target"), `target "${d.target}" is not supported: every agent runs as a Cloudflare Worker`, 'use "localhost" (this machine), "remote" (an SSH host) or "cloudflare" (the edge)');
      continue;
    }
    if (d.target === "remote" && !d.host) err(c, "missing-field", at("target"), `a "remote" target needs "deployment.host" (an SSH host or ~/.ssh/config alias)`, "add host: my-server");
    if (d.password !== undefined) err(c, "password", at("password"), "passwords are not accepted in job files", "use ssh_key: ~/.ssh/id_ed25519 or a running ssh-agent");
    if (d.gpu !== undefined) warn(c, "misplaced-field", at("gpu"), '"deployment.gpu" is not a deployment setting and is ignored', "move it to resources.gpu", true);
    if (d.target === "cloudflare" && !d.account_id && !c.env.CLOUDFLARE_ACCOUNT_ID) {
      warn(c, "missing-account", at("target"), "no Cloudflare account: neither deployment.account_id nor CLOUDFLARE_ACCOUNT_ID is set", "add account_id: ${CLOUDFLARE_ACCOUNT_ID} (wrangler needs it for accounts with several members)");
    }
    if (d.target !== "cloudflare") {
      for (const f of ["account_id", "route", "workers_dev"] as const) if (d[f] !== undefined) warn(c, "ignored-field", at(f), `"${f}" only applies to target "cloudflare" and is ignored here`, undefined, true);
    }
    const port = agent.config.port;
    if (d.target === "cloudflare") continue;
    if (port === undefined) {
      err(c, "missing-field", ["agents", index, "config"], `agent "${agent.id}" needs "config.port" (its ${d.target === "remote" ? "port on " + (d.host ?? "the host") : "loopback port"})`, "add port: 9001 (any free port; peers are called by name, not by port)");
      continue;
    }
    const key = `${hostKey(d.target, d.host)}:${port}`;
    const other = ports.get(key);
    if (other) {
      err(c, "port-clash", ["agents", index, "config", "port"], `port ${port} on ${hostKey(d.target, d.host)} is already used by agent "${other.id}"`, "give each agent on one host its own port");
    } else ports.set(key, { id: agent.id, index });
  }
}

export function checkBackends(job: PartialJob, c: CheckContext, override?: (typeof BACKEND_TYPES)[number]): void {
  if (!job.full) return;
  const full = job.full;
  const missingSecrets = new Map<string, { path: (string | number)[]; agents: string[] }>();
  for (const { agent, index } of job.agents) {
    const r = resolveBackend(full, agent, index, override);
    if (r.unknownLegacy) {
      err(c, "bad-value", r.unknownLegacy.path, `AGENT_BACKEND_TYPE "${r.unknownLegacy.value}" is not a backend.${didYouMean(r.unknownLegacy.value, Object.keys(LEGACY_BACKENDS))}`, `use one of ${Object.keys(LEGACY_BACKENDS).join(", ")}, or a backend: block`);
    }
    const b = r.backend;
    if (b.type === "ollama" && agent.deployment.target === "cloudflare" && b.baseUrl && isLoopback(new URL(b.baseUrl).hostname)) {
      err(c, "unreachable-backend", r.source, `agent "${agent.id}" runs on Cloudflare but its Ollama is at ${b.baseUrl}, which a Worker on the edge cannot reach`, "run this agent on the Ollama machine (target: remote) or set backend.base_url to a URL the edge can reach");
    }
    if (b.apiKeySecret && !c.env[b.apiKeySecret] && !(b.type === "gemini" && c.env.GEMINI_API_KEY)) {
      const entry = missingSecrets.get(b.apiKeySecret) ?? { path: r.source, agents: [] };
      entry.agents.push(agent.id);
      missingSecrets.set(b.apiKeySecret, entry);
    }
  }
  for (const [name, { path, agents }] of missingSecrets) {
    warn(c, "missing-secret", path, `secret ${name} is not set (needed by ${agents.join(", ")}); start will refuse to run without it`, `export ${name}=… (or use --backend offline to try the mesh without a key)`);
  }
}

export function checkObservability(job: PartialJob, c: CheckContext): void {
  if (job.otelProtocol === "grpc") {
    err(c, "grpc-in-worker", ["observability", "otel", "protocol"], 'OTLP over gRPC cannot run inside a Worker (no raw HTTP/2 sockets)', 'use protocol: http (OTLP/HTTP, usually port 4318)');
  }
  if (job.full?.deployment.strategy === "top-down") {
    warn(c, "strategy", ["deployment", "strategy"], 'strategy "top-down" is deployed as "staged": callees start before their callers so every binding resolves');
  }
}

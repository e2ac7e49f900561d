/**
 * @module deployer/job/build-model
 * A valid `Job` → the resolved `JobModel` the planner and generator use. Only called when validation passed,
 * so resolution failures here are bugs, not user errors.
 */
import type { BackendType } from "../../workers/config";
import { workerName, type JobModel, type ResolvedAgent, type TargetSpec } from "./model";
import { resolveBackend, resolveModule } from "./resolve";
import type { Job, JobAgent } from "./schema";
import { defaultEntryPoint, topologyEdges } from "./topology";

/** The standard variable agents read OTLP export headers from. */
export const OTLP_HEADERS_SECRET = "OTEL_EXPORTER_OTLP_HEADERS";

/** Environment keys whose values are secrets: never written as vars. */
export const SECRET_KEY = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|AUTH)/i;

export function buildModel(job: Job, opts: { file: string; dir: string; env: Record<string, string | undefined>; backend?: BackendType }): JobModel {
  const agents = job.agents.map((agent, index) => resolveAgent(job, agent, index, opts));
  const ids = agents.map((a) => a.id);
  const edges = topologyEdges(job.topology, ids);
  const otel = job.observability?.otel;
  const entry = job.execution.entry_point ?? defaultEntryPoint(job.topology, ids, edges);
  return {
    file: opts.file,
    dir: opts.dir,
    name: job.job.name,
    version: job.job.version,
    description: job.job.description,
    agents,
    edges,
    ...(entry ? { entryPoint: entry } : {}),
    maxHops: job.topology.max_hops,
    strategy: job.deployment.strategy,
    timeoutSec: job.deployment.timeout,
    healthCheck: {
      enabled: job.deployment.health_check.enabled,
      intervalSec: job.deployment.health_check.interval,
      retries: job.deployment.health_check.retries,
      timeoutSec: job.deployment.health_check.timeout,
    },
    otel: {
      enabled: otel?.enabled ?? false,
      ...(otel?.endpoint ? { endpoint: otel.endpoint } : {}),
      protocol: otel?.protocol === "http/protobuf" ? "http/protobuf" : "http/json",
      ...(otel?.service_name ? { serviceName: otel.service_name } : {}),
      captureContent: otel?.capture_content ?? false,
      ...(otel?.headers && Object.keys(otel.headers).length ? { headers: otel.headers } : {}),
    },
  };
}

function resolveAgent(job: Job, agent: JobAgent, index: number, opts: { dir: string; backend?: BackendType }): ResolvedAgent {
  const module = resolveModule(agent, opts.dir);
  if (!module.ok) throw new Error(`internal: unresolved module for ${agent.id}`);
  const { backend } = resolveBackend(job, agent, index, opts.backend);
  const { port, name, ...settings } = agent.config;
  const env = { ...job.environment, ...agent.deployment.environment };
  const vars: Record<string, string> = {};
  const secrets = new Set<string>();
  for (const [k, v] of Object.entries(env)) {
    if (SECRET_KEY.test(k)) secrets.add(k);
    else vars[k] = v;
  }
  if (backend.apiKeySecret) secrets.add(backend.apiKeySecret);
  if (job.observability?.otel?.headers && Object.keys(job.observability.otel.headers).length) secrets.add(OTLP_HEADERS_SECRET);
  return {
    id: agent.id,
    index,
    workerName: workerName(job.job.name, agent.id),
    displayName: typeof name === "string" ? name : agent.id,
    module: module.module,
    backend,
    target: targetOf(job, agent),
    ...(typeof port === "number" ? { port } : {}),
    settings,
    vars,
    secrets: [...secrets].sort(),
  };
}

function targetOf(job: Job, agent: JobAgent): TargetSpec {
  const d = agent.deployment;
  if (d.target === "remote") {
    return {
      kind: "remote",
      host: d.host!,
      ...(d.user ? { user: d.user } : {}),
      sshPort: d.port ?? 22,
      ...((d.ssh_key ?? job.deployment.ssh?.key_file) ? { sshKey: (d.ssh_key ?? job.deployment.ssh?.key_file)! } : {}),
      workdir: d.workdir ?? `~/.ade/agents/${job.job.name}`,
      ...(d.known_hosts ? { knownHosts: d.known_hosts } : {}),
      ...(d.host_key ? { hostKey: d.host_key } : {}),
      ...(d.node ? { node: d.node } : {}),
      timeoutSec: job.deployment.ssh?.timeout ?? 30,
    };
  }
  if (d.target === "cloudflare") {
    return { kind: "cloudflare", ...(d.account_id ? { accountId: d.account_id } : {}), ...(d.route ? { route: d.route } : {}), workersDev: d.workers_dev ?? !d.route };
  }
  return { kind: "localhost" };
}

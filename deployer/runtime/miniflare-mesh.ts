/**
 * @module deployer/runtime/miniflare-mesh
 * Miniflare options for a whole mesh in ONE workerd: each agent a Worker with its config var, secrets, SQLite
 * session DO and (optionally) its own loopback port; peers wired as service bindings. `ade start` and the
 * tests use exactly this. Never reaches the network: `cf: false`, loopback host.
 */
import { dirname, join, resolve } from "node:path";
import type { MiniflareOptions, WorkerOptions } from "miniflare";
import { CONFIG_VAR, RuntimeConfigSchema, type RuntimeConfigInput } from "../../workers/config";
import { COMPATIBILITY_DATE, COMPATIBILITY_FLAGS, SESSION_CLASS, SESSIONS_BINDING } from "./compat";

export interface MeshAgent {
  /** Worker name inside workerd; service bindings point at it. */
  workerName: string;
  config: RuntimeConfigInput;
  /** Loopback port of this agent's own socket; omitted = reachable only through the mesh entry / bindings. */
  port?: number;
  /** Bundle from `bundleWorker`. */
  scriptPath: string;
  secrets?: Record<string, string>;
}

export interface MeshOptions {
  /** Root for persisted state (DO SQLite etc.); omitted = in memory, gone on dispose. */
  persistDir?: string;
  /** Interface every socket binds to (default 127.0.0.1). */
  host?: string;
  /** Port of Miniflare's entry socket (first agent); default 0 = any free port. */
  port?: number;
}

export function meshOptions(agents: MeshAgent[], opts: MeshOptions = {}): MiniflareOptions {
  if (agents.length === 0) throw new Error("a mesh needs at least one agent");
  const host = opts.host ?? "127.0.0.1";
  const byAgentId = new Map<string, MeshAgent>();
  for (const a of agents) {
    const id = RuntimeConfigSchema.safeParse(a.config).data?.agent ?? a.config.agent;
    if (typeof id === "string") byAgentId.set(id, a);
  }
  const names = new Set<string>();
  const workers: WorkerOptions[] = agents.map((agent) => {
    if (names.has(agent.workerName)) throw new Error(`two agents share the Worker name "${agent.workerName}"`);
    names.add(agent.workerName);
    const scriptPath = resolve(agent.scriptPath);
    return {
      name: agent.workerName,
      modules: true,
      // workerd refuses module paths outside modulesRoot ("can't use '..'"), so root at the bundle's folder.
      modulesRoot: dirname(scriptPath),
      scriptPath,
      compatibilityDate: COMPATIBILITY_DATE,
      compatibilityFlags: [...COMPATIBILITY_FLAGS],
      bindings: { ...(agent.secrets ?? {}), [CONFIG_VAR]: agent.config as unknown as Record<string, unknown> },
      durableObjects: { [SESSIONS_BINDING]: { className: SESSION_CLASS, useSQLite: true } },
      serviceBindings: serviceBindingsFor(agent, byAgentId),
      ...(agent.port !== undefined ? { unsafeDirectSockets: [{ host, port: agent.port }] } : {}),
    };
  });
  return {
    host,
    port: opts.port ?? 0,
    cf: false,
    liveReload: false,
    workers,
    ...(opts.persistDir
      ? {
          durableObjectsPersist: join(resolve(opts.persistDir), "do"),
          kvPersist: join(resolve(opts.persistDir), "kv"),
          cachePersist: join(resolve(opts.persistDir), "cache"),
        }
      : {}),
  } as MiniflareOptions;
}

/** `peers[].binding` → the Worker name of the agent with that id in this mesh. */
function serviceBindingsFor(agent: MeshAgent, byAgentId: Map<string, MeshAgent>): Record<string, string> {
  const parsed = RuntimeConfigSchema.safeParse(agent.config);
  // A config the runtime will reject still starts, so the agent can answer /health with the reason.
  if (!parsed.success) return {};
  const out: Record<string, string> = {};
  for (const peer of parsed.data.peers) {
    if (!peer.binding) continue;
    const target = byAgentId.get(peer.name);
    if (!target) {
      throw new Error(`agent "${parsed.data.agent}" binds peer "${peer.name}" as ${peer.binding}, but no agent "${peer.name}" is in this mesh`);
    }
    out[peer.binding] = target.workerName;
  }
  return out;
}

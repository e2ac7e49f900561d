/**
 * @module deployer/targets/target
 * The one interface every place agents can run implements: this machine, an SSH host, Cloudflare. A target
 * starts a GROUP (the agents of one job that share a runtime and reach each other by service binding), and
 * can stop it, tell whether it still runs, and show its logs. Health checks are the orchestrator's, by URL.
 */
import type { RuntimeConfigInput } from "../../workers/config";
import type { ResolvedAgent, TargetSpec } from "../job/model";
import type { PlannedAgent } from "../plan";

export type TargetKind = TargetSpec["kind"];

export interface GroupAgent {
  agent: ResolvedAgent;
  planned: PlannedAgent;
  runtime: RuntimeConfigInput;
  /** Local path of the agent's Worker bundle, and its hash. */
  bundle: { path: string; hash: string };
  /** Hash of everything that defines this agent's deployment (bundle + runtime config + port). */
  fingerprint: string;
}

export interface GroupSpec {
  /** `local`, `ssh:user@host:22`, `cloudflare:<account>`. */
  key: string;
  kind: TargetKind;
  agents: GroupAgent[];
  /** Secret values by name, read from the deployer's environment (never written to build output). */
  secrets: Record<string, string>;
}

export interface TargetContext {
  deploymentId: string;
  job: string;
  /** `.ade/` root. */
  home: string;
  /** Per-deployment log folder. */
  logDir: string;
  /** Durable Object state for this job (sessions survive stop/start). */
  stateDir: string;
  progress(agentId: string, message: string): void;
  dryRun: boolean;
  /** Aborted when the user interrupts `ade start`: stop waiting, stop what was spawned, and throw. */
  signal?: AbortSignal;
  /**
   * Called as soon as a runtime process exists, before it is ready, so that the deployment records it at once:
   * if `ade start` is killed mid-way, `ade stop` still finds and stops it.
   */
  onSpawned?(partial: GroupRecord): void | Promise<void>;
}

export interface RuntimeState {
  running: boolean;
  /** Restarts of a crashed runtime by its runner (0 when unknown). */
  crashRestarts: number;
}

/** What a target records about a started group, enough to stop it and read its logs from another process. */
export interface GroupRecord {
  key: string;
  kind: TargetKind;
  /** Agent ids in this group. */
  agents: string[];
  /** Process id of the runner (on the remote host for SSH). */
  pid?: number;
  /** Where its logs are (a local path, or a path on the SSH host). */
  logFile?: string;
  /** Reachable URL of each agent. */
  urls: Record<string, string>;
  /** Fingerprint per agent, to restart only what changed. */
  fingerprints: Record<string, string>;
  /** Target-specific data (SSH connection, deployed Worker names…). */
  meta?: Record<string, unknown>;
}

export interface LogOptions {
  agent?: string;
  follow?: boolean;
  tail?: number;
  signal?: AbortSignal;
}

export interface Target {
  kind: TargetKind;
  /**
   * Starts every agent of the group; resolves once the runtime is up (the orchestrator then health-checks).
   * `previous` is the group as it ran before when the job changed: the target replaces it (a local runner is
   * stopped first; Cloudflare redeploys only the agents whose fingerprint changed, never deleting a Worker).
   */
  start(group: GroupSpec, ctx: TargetContext, previous?: GroupRecord): Promise<GroupRecord>;
  /** Stops the group; stopping an already stopped group succeeds. `force`: kill at once, no grace period. */
  stop(record: GroupRecord, ctx: Pick<TargetContext, "home"> & { force?: boolean }): Promise<void>;
  /** Whether the group's runtime is still there (process alive / Worker deployed). */
  isRunning(record: GroupRecord): Promise<boolean>;
  /** The spans the group's runner recorded where it runs (NDJSON), for targets whose runner is not local. */
  recordedSpans?(record: GroupRecord): Promise<string>;
  /**
   * `isRunning` plus how often the runner had to start a crashed runtime again, in one look (one SSH session
   * on a remote host). Targets without a runner of their own leave it out.
   */
  runtimeState?(record: GroupRecord): Promise<RuntimeState>;
  /** Writes log lines of the group (optionally one agent) to `write`; with `follow`, until the signal aborts. */
  logs(record: GroupRecord, opts: LogOptions, write: (line: string) => void): Promise<void>;
}

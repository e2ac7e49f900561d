/**
 * @module deployer/runtime/runner-spec
 * What a mesh runner process is told: the agents of one target group, where their bundles are, where state
 * persists. Secrets travel by NAME only; the runner reads their values from its own environment.
 */
import type { RuntimeConfigInput } from "../../workers/config";

export interface RunnerAgent {
  id: string;
  workerName: string;
  config: RuntimeConfigInput;
  port: number;
  /** Bundle path (absolute on the machine the runner runs on). */
  scriptPath: string;
  /** Names of env vars the runner passes to this agent as secrets. */
  secretNames: string[];
  /** Plain vars from the job's `environment` (what `vars` are in the agent's wrangler config). */
  vars?: Record<string, string>;
}

export interface RunnerSpec {
  deploymentId: string;
  /** Interface the agents listen on: 127.0.0.1 locally, 0.0.0.0 on an SSH host peers reach over the network. */
  host: string;
  persistDir: string;
  agents: RunnerAgent[];
  /** When set, the runner hosts an OTLP/HTTP receiver on loopback, writes spans here, and points agents at it. */
  traceFile?: string;
}

/** The line a runner prints once every agent listens; the JSON maps agent id → URL. */
export const READY_MARKER = "ADE_RUNNER_READY";

/** Where a runner records how often its workerd had to be restarted (beside its spec). */
export function supervisorFile(specPath: string): string {
  return specPath.replace(/\.json$/, "") + "-supervisor.json";
}

/** The restart count in a supervisor file's text; 0 when it is missing or unreadable. */
export function restartsIn(text: string): number {
  try {
    const restarts = (JSON.parse(text) as { restarts?: unknown }).restarts;
    return typeof restarts === "number" ? restarts : 0;
  } catch {
    return 0;
  }
}

/**
 * @module deployer/job/model
 * The job after validation: every agent with its module, backend, target and peers resolved. The planner and
 * the config generator read only this, never the raw YAML.
 */
import type { BackendConfig } from "../../workers/config";
import type { Edge } from "./topology";

export type ResolvedModule = { kind: "builtin"; name: string } | { kind: "file"; spec: string; path: string };

export type TargetSpec =
  | { kind: "localhost" }
  | {
      kind: "remote";
      host: string;
      user?: string;
      sshPort: number;
      sshKey?: string;
      workdir: string;
      knownHosts?: string;
      hostKey?: string;
      node?: string;
      timeoutSec: number;
    }
  | { kind: "cloudflare"; accountId?: string; route?: string; workersDev: boolean };

export interface ResolvedAgent {
  id: string;
  index: number;
  workerName: string;
  displayName: string;
  module: ResolvedModule;
  backend: BackendConfig;
  target: TargetSpec;
  /** Loopback/host port for localhost and remote targets. */
  port?: number;
  /** The agent's `config:` block minus `port` and `name`. */
  settings: Record<string, unknown>;
  /** Plain (non-secret) environment: job-wide merged with the agent's own. */
  vars: Record<string, string>;
  /** Names of the secrets the agent needs; values never leave the environment except into `.dev.vars`/`wrangler secret put`. */
  secrets: string[];
}

export interface OtelSettings {
  enabled: boolean;
  endpoint?: string;
  protocol: "http/json" | "http/protobuf";
  serviceName?: string;
  captureContent: boolean;
  /** OTLP headers (often an API key): handed to agents as the secret OTEL_EXPORTER_OTLP_HEADERS, never as a var. */
  headers?: Record<string, string>;
}

export interface JobModel {
  file: string;
  /** Directory of the job file (custom modules resolve from here). */
  dir: string;
  name: string;
  version: string;
  description: string;
  agents: ResolvedAgent[];
  edges: Edge[];
  entryPoint?: string;
  maxHops: number;
  strategy: "sequential" | "parallel" | "staged" | "top-down";
  timeoutSec: number;
  healthCheck: { enabled: boolean; intervalSec: number; retries: number; timeoutSec: number };
  otel: OtelSettings;
}

/** `simple-weather` + `fact_checker` → `simple-weather-fact-checker` (Worker names: lowercase, digits, dashes). */
export function workerName(job: string, agent: string): string {
  return `${slug(job)}-${slug(agent)}`;
}

export function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

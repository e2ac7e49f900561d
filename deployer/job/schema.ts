/**
 * @module deployer/job/schema
 * The job file's shape, in zod: the seed engine's format (every field, with its meaning) plus our extensions
 * (`backend`, cloudflare targets, `topology.max_hops`, `observability`). Shape only: cross-field rules live in
 * `validate.ts`. `RawJob` is what is on disk, `Job` has the defaults filled in.
 */
import { z } from "zod";
import { BACKEND_TYPES } from "../../workers/config";

/** Scalars the seed accepted as strings (YAML reads `1.0` or `3` as numbers). */
const stringish = z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v));

/** Agent ids become Worker names, binding names and peer enum values. */
export const AGENT_ID = /^[A-Za-z][A-Za-z0-9_-]{0,47}$/;

export const BackendSchema = z.strictObject({
  type: z.enum(BACKEND_TYPES),
  model: z.string().optional(),
  base_url: z.string().optional(),
  /** Name of the environment variable / secret that holds the API key. */
  api_key_env: z.string().optional(),
});

export const TARGETS = ["localhost", "remote", "cloudflare", "container", "kubernetes"] as const;

export const AgentDeploymentSchema = z.strictObject({
  target: z.enum(TARGETS),
  // remote (SSH)
  host: z.string().optional(),
  user: z.string().optional(),
  port: z.number().int().min(1).max(65535).optional(),
  ssh_key: z.string().optional(),
  password: z.string().optional(),
  workdir: z.string().optional(),
  known_hosts: z.string().optional(),
  /** Pinned host key fingerprint (`SHA256:…`), instead of a known_hosts entry. */
  host_key: z.string().optional(),
  /** The seed's Python interpreter path: accepted for compatibility, not used (agents run on Node/workerd). */
  python: z.string().optional(),
  /** Node.js binary on the remote host. */
  node: z.string().optional(),
  // cloudflare
  account_id: stringish.optional(),
  route: z.string().optional(),
  workers_dev: z.boolean().optional(),
  // container / kubernetes (refused in validate, kept so the message can be precise)
  image: z.string().optional(),
  network: z.string().optional(),
  container_name: z.string().optional(),
  namespace: z.string().optional(),
  service_type: z.string().optional(),
  environment: z.record(z.string(), stringish).default({}),
  /** Seen in seed jobs here instead of under `resources`; accepted with a warning. */
  gpu: z.number().int().optional(),
});

export const ResourcesSchema = z.strictObject({
  cpu: z.number().optional(),
  memory: stringish.optional(),
  gpu: z.number().int().optional(),
});

export const AgentSchema = z.strictObject({
  id: z.string(),
  /** The seed's class name; checked against the module when the module is a seed built-in. */
  type: z.string().optional(),
  module: z.string(),
  config: z.looseObject({ port: z.number().int().min(1).max(65535).optional(), name: z.string().optional() }).default({}),
  backend: BackendSchema.optional(),
  deployment: AgentDeploymentSchema,
  resources: ResourcesSchema.optional(),
});

const AgentRefs = z.array(z.string());

export const ConnectionSchema = z.strictObject({
  from: z.string(),
  to: z.union([z.string(), AgentRefs]),
  type: z.string().optional(),
  /** Reachable `host:port` (or URL) of the callee when it runs on another target. */
  address: z.string().optional(),
});

export const LevelSchema = z.union([AgentRefs, z.strictObject({ parent: z.string(), children: AgentRefs })]);

export const TOPOLOGY_TYPES = ["hub-spoke", "pipeline", "dag", "mesh", "hierarchical", "dynamic"] as const;

export const TopologySchema = z.strictObject({
  type: z.enum(TOPOLOGY_TYPES),
  hub: z.string().optional(),
  spokes: AgentRefs.optional(),
  stages: z.array(z.union([z.string(), AgentRefs])).optional(),
  connections: z.array(ConnectionSchema).optional(),
  agents: AgentRefs.optional(),
  root: z.string().optional(),
  levels: z.array(LevelSchema).optional(),
  max_hops: z.number().int().min(0).max(32).default(4),
});

export const STRATEGIES = ["sequential", "parallel", "staged", "top-down"] as const;

export const DeploymentSchema = z.strictObject({
  strategy: z.enum(STRATEGIES).default("staged"),
  timeout: z.number().positive().default(60),
  health_check: z
    .strictObject({
      enabled: z.boolean().default(true),
      interval: z.number().positive().default(5),
      retries: z.number().int().min(0).default(3),
      timeout: z.number().positive().default(5),
    })
    .prefault({}),
  ssh: z.strictObject({ key_file: z.string().optional(), timeout: z.number().positive().default(30) }).optional(),
  network: z
    .strictObject({ allow_cross_host: z.boolean().default(true), firewall_rules: z.array(z.unknown()).optional() })
    .optional(),
});

export const OtelSchema = z.strictObject({
  enabled: z.boolean().default(true),
  endpoint: z.string().optional(),
  protocol: z.enum(["http", "http/json", "http/protobuf", "grpc"]).default("http"),
  service_name: z.string().optional(),
  headers: z.record(z.string(), stringish).optional(),
  capture_content: z.boolean().default(false),
});

export const JobSchema = z.strictObject({
  job: z.strictObject({
    name: z.string(),
    version: stringish,
    description: z.string(),
    tags: z.array(stringish).default([]),
  }),
  backend: BackendSchema.optional(),
  agents: z.array(AgentSchema).min(1),
  topology: TopologySchema,
  deployment: DeploymentSchema.prefault({}),
  execution: z
    .looseObject({ entry_point: z.string().nullable().optional(), auto_start: z.boolean().optional() })
    .default({}),
  environment: z.record(z.string(), stringish).default({}),
  observability: z.strictObject({ otel: OtelSchema.optional() }).optional(),
});

export type RawJob = z.input<typeof JobSchema>;
export type Job = z.output<typeof JobSchema>;
export type JobAgent = Job["agents"][number];
export type AgentDeployment = JobAgent["deployment"];
export type Topology = Job["topology"];
export type JobBackend = z.output<typeof BackendSchema>;

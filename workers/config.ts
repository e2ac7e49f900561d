/**
 * @module workers/config
 * The runtime configuration an agent Worker reads at start-up (the `ADE_CONFIG` var that `ade build` writes).
 * Shared by the deployer (which emits it) and the runtime (which parses it). Pure zod: no Worker or Node APIs.
 */
import { z } from "zod";

export const BACKEND_TYPES = ["anthropic", "ollama", "gemini", "offline"] as const;
export type BackendType = (typeof BACKEND_TYPES)[number];

/** Name of the var that carries the runtime config. */
export const CONFIG_VAR = "ADE_CONFIG";
/** Secret holding the per-deployment bearer token agents on different targets use with each other. */
export const MESH_TOKEN_SECRET = "ADE_MESH_TOKEN";
/** Header carrying how many agent-to-agent hops led to this request. */
export const HOP_HEADER = "x-ade-hop";
/** Header carrying the caller agent's name on peer calls. */
export const CALLER_HEADER = "x-ade-caller";

export const BackendConfigSchema = z.object({
  type: z.enum(BACKEND_TYPES),
  model: z.string(),
  baseUrl: z.string().optional(),
  /** Name of the secret (env binding) holding the API key; the value never appears in config. */
  apiKeySecret: z.string().optional(),
});
export type BackendConfig = z.infer<typeof BackendConfigSchema>;

export const PeerConfigSchema = z.object({
  /** The peer's agent id in the job: the only way a model names it. */
  name: z.string(),
  /** Service binding name (`env[binding].fetch`) when the peer runs on the same target. */
  binding: z.string().optional(),
  /** Base URL when the peer is on another target (HTTP A2A). */
  url: z.string().optional(),
  description: z.string().optional(),
});
export type PeerConfig = z.infer<typeof PeerConfigSchema>;

export const OtelConfigSchema = z.object({
  enabled: z.boolean().default(false),
  endpoint: z.string().optional(),
  protocol: z.enum(["http/protobuf", "http/json"]).default("http/json"),
  serviceName: z.string().optional(),
  captureContent: z.boolean().default(false),
});
export type OtelConfig = z.infer<typeof OtelConfigSchema>;

export const RuntimeConfigSchema = z.object({
  job: z.string(),
  agent: z.string(),
  /** Built-in agent name (`weather`, `controller`, …) or `custom` for a user module bundled into the entry. */
  module: z.string(),
  displayName: z.string(),
  description: z.string().optional(),
  version: z.string().default("1.0.0"),
  deploymentId: z.string().optional(),
  /** The agent's free-form `config:` block from the job, minus `port` and `name`. */
  settings: z.record(z.string(), z.unknown()).default({}),
  backend: BackendConfigSchema,
  peers: z.array(PeerConfigSchema).default([]),
  /** Longest chain of agent-to-agent calls allowed; a call that would exceed it is refused. */
  maxHops: z.number().int().min(0).default(4),
  /** Most LLM turns in one agent loop before it gives up. */
  maxSteps: z.number().int().min(1).default(8),
  timeouts: z
    .object({
      llmMs: z.number().int().positive().default(60_000),
      toolMs: z.number().int().positive().default(30_000),
      peerMs: z.number().int().positive().default(90_000),
    })
    .prefault({}),
  /** URL peers on other targets use to reach this agent (advertised in the agent card). */
  publicUrl: z.string().optional(),
  /** When true, every request except /health must carry `Authorization: Bearer <ADE_MESH_TOKEN>`. */
  requireToken: z.boolean().default(false),
  otel: OtelConfigSchema.prefault({}),
});
export type RuntimeConfigInput = z.input<typeof RuntimeConfigSchema>;
export type RuntimeConfig = z.output<typeof RuntimeConfigSchema>;

/** Secrets an agent may read from its env; only names travel in config. */
export const SECRET_NAMES = ["ANTHROPIC_API_KEY", "GOOGLE_API_KEY", "GEMINI_API_KEY", "OLLAMA_API_KEY", MESH_TOKEN_SECRET] as const;

/** The binding name a peer's service binding gets in the caller's env. */
export function peerBindingName(peer: string): string {
  return `PEER_${peer.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/**
 * @module deployer/job/resolve
 * Resolves what an agent entry names: its module (built-in or a file beside the job), its LLM backend (the
 * `backend:` block, or the seed's AGENT_BACKEND_TYPE environment) and which host its port lives on.
 */
import { existsSync, statSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { BUILTIN_AGENTS, findBuiltin } from "../../workers/agents/catalog";
import type { BackendConfig, BackendType } from "../../workers/config";
import type { ResolvedModule } from "./model";
import type { Job, JobAgent } from "./schema";

export const DEFAULT_MODELS: Record<BackendType, string> = {
  anthropic: "claude-sonnet-4-5",
  ollama: "llama3",
  gemini: "gemini-2.5-flash",
  offline: "offline",
};

/** The seed's AGENT_BACKEND_TYPE values and ours. */
export const LEGACY_BACKENDS: Record<string, BackendType> = {
  claude: "anthropic",
  crewai: "ollama",
  gemini: "gemini",
  anthropic: "anthropic",
  ollama: "ollama",
  offline: "offline",
};

export const DEFAULT_KEY_SECRET: Partial<Record<BackendType, string>> = { anthropic: "ANTHROPIC_API_KEY", gemini: "GOOGLE_API_KEY" };

export type ModuleResolution = { ok: true; module: ResolvedModule } | { ok: false; message: string; hint: string; field: "module" | "type" };

export function resolveModule(agent: Pick<JobAgent, "module" | "type">, jobDir: string): ModuleResolution {
  const spec = agent.module;
  if (/^\.{0,2}\/|\.(ts|js|mjs|mts)$/.test(spec) || isAbsolute(spec)) {
    const path = isAbsolute(spec) ? spec : resolve(jobDir, spec);
    if (existsSync(path) && statSync(path).isFile()) return { ok: true, module: { kind: "file", spec, path } };
    return { ok: false, field: "module", message: `module "${spec}" does not exist: no file at ${path}`, hint: "module paths are relative to the job file; write the agent there (see README, 'Your own agent')" };
  }
  const builtin = findBuiltin(spec);
  if (!builtin) {
    return {
      ok: false,
      field: "module",
      message: `module "${spec}" does not exist: it is neither a built-in agent nor a file`,
      hint: `use a built-in (${BUILTIN_AGENTS.map((b) => b.name).join(", ")}) or a TypeScript file beside the job (module: ./agents/my_agent.ts)`,
    };
  }
  if (spec === builtin.seedModule && agent.type && agent.type !== builtin.seedClass) {
    return { ok: false, field: "type", message: `type "${agent.type}" is not defined in module "${spec}" (it defines ${builtin.seedClass})`, hint: `set type: ${builtin.seedClass}, or module: to the agent you meant` };
  }
  return { ok: true, module: { kind: "builtin", name: builtin.name } };
}

export interface BackendResolution {
  backend: BackendConfig;
  /** Where the choice came from, for messages. */
  source: (string | number)[];
  /** A legacy AGENT_BACKEND_TYPE value that maps to nothing. */
  unknownLegacy?: { value: string; path: (string | number)[] };
}

/**
 * Precedence: the agent's `backend:` → its `deployment.environment` (seed style) → the job's `backend:` →
 * the job's `environment` (seed style) → the seed's default, Claude. `override` (CLI `--backend`) beats all.
 */
export function resolveBackend(job: Job, agent: JobAgent, index: number, override?: BackendType): BackendResolution {
  const agentEnv = agent.deployment.environment;
  const candidates: Array<{ type?: string; model?: string; baseUrl?: string; keyEnv?: string; source: (string | number)[] }> = [
    { type: agent.backend?.type, model: agent.backend?.model, baseUrl: agent.backend?.base_url, keyEnv: agent.backend?.api_key_env, source: ["agents", index, "backend"] },
    legacy(agentEnv, ["agents", index, "deployment", "environment"]),
    { type: job.backend?.type, model: job.backend?.model, baseUrl: job.backend?.base_url, keyEnv: job.backend?.api_key_env, source: ["backend"] },
    legacy(job.environment, ["environment"]),
  ];
  let unknownLegacy: BackendResolution["unknownLegacy"];
  let chosen = candidates.find((c) => c.type !== undefined);
  if (chosen?.type && !(chosen.type in LEGACY_BACKENDS)) {
    unknownLegacy = { value: chosen.type, path: [...chosen.source, "AGENT_BACKEND_TYPE"] };
    chosen = undefined;
  }
  const type: BackendType = override ?? (chosen?.type ? LEGACY_BACKENDS[chosen.type]! : "anthropic");
  const sameAsChosen = !override || (chosen?.type && LEGACY_BACKENDS[chosen.type] === override);
  // Ollama settings from the seed's variables apply whichever block chose ollama.
  const ollamaModel = agentEnv.AGENT_OLLAMA_MODEL ?? job.environment.AGENT_OLLAMA_MODEL;
  const ollamaUrl = agentEnv.AGENT_OLLAMA_BASE_URL ?? job.environment.AGENT_OLLAMA_BASE_URL;
  const model = (sameAsChosen ? chosen?.model : undefined) ?? (type === "ollama" ? ollamaModel : undefined) ?? DEFAULT_MODELS[type];
  const baseUrl = (sameAsChosen ? chosen?.baseUrl : undefined) ?? (type === "ollama" ? (ollamaUrl ?? "http://localhost:11434") : undefined);
  const keySecret = (sameAsChosen ? chosen?.keyEnv : undefined) ?? DEFAULT_KEY_SECRET[type];
  return {
    backend: { type, model, ...(baseUrl ? { baseUrl } : {}), ...(keySecret ? { apiKeySecret: keySecret } : {}) },
    source: chosen?.source ?? ["agents", index],
    ...(unknownLegacy ? { unknownLegacy } : {}),
  };
}

function legacy(env: Record<string, string>, path: (string | number)[]) {
  return { type: env.AGENT_BACKEND_TYPE, source: path };
}

/** Ports share a host when agents run on the same machine: local ones and SSH ones that point back here. */
export function hostKey(target: string, host: string | undefined): string {
  if (target === "localhost") return "localhost";
  if (target === "remote") return host && isLoopback(host) ? "localhost" : `${host ?? "?"}`;
  return `${target}:${host ?? ""}`;
}

export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\./.test(host);
}

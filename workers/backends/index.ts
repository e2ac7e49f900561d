/**
 * @module workers/backends
 * The table of LLM backends by `backend.type`, and where each finds its API key (a secret named in config, never
 * the key itself). Runs in workerd and plain Node alike: fetch and Web APIs only.
 */
import type { BackendConfig, BackendType } from "../config";
import { AnthropicBackend } from "./anthropic";
import { BackendError, type Backend } from "./backend";
import { GeminiBackend } from "./gemini";
import { OfflineBackend } from "./offline";
import { OllamaBackend } from "./ollama";
import type { RetryOptions } from "./retry";

export { BackendError } from "./backend";
export type { Backend, ChatMessage, ChatRequest, ChatResponse, ToolCall, ToolSpec } from "./backend";

export interface CreateBackendOptions {
  /** fetch to use instead of the global one (tests, or a service binding's fetch). */
  fetch?: typeof fetch;
  /** Retry policy; tests shorten the backoff. */
  retry?: RetryOptions;
}

/** Secrets looked up, in order, when the config names none. */
export const DEFAULT_KEY_SECRETS: Record<BackendType, string[]> = {
  anthropic: ["ANTHROPIC_API_KEY"],
  gemini: ["GOOGLE_API_KEY", "GEMINI_API_KEY"],
  ollama: ["OLLAMA_API_KEY"],
  offline: [],
};

function readSecret(env: Record<string, unknown>, name: string): string | undefined {
  const value = env[name];
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

/** The key and the secret it came from; `names[0]` is reported when none is set. */
function findKey(config: BackendConfig, env: Record<string, unknown>): { key?: string; name: string } {
  const names = config.apiKeySecret ? [config.apiKeySecret] : DEFAULT_KEY_SECRETS[config.type];
  for (const name of names) {
    const key = readSecret(env, name);
    if (key) return { key, name };
  }
  return { name: names[0] ?? "" };
}

function missingKey(type: BackendType, name: string, alternatives: string[]): BackendError {
  const either = alternatives.length > 1 ? ` (or ${alternatives.slice(1).join(", ")})` : "";
  return new BackendError(
    `${type} backend needs an API key in the secret ${name}${either}, which is not set. ` +
      `Locally, add \`${name}=<key>\` to .dev.vars; for a deployed Worker, run \`wrangler secret put ${name}\`.`,
    type,
  );
}

/** Builds the backend a config names. Throws BackendError at once when a required key is missing. */
export function createBackend(config: BackendConfig, env: Record<string, unknown>, options: CreateBackendOptions = {}): Backend {
  const { key, name } = findKey(config, env);
  const common = { keyName: name, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.retry ? { retry: options.retry } : {}) };
  switch (config.type) {
    case "anthropic":
      if (!key) throw missingKey("anthropic", name, config.apiKeySecret ? [name] : DEFAULT_KEY_SECRETS.anthropic);
      return new AnthropicBackend(config, { ...common, apiKey: key });
    case "gemini":
      if (!key) throw missingKey("gemini", name, config.apiKeySecret ? [name] : DEFAULT_KEY_SECRETS.gemini);
      return new GeminiBackend(config, { ...common, apiKey: key });
    case "ollama":
      // A local Ollama needs no key; hosted Ollama takes one as a bearer token.
      return new OllamaBackend(config, { ...common, ...(key ? { apiKey: key } : {}) });
    case "offline":
      return new OfflineBackend(config);
    default: {
      const type: never = config.type;
      throw new BackendError(`unknown backend type "${String(type)}"`, "offline");
    }
  }
}

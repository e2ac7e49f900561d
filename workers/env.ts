/**
 * @module workers/env
 * The Worker's bindings and the parsed runtime config. Parsing never throws: a bad `ADE_CONFIG` becomes a
 * message that every route answers with (500), so a misconfigured agent explains itself instead of crashing.
 */
import { z } from "zod";
import { CONFIG_VAR, RuntimeConfigSchema, type RuntimeConfig } from "./config";
import type { SessionDO } from "./session";

export interface Env {
  ADE_CONFIG?: unknown;
  SESSIONS: DurableObjectNamespace<SessionDO>;
  ADE_MESH_TOKEN?: string;
  /** Secrets and service bindings (`PEER_*`) are looked up by name. */
  [binding: string]: unknown;
}

export type ConfigResult = { ok: true; config: RuntimeConfig } | { ok: false; message: string };

// Parsed once per isolate per config value: the var is immutable for the life of the isolate.
const cache = new WeakMap<object, ConfigResult>();
const stringCache = new Map<string, ConfigResult>();

export function loadConfig(env: Env): ConfigResult {
  const raw = env[CONFIG_VAR];
  if (raw === undefined || raw === null) return { ok: false, message: `${CONFIG_VAR} is not set` };
  if (typeof raw === "string") {
    const hit = stringCache.get(raw);
    if (hit) return hit;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      return { ok: false, message: `${CONFIG_VAR} is not valid JSON: ${(err as Error).message}` };
    }
    const result = parse(value);
    stringCache.set(raw, result);
    return result;
  }
  if (typeof raw !== "object") return { ok: false, message: `${CONFIG_VAR} must be an object, got ${typeof raw}` };
  const hit = cache.get(raw);
  if (hit) return hit;
  const result = parse(raw);
  cache.set(raw, result);
  return result;
}

function parse(value: unknown): ConfigResult {
  const parsed = RuntimeConfigSchema.safeParse(value);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, message: `invalid ${CONFIG_VAR}: ${z.prettifyError(parsed.error)}` };
}

/** A string secret from env, or undefined when unset or empty. */
export function secret(env: Env, name: string): string | undefined {
  const v = env[name];
  return typeof v === "string" && v.length > 0 ? v : undefined;
}

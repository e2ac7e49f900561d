/**
 * @module deployer/runtime/compat
 * The one compatibility date and flag set every agent Worker runs with: Miniflare meshes, `wrangler dev` and
 * generated wrangler configs all read these, so local and deployed runtimes cannot drift apart.
 */
export const COMPATIBILITY_DATE = "2026-04-01";
export const COMPATIBILITY_FLAGS: readonly string[] = ["nodejs_compat"];

/** The Durable Object binding and class every agent Worker has (sessions, history, A2A tasks). */
export const SESSIONS_BINDING = "SESSIONS";
export const SESSION_CLASS = "SessionDO";

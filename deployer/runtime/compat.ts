/**
 * @module deployer/runtime/compat
 * The workerd compatibility settings every agent Worker runs with, wherever it runs (Miniflare, wrangler, edge).
 */

/** Fixed so that local runs and deploys behave the same; raise it deliberately, with the workerd in the tree. */
export const COMPATIBILITY_DATE = "2026-04-01";

/** `nodejs_compat`: the OpenTelemetry exporter imports node:async_hooks/node:buffer. */
export const COMPATIBILITY_FLAGS: readonly string[] = ["nodejs_compat"];

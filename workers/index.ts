/**
 * @module workers/index
 * The agent Worker entry: the built-in agents, the session Durable Object, and the factory a generated entry
 * uses for a user's own module (`export default createAgentWorker({ custom: mod }); export { SessionDO }`).
 */
import { BUILTIN_MODULES } from "./agents/index";
import { traceDurableObject } from "./otel";
import { SessionDO as UntracedSessionDO } from "./session";
import { createAgentWorker } from "./worker";

/** The session DO, traced per instance when the agent's tracing is on. */
export const SessionDO = traceDurableObject(UntracedSessionDO);
export { createAgentWorker } from "./worker";
export type { Env } from "./env";

export default createAgentWorker(BUILTIN_MODULES);

/**
 * @module workers/kit
 * What every Worker entry is made of, without any agent in it: the handler factory and the (traced) session
 * Durable Object. `workers/index.ts` adds all built-ins; generated entries add one agent or a user's module.
 */
import { traceDurableObject } from "./otel";
import { SessionDO as UntracedSessionDO } from "./session";

/** The session DO, traced per instance when the agent's tracing is on. */
export const SessionDO = traceDurableObject(UntracedSessionDO);
export { createAgentWorker } from "./worker";

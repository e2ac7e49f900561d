/**
 * @module workers/index
 * The agent Worker entry with every built-in agent: what `ade build` points wrangler at, and what a generated
 * entry for a user's own module may import (`createAgentWorker`, `SessionDO`).
 */
import { BUILTIN_MODULES } from "./agents/index";
import { createAgentWorker } from "./kit";

export { createAgentWorker, SessionDO } from "./kit";
export type { Env } from "./env";

export default createAgentWorker(BUILTIN_MODULES);

/**
 * @module workers/worker
 * `createAgentWorker(modules)`: the Worker handler for a script that carries these agent modules. Called at
 * module evaluation by the entry, which must also export `SessionDO` (the DO class the config binds).
 */
import type { AgentModule } from "./agents/agent-module";
import { createApp } from "./app";
import type { Env } from "./env";
import { traceWorker } from "./otel";
import { registerModules } from "./registry";

export function createAgentWorker(modules: Record<string, AgentModule>): ExportedHandler<Env> {
  registerModules(modules);
  const app = createApp();
  // Traced only when the agent's otel settings say so; see workers/otel.ts.
  return traceWorker({
    fetch: (request, env, ctx) => app.fetch(request, env, ctx),
  });
}

/**
 * @module workers/registry
 * Which agent modules this Worker script can run. `createAgentWorker` fills it at module evaluation, so the
 * Session Durable Object (which may start in an isolate that never served a request) sees the same table.
 */
import type { AgentModule } from "./agents/agent-module";

const modules = new Map<string, AgentModule>();

export function registerModules(table: Record<string, AgentModule>): void {
  for (const [name, mod] of Object.entries(table)) modules.set(name, mod);
}

export function findModule(name: string): AgentModule | undefined {
  return modules.get(name);
}

export function moduleNames(): string[] {
  return [...modules.keys()];
}

/**
 * @module workers/agents/agent-module
 * The shape of an agent module: built-in agents and a user's own `module: ./my_agent.ts` share it.
 * A module is data plus tools; the runtime adds the peer tool (`query_agent`) when the job gives the agent peers.
 */
import type { Tool } from "../tools/tool";

export interface AgentModule {
  /** Short machine name (`weather`). */
  name: string;
  /** One paragraph: what the agent is for. Shown in its agent card and to peers choosing whom to ask. */
  description: string;
  /** The model's instructions; `settings` is the agent's `config:` block from the job. */
  systemPrompt: string | ((settings: Record<string, unknown>) => string);
  tools: Tool[];
  /** Example queries, advertised on the agent card's skills. */
  examples?: string[];
}

/** Identity helper for type inference in agent files. */
export function defineAgent(agent: AgentModule): AgentModule {
  return agent;
}

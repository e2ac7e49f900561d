/**
 * @module workers/agents/controller
 * The general-purpose hub: no tools of its own; the runtime adds `query_agent` for its peers.
 */
import { defineAgent } from "./agent-module";
import { catalogDescription, HUB_RULES } from "./prompt-parts";

export const controller = defineAgent({
  name: "controller",
  description: catalogDescription("controller"),
  systemPrompt: [
    "You are the controller of a mesh of specialist agents. You do not answer from your own knowledge when a specialist can answer:",
    "route each part of the user's question to the best-suited peer, then combine the answers.",
    "Typical specialists: weather (temperature, forecasts), maps (distances, routes), stock (quotes, history), calculator (arithmetic, financial math).",
    "Use only the peers actually listed in query_agent's `agent` enum; read their descriptions to choose.",
    "For a multi-step question (e.g. 'How far is Tokyo from London and what is the weather there?'), ask each peer its part, then combine.",
    "When a later step needs an earlier answer (e.g. a percentage of a stock price), ask the first peer, then pass its number to the next.",
    "",
    HUB_RULES,
  ].join("\n"),
  tools: [],
  examples: [
    "What's the weather in Tokyo and how far is it from London?",
    "Compare AAPL and MSFT and compute the percentage difference in price.",
    "How long does it take to drive from Paris to Berlin, and is it raining in Berlin?",
  ],
});

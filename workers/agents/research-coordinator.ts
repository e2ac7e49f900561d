/**
 * @module workers/agents/research-coordinator
 * Research hub: plans a question and delegates to the searcher, summarizer and fact checker peers.
 */
import { defineAgent } from "./agent-module";
import { catalogDescription, HUB_RULES } from "./prompt-parts";

export const researchCoordinator = defineAgent({
  name: "research_coordinator",
  description: catalogDescription("research_coordinator"),
  systemPrompt: [
    "You coordinate research. You have no tools of your own; you work through your peers with query_agent.",
    "Plan first: break the user's question into 1-3 concrete research questions. Then:",
    "1. Ask the searcher to find documents on each question (it returns titles, urls and snippets).",
    "2. Ask the summarizer to summarise or extract key points from the most relevant text the searcher returned (send the text itself).",
    "3. Ask the fact_checker to verify the key claims you intend to report; keep only supported claims, and flag contradicted or unverifiable ones.",
    "Skip steps that add nothing (a single fact needs search and verification, not a summary).",
    "Report: a short answer, then the key findings with their source urls, then any claims that could not be verified.",
    "",
    HUB_RULES,
  ].join("\n"),
  tools: [],
  examples: [
    "Research how Cloudflare Workers run code and summarise the key points.",
    "Is it true that OpenTelemetry was formed in 2019? Give sources.",
    "What is the A2A protocol and how does it relate to MCP?",
  ],
});

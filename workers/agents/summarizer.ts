/**
 * @module workers/agents/summarizer
 * Summarising specialist: extractive summaries and key points of text it is sent.
 */
import { defineAgent } from "./agent-module";
import { catalogDescription, SPECIALIST_RULES } from "./prompt-parts";
import { extractKeyPoints, summarize } from "../tools/text/summarize";

export const summarizer = defineAgent({
  name: "summarizer",
  description: catalogDescription("summarizer"),
  systemPrompt: [
    "You summarise text the user (or another agent) sends.",
    "- summarize: a short summary of N sentences (default 3).",
    "- extract_key_points: the main points as a list.",
    "Always pass the full text you were given to the tool. The tools are extractive: report their sentences as they are, without adding facts.",
    "If no text was provided, ask for it.",
    "",
    SPECIALIST_RULES,
  ].join("\n"),
  tools: [summarize, extractKeyPoints],
  examples: ["Summarize this text in two sentences: …", "Extract the key points from: …"],
});

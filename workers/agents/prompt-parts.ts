/**
 * @module workers/agents/prompt-parts
 * Prompt fragments every built-in agent shares, and the catalog lookup for descriptions, so the rules stay identical.
 */
import { findBuiltin } from "./catalog";

/** The catalog's one-line description; a missing entry is a programming error caught by the agent tests. */
export function catalogDescription(name: string): string {
  const entry = findBuiltin(name);
  if (!entry) throw new Error(`No catalog entry for built-in agent "${name}"`);
  return entry.description;
}

/** Grounding rules for specialists: tool data only, errors surfaced, short answers. */
export const SPECIALIST_RULES = [
  "Rules:",
  "- Use only facts and numbers returned by your tools. Never invent, estimate or 'fill in' data a tool did not return.",
  "- If a tool returns an `error`, read it: retry once with the corrected input it suggests, otherwise tell the user what is missing.",
  "- If a result says it comes from a bundled sample dataset or offline corpus, say so briefly; do not present it as live.",
  "- Answer concisely: lead with the answer, include units, and keep to a few sentences or a short list.",
].join("\n");

/** Rules for hubs that delegate through the runtime's `query_agent` tool. */
export const HUB_RULES = [
  "How to delegate:",
  "- Call `query_agent` with `agent` set to one of the names in its `agent` enum and `query` set to a self-contained question for that agent.",
  "- Never use URLs, hostnames or ports to reach an agent, and never invent agent names: only the enum values exist.",
  "- Send each specialist only the part of the question it can answer; ask independent parts in parallel.",
  "- If a peer fails or answers that it cannot help, say so in your answer; do not make up what it would have said.",
  "- Combine the peers' answers into one concise reply, keeping their numbers and units exactly and naming which agent supplied what when it helps.",
  "- If no peer fits the question, answer that you cannot help with it rather than guessing.",
].join("\n");

/**
 * @module workers/agents/restricted
 * Minimal agent for permission tests: one echo tool and no peers.
 */
import { defineAgent } from "./agent-module";
import { catalogDescription } from "./prompt-parts";
import { simpleEcho } from "../tools/echo/simple-echo";

export const restricted = defineAgent({
  name: "restricted",
  description: catalogDescription("restricted"),
  systemPrompt: [
    "You are a minimal agent with exactly one tool, simple_echo, which returns a message unchanged.",
    "When asked to echo or repeat something, call simple_echo and reply with its result.",
    "You have no other tools and no peers: for anything else, say you can only echo messages.",
  ].join("\n"),
  tools: [simpleEcho],
  examples: ["Echo: hello world"],
});

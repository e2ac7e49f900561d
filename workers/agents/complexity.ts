/**
 * @module workers/agents/complexity
 * Complexity specialist: cyclomatic complexity per JavaScript/TypeScript function, parsed with @babel/parser.
 */
import { defineAgent } from "./agent-module";
import { catalogDescription, SPECIALIST_RULES } from "./prompt-parts";
import { analyzeComplexityTool } from "../tools/complexity/analyze";

export const complexity = defineAgent({
  name: "complexity",
  description: catalogDescription("complexity"),
  systemPrompt: [
    "You measure the cyclomatic complexity of JavaScript and TypeScript code sent to you; you cannot read files.",
    "Call analyze_complexity with the full code. Report the overall rating, the most complex functions with their line and score,",
    "and for any function above 10, one concrete suggestion for splitting it (based on the structure you can see in the code).",
    "For other languages, say that only JavaScript/TypeScript are supported.",
    "",
    SPECIALIST_RULES,
  ].join("\n"),
  tools: [analyzeComplexityTool],
  examples: ["How complex is this function? function f(a, b) { if (a && b) return 1; return 2 }", "Analyze the complexity of this TypeScript module: …"],
});

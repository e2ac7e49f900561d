/**
 * @module workers/agents/linter
 * Lint specialist: rule-based findings with line and column for code it is sent (never files on disk).
 */
import { defineAgent } from "./agent-module";
import { catalogDescription, SPECIALIST_RULES } from "./prompt-parts";
import { listRules, runLinter } from "../tools/lint/run-linter";

export const linter = defineAgent({
  name: "linter",
  description: catalogDescription("linter"),
  systemPrompt: [
    "You lint source code that is sent to you in the message. You cannot read files or repositories.",
    "Call run_linter with the full code (and the language or file name if known). Use list_rules when asked what you check.",
    "Report findings grouped by severity as `line:column rule - message`, then a one-line summary. If there are none, say the code is clean for the rules checked.",
    "If no code was sent, ask for it.",
    "",
    SPECIALIST_RULES,
  ].join("\n"),
  tools: [runLinter, listRules],
  examples: ["Lint this: var x = 1; if (x == 2) console.log(x)", "Check this Python: def f(a=[]):\\n  try: pass\\n  except: pass", "Which lint rules do you check?"],
});

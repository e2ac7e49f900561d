/**
 * @module workers/tools/lint/rules
 * The lint rule catalogue (what list_rules shows) and the finding shape every rule produces.
 */

export type Severity = "error" | "warning" | "info";

export interface Finding {
  rule: string;
  severity: Severity;
  line: number;
  column: number;
  message: string;
}

export interface RuleInfo {
  id: string;
  languages: ("javascript" | "typescript" | "python" | "any")[];
  severity: Severity;
  description: string;
}

export const RULES: readonly RuleInfo[] = [
  { id: "syntax-error", languages: ["javascript", "typescript"], severity: "error", description: "The code does not parse." },
  { id: "no-unused-vars", languages: ["javascript", "typescript"], severity: "warning", description: "Variables, functions, classes and imports declared but never used (prefix with _ to mark intentional)." },
  { id: "eqeqeq", languages: ["javascript", "typescript"], severity: "warning", description: "Use === / !== instead of == / != (comparisons with null are allowed)." },
  { id: "no-var", languages: ["javascript", "typescript"], severity: "warning", description: "Use let or const instead of var." },
  { id: "no-console", languages: ["javascript", "typescript"], severity: "warning", description: "console.log and friends left in the code." },
  { id: "no-debugger", languages: ["javascript", "typescript"], severity: "error", description: "debugger statements left in the code." },
  { id: "no-empty-catch", languages: ["javascript", "typescript"], severity: "warning", description: "A catch block that silently swallows errors." },
  { id: "max-line-length", languages: ["any"], severity: "warning", description: "Lines longer than the limit (100 for JS/TS, 88 for Python; config max_line_length)." },
  { id: "no-trailing-spaces", languages: ["any"], severity: "info", description: "Whitespace at the end of a line." },
  { id: "todo-comment", languages: ["any"], severity: "info", description: "TODO / FIXME / XXX / HACK comments left in the code." },
  { id: "bare-except", languages: ["python"], severity: "warning", description: "`except:` without an exception type also catches KeyboardInterrupt and SystemExit (E722)." },
  { id: "mutable-default-arg", languages: ["python"], severity: "warning", description: "A list/dict/set default argument is shared between calls (B006)." },
  { id: "none-comparison", languages: ["python"], severity: "warning", description: "Compare with None using `is` / `is not`, not == / != (E711)." },
  { id: "unused-import", languages: ["python"], severity: "warning", description: "An imported name that is never used (F401)." },
  { id: "wildcard-import", languages: ["python"], severity: "warning", description: "`from module import *` hides where names come from (F403)." },
];

export function severityOf(rule: string): Severity {
  return RULES.find((r) => r.id === rule)?.severity ?? "warning";
}

export function finding(rule: string, line: number, column: number, message: string): Finding {
  return { rule, severity: severityOf(rule), line, column, message };
}

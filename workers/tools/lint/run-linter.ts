/**
 * @module workers/tools/lint/run-linter
 * run_linter and list_rules: lints code the user sends (never files on disk) and reports findings with positions.
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { parseJs } from "../code/js-ast";
import { detectLanguage, wantsJsx } from "../code/language";
import { jsRules } from "./js-rules";
import { pythonRules } from "./python-rules";
import { finding, RULES, type Finding } from "./rules";
import { textRules } from "./text-rules";
import { findingList } from "../code/report";
import { plural } from "../result";

const MAX_FINDINGS = 60;

export function lint(code: string, opts: { language?: string; filePath?: string; maxLineLength?: number } = {}) {
  const language = detectLanguage(code, opts.language, opts.filePath);
  const findings: Finding[] = [];
  if (language === "javascript" || language === "typescript") {
    const parsed = parseJs(code, language, wantsJsx(code, opts.filePath));
    if (parsed.ok) findings.push(...jsRules(parsed.ast));
    else findings.push(finding("syntax-error", parsed.line, parsed.column, `${parsed.message}; other JS rules were skipped.`));
    findings.push(...textRules(code, opts.maxLineLength ?? 100, /\/\/|\/\*|^\s*\*/));
  } else if (language === "python") {
    findings.push(...pythonRules(code), ...textRules(code, opts.maxLineLength ?? 88, /#/));
  } else {
    findings.push(...textRules(code, opts.maxLineLength ?? 100, /\/\/|\/\*|#|--/));
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
  const count = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  const counts = { errors: count("error"), warnings: count("warning"), info: count("info"), total: findings.length };
  return {
    language,
    ...(opts.filePath ? { file_path: opts.filePath } : {}),
    summary: lintSummary(language, findings, counts),
    counts,
    findings: findings.slice(0, MAX_FINDINGS),
    ...(findings.length > MAX_FINDINGS ? { note: `showing the first ${MAX_FINDINGS} of ${findings.length} findings` } : {}),
  };
}

function lintSummary(language: string, findings: Finding[], counts: { errors: number; warnings: number; info: number; total: number }): string {
  if (!counts.total) return `No lint findings: the ${language} code is clean for the rules checked.`;
  const parts = [plural(counts.errors, "error"), plural(counts.warnings, "warning"), `${counts.info} info`].filter((p) => !p.startsWith("0 "));
  return `${plural(counts.total, "lint finding")} in ${language} (${parts.join(", ")}): ${findingList(findings)}.`;
}

export const runLinter = defineTool({
  name: "run_linter",
  description:
    "Lint source code: check code style and correctness (unused variables, == vs ===, var, console.log, debugger, long lines, trailing whitespace, TODO/FIXME; Python bare except, mutable default arguments, unused imports). Send the code itself; returns findings with line and column.",
  input: z.object({
    code: z.string().min(1).describe("The source code to lint (the text, not a path)"),
    language: z.string().optional().describe("javascript, typescript or python; detected when omitted"),
    file_path: z.string().optional().describe("Original file name, used to pick the language (e.g. app.ts)"),
  }),
  run({ code, language, file_path }, ctx) {
    const max = Number(ctx.settings?.max_line_length);
    return lint(code, { language, filePath: file_path, maxLineLength: Number.isFinite(max) && max > 0 ? max : undefined });
  },
});

export const listRules = defineTool({
  name: "list_rules",
  description: "List the lint rules the linter checks, with the languages they apply to and their severity.",
  input: z.object({}),
  run() {
    return { rules: RULES };
  },
});

/**
 * @module workers/tools/complexity/analyze
 * analyze_complexity: cyclomatic complexity per function for JavaScript/TypeScript code the user sends.
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { plural, round, toolError } from "../result";
import { parseJs } from "../code/js-ast";
import { detectLanguage, wantsJsx } from "../code/language";
import { measure, rate } from "./cyclomatic";

const MAX_LISTED = 40;

export function analyzeComplexity(code: string, language?: string, filePath?: string) {
  const lang = detectLanguage(code, language, filePath);
  if (lang !== "javascript" && lang !== "typescript") {
    return toolError(`analyze_complexity supports JavaScript and TypeScript only (got ${lang}). Send language "js" or "ts".`);
  }
  const parsed = parseJs(code, lang, wantsJsx(code, filePath));
  if (!parsed.ok) {
    return toolError(`Could not parse the code: ${parsed.message} at line ${parsed.line}, column ${parsed.column}. Send complete, valid ${lang} source.`, {
      line: parsed.line,
      column: parsed.column,
    });
  }
  const { functions, topLevel } = measure(parsed.ast);
  const values = functions.map((f) => f.complexity);
  const max = values.length ? Math.max(...values) : topLevel;
  const total = values.reduce((a, b) => a + b, 0);
  // Keep the output short for large files: list the most complex functions, still in source order.
  const listed = functions.length > MAX_LISTED ? [...functions].sort((a, b) => b.complexity - a.complexity).slice(0, MAX_LISTED).sort((a, b) => a.line - b.line) : functions;
  const hot = [...listed].sort((a, b) => b.complexity - a.complexity || a.line - b.line).slice(0, 8);
  return {
    language: lang,
    summary: functions.length
      ? `${plural(functions.length, "function")}, highest complexity ${max} (${rate(max)}): ${hot.map((f) => `${f.name} (line ${f.line}) ${f.complexity} ${rate(f.complexity)}`).join("; ")}${functions.length > hot.length ? `; and ${functions.length - hot.length} more` : ""}.`
      : `No functions; top-level complexity ${topLevel} (${rate(topLevel)}).`,
    functions: listed.map((f) => ({ name: f.name, line: f.line, complexity: f.complexity, rating: rate(f.complexity) })),
    function_count: functions.length,
    total_complexity: total,
    max_complexity: max,
    average_complexity: functions.length ? round(total / functions.length, 2) : 0,
    top_level_complexity: topLevel,
    rating: rate(max),
    over_threshold: functions.filter((f) => f.complexity > 10).map((f) => f.name),
    ...(listed.length < functions.length ? { note: `showing the ${MAX_LISTED} most complex of ${functions.length} functions` } : {}),
  };
}

export const analyzeComplexityTool = defineTool({
  name: "analyze_complexity",
  description:
    "Analyze code complexity: cyclomatic complexity of each function in JavaScript/TypeScript code (branches, loops, conditions), with totals, the maximum and a rating. Send the source code itself.",
  input: z.object({
    code: z.string().min(1).describe("The JavaScript or TypeScript source code to analyze"),
    language: z.enum(["js", "ts", "javascript", "typescript"]).optional().describe("js or ts; detected when omitted"),
  }),
  run({ code, language }) {
    return analyzeComplexity(code, language);
  },
});

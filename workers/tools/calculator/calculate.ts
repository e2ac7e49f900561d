/**
 * @module workers/tools/calculator/calculate
 * The `calculate` tool: evaluates an arithmetic expression safely and reports errors with their position.
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { toolError } from "../result";
import { CalcError } from "./lexer";
import { evaluate } from "./evaluate";

/** 12 significant digits hides binary noise (0.1 + 0.2 = 0.3) without hiding real precision a person would read. */
export function tidy(n: number): number {
  return Number(n.toPrecision(12));
}

export const calculate = defineTool({
  name: "calculate",
  description:
    "Calculate / evaluate a math expression: + - * / ^ (power), % (modulo, or percent as in '15% of 200'), parentheses, sqrt, abs, round, min, max, log, ln, exp, sin, cos, tan (radians), pi, e. Example: '(3 + 4) * 2^3'.",
  input: z.object({ expression: z.string().min(1).max(1000).describe("Arithmetic expression, e.g. 'sqrt(16) + 2 * 3'") }),
  run({ expression }) {
    try {
      const value = evaluate(expression);
      if (!Number.isFinite(value)) return toolError(`The result is not a finite number (${value}); check for overflow.`, { expression });
      return { summary: `${expression} = ${tidy(value)}`, expression, result: tidy(value) };
    } catch (e) {
      if (e instanceof CalcError) {
        return toolError(e.message, { expression, position: e.pos + 1, pointer: `${expression}\n${" ".repeat(e.pos)}^` });
      }
      throw e;
    }
  },
});

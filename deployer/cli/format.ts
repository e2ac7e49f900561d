/**
 * @module deployer/cli/format
 * Small text helpers for terminal output: aligned columns and colours that switch off when not on a TTY.
 */
import { createColors } from "picocolors";

/**
 * Colour only for a person at a terminal. picocolors' own default also turns colour on whenever `CI` is set,
 * which puts escape codes into captured output and piped logs; here NO_COLOR wins, FORCE_COLOR forces (0 or false: never), and
 * otherwise stdout must be a TTY that is not "dumb".
 */
export function colorWanted(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR === "0" || env.FORCE_COLOR === "false") return false;
  if (env.FORCE_COLOR !== undefined) return true;
  return isTTY && env.TERM !== "dumb";
}

export const color = createColors(colorWanted());

/** Aligns rows into columns; the last column is never padded. */
export function table(rows: string[][], indent = ""): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visible(cell).length)));
  return rows
    .map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat(widths[i]! - visible(cell).length))).join("  ").trimEnd())
    .join("\n");
}

function visible(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;]*m/g, "");
}

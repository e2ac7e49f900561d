/**
 * @module deployer/cli/format
 * Small text helpers for terminal output: aligned columns and colours that switch off when not on a TTY.
 */
import pc from "picocolors";

export const color = pc;

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

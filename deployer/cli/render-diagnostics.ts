/**
 * @module deployer/cli/render-diagnostics
 * Prints diagnostics as `FILE:LINE:COL: severity: message`, each hint once (ten agents with the same missing
 * module share one hint), and the one-line summary.
 */
import type { Diagnostic } from "../job/diagnostics";
import { color } from "./format";

export function renderDiagnostics(diags: readonly Diagnostic[]): string {
  const seenHints = new Set<string>();
  const lines: string[] = [];
  for (const d of diags) {
    const sev = d.severity === "error" ? color.red("error") : color.yellow("warning");
    lines.push(`${color.bold(`${d.file}:${d.line}:${d.col}`)}: ${sev}: ${d.message}`);
    if (d.hint && !seenHints.has(d.hint)) {
      seenHints.add(d.hint);
      lines.push(color.dim(`    hint: ${d.hint}`));
    }
  }
  return lines.join("\n");
}

export function countLine(diags: readonly Diagnostic[]): string {
  const errors = diags.filter((d) => d.severity === "error").length;
  const warnings = diags.length - errors;
  const part = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  return `${part(errors, "error")}, ${part(warnings, "warning")}`;
}

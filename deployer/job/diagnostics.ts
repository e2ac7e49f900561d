/**
 * @module deployer/job/diagnostics
 * A problem found in a job file, located at the offending YAML node, and how it is rendered for people.
 * Validation collects these; it never throws on the first problem.
 */
import type { Document, LineCounter, Node } from "yaml";
import { isMap, isPair, isScalar, isSeq } from "yaml";

export type Severity = "error" | "warning";
export type PathSegment = string | number;

export interface Diagnostic {
  severity: Severity;
  /** Stable machine code, e.g. `unknown-field`, `dangling-ref`. */
  code: string;
  /** Path of the field in the job, e.g. `["agents", 0, "deployment", "target"]`. */
  path: PathSegment[];
  message: string;
  /** What to do about it. */
  hint?: string;
  file: string;
  line: number;
  col: number;
}

/** Where diagnostics point: the parsed document and its line counter. */
export interface SourceMap {
  file: string;
  doc: Document | undefined;
  lines: LineCounter;
}

/**
 * Finds the node for `path`; with `key: true` the map key of the last segment (for unknown-field errors).
 * A path that does not exist (a missing field) resolves to the deepest existing ancestor.
 */
export function locate(map: SourceMap, path: PathSegment[], opts: { key?: boolean } = {}): { line: number; col: number } {
  let node: unknown = map.doc?.contents;
  let best: Node | undefined = node as Node | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      if (last && opts.key && pair.key) {
        best = pair.key as Node;
        break;
      }
      node = pair.value;
    } else if (isSeq(node) && typeof seg === "number") {
      node = node.items[seg];
    } else break;
    if (isPair(node)) node = node.value;
    if (node && typeof node === "object" && "range" in node && (node as Node).range) best = node as Node;
    else break;
  }
  const offset = best?.range?.[0] ?? 0;
  const pos = map.lines.linePos(offset);
  return { line: pos.line, col: pos.col };
}

export function diagnostic(
  map: SourceMap,
  severity: Severity,
  code: string,
  path: PathSegment[],
  message: string,
  hint?: string,
  opts: { key?: boolean } = {},
): Diagnostic {
  const { line, col } = locate(map, path, opts);
  return { severity, code, path, message, ...(hint ? { hint } : {}), file: map.file, line, col };
}

/** `agents.weather.deployment.target` — agent ids instead of indexes, so people recognise the field. */
export function formatPath(path: PathSegment[], agentIds: readonly string[] = []): string {
  let out = "";
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if (typeof seg === "number") {
      const id = path[i - 1] === "agents" && i === 1 ? agentIds[seg] : undefined;
      out += id ? `.${id}` : `[${seg}]`;
    } else out += out ? `.${seg}` : seg;
  }
  return out;
}

export function hasErrors(diags: readonly Diagnostic[]): boolean {
  return diags.some((d) => d.severity === "error");
}

/** Orders by position so output reads top to bottom. */
export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  return [...diags].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col);
}

/** `FILE:LINE:COL: error: message (hint)` — the form editors and CI logs link. */
export function renderDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.col}: ${d.severity}: ${d.message}${d.hint ? `\n    hint: ${d.hint}` : ""}`;
}

/**
 * @module deployer/otel/waterfall
 * Text views of recorded spans: a list of traces (one line each) and one trace as a waterfall (a tree by
 * parent span, one row per span with its agent, a bar placed on the trace's timeline, duration and tokens).
 * Pure: spans in, a string out; colour only when asked.
 */
import { createColors } from "picocolors";
import type { SpanRecord } from "./span-record";

export interface RenderOptions {
  /** ANSI colours (default off, so output is stable in files and snapshots). */
  color?: boolean;
  /** Width of the timeline bar in characters (default 40). */
  barWidth?: number;
}

export interface TraceSummary {
  traceId: string;
  /** `service: span name` of the earliest span without a recorded parent. */
  root: string;
  /** Agents (service names) in order of first appearance. */
  services: string[];
  startMs: number;
  durationMs: number;
  spanCount: number;
  errors: number;
}

const MAX_NAME = 48;

/** One summary per trace id, most recent first. Spans exported twice (same span id) count once. */
export function summarizeTraces(spans: SpanRecord[]): TraceSummary[] {
  const byTrace = new Map<string, SpanRecord[]>();
  for (const s of dedupe(spans)) {
    const list = byTrace.get(s.traceId) ?? [];
    list.push(s);
    byTrace.set(s.traceId, list);
  }
  const out: TraceSummary[] = [];
  for (const [traceId, list] of byTrace) {
    list.sort((a, b) => a.startMs - b.startMs);
    const ids = new Set(list.map((s) => s.spanId));
    const root = list.find((s) => !s.parentSpanId || !ids.has(s.parentSpanId)) ?? list[0]!;
    const start = list[0]!.startMs;
    const end = Math.max(...list.map((s) => s.startMs + s.durationMs));
    out.push({
      traceId,
      root: `${root.service}: ${root.name}`,
      services: [...new Set(list.map((s) => s.service))],
      startMs: start,
      durationMs: end - start,
      spanCount: list.length,
      errors: list.filter((s) => s.status === "error").length,
    });
  }
  return out.sort((a, b) => b.startMs - a.startMs);
}

/** The trace list: id, start time (UTC), duration, span count, agents, root span. */
export function renderTraceList(summaries: TraceSummary[], opts: RenderOptions = {}): string {
  const c = createColors(opts.color ?? false);
  if (summaries.length === 0) return "no traces recorded yet";
  const rows = summaries.map((t) => [
    t.traceId,
    new Date(t.startMs).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z"),
    `${t.durationMs.toFixed(1)} ms`,
    `${t.spanCount}${t.errors ? c.red(` (${t.errors} err)`) : ""}`,
    t.services.join(","),
    t.root,
  ]);
  return table([["TRACE ID", "STARTED", "DURATION", "SPANS", "AGENTS", "ROOT"].map((h) => c.bold(h)), ...rows]);
}

/** One trace as a waterfall; `spans` may hold other traces' spans too only if they share its trace id. */
export function renderWaterfall(spans: SpanRecord[], opts: RenderOptions = {}): string {
  const c = createColors(opts.color ?? false);
  const width = opts.barWidth ?? 40;
  const list = dedupe(spans).sort((a, b) => a.startMs - b.startMs);
  if (list.length === 0) return "no spans";
  const t0 = list[0]!.startMs;
  const total = Math.max(...list.map((s) => s.startMs + s.durationMs)) - t0 || 1;

  const ids = new Set(list.map((s) => s.spanId));
  const children = new Map<string, SpanRecord[]>();
  const roots: SpanRecord[] = [];
  for (const s of list) {
    if (s.parentSpanId && ids.has(s.parentSpanId)) children.set(s.parentSpanId, [...(children.get(s.parentSpanId) ?? []), s]);
    else roots.push(s);
  }
  const rows: { span: SpanRecord; label: string }[] = [];
  const walk = (s: SpanRecord, prefix: string, branch: string) => {
    rows.push({ span: s, label: clip(prefix + branch + s.name) });
    const kids = children.get(s.spanId) ?? [];
    const next = prefix + (branch === "├─ " ? "│  " : branch === "└─ " ? "   " : "");
    kids.forEach((k, i) => walk(k, next, i === kids.length - 1 ? "└─ " : "├─ "));
  };
  for (const r of roots) walk(r, "", "");

  const services = [...new Set(list.map((s) => s.service))];
  const svcWidth = Math.max(5, ...services.map((s) => s.length));
  const nameWidth = Math.max(4, ...rows.map((r) => r.label.length));
  const errors = list.filter((s) => s.status === "error").length;
  const header = [
    `${c.bold("trace")} ${list[0]!.traceId}  ${total.toFixed(1)} ms  ${list.length} spans  ${services.length} agent${services.length === 1 ? "" : "s"} (${services.join(", ")})${errors ? c.red(`  ${errors} error${errors === 1 ? "" : "s"}`) : ""}`,
    "",
    `${"AGENT".padEnd(svcWidth)}  ${"SPAN".padEnd(nameWidth)}  ${timeline(total, width)}  ${"DURATION".padStart(10)}`,
  ];
  const lines = rows.map(({ span, label }) => {
    const start = Math.min(width - 1, Math.floor(((span.startMs - t0) / total) * width));
    const len = Math.max(1, Math.min(width - start, Math.round((span.durationMs / total) * width)));
    const bar = " ".repeat(start) + "█".repeat(len) + " ".repeat(width - start - len);
    const failed = span.status === "error";
    const paint = failed ? c.red : span.kind === "client" ? c.cyan : span.kind === "server" ? c.green : (s: string) => s;
    const extra = [tokens(span), failed ? c.red(`✗ ${span.statusMessage ?? "error"}`.slice(0, 80)) : ""].filter(Boolean).join("  ");
    return `${c.dim(span.service.padEnd(svcWidth))}  ${label.padEnd(nameWidth)}  ${paint(bar)}  ${`${span.durationMs.toFixed(1)} ms`.padStart(10)}${extra ? `  ${extra}` : ""}`;
  });
  return [...header, ...lines].map((l) => l.trimEnd()).join("\n");
}

/** `0 ms ──── 194.0 ms` spanning exactly the bar width. */
function timeline(total: number, width: number): string {
  const left = "0 ms";
  const right = `${total.toFixed(1)} ms`;
  const fill = Math.max(1, width - left.length - right.length - 2);
  return `${left} ${"─".repeat(fill)} ${right}`.padEnd(width);
}

function tokens(s: SpanRecord): string {
  const input = s.attributes["gen_ai.usage.input_tokens"];
  const output = s.attributes["gen_ai.usage.output_tokens"];
  if (typeof input !== "number" && typeof output !== "number") return "";
  return `${input ?? 0}→${output ?? 0} tok`;
}

function clip(label: string): string {
  return label.length <= MAX_NAME ? label : `${label.slice(0, MAX_NAME - 1)}…`;
}

function dedupe(spans: SpanRecord[]): SpanRecord[] {
  const seen = new Map<string, SpanRecord>();
  for (const s of spans) seen.set(`${s.traceId}/${s.spanId}`, s);
  return [...seen.values()];
}

function table(rows: string[][]): string {
  const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "");
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, strip(cell).length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell + " ".repeat(widths[i]! - strip(cell).length))).join("  ").trimEnd()).join("\n");
}

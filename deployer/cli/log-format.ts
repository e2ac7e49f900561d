/**
 * @module deployer/cli/log-format
 * Agents log JSON lines; people read `12:03:04 weather   tool get_weather (1 ms)`. Lines that are not an
 * agent's JSON pass through unchanged; the runner's ready marker is internal and dropped.
 */
import { READY_MARKER } from "../runtime/runner-spec";
import { color } from "./format";

type Line = { ts?: string; level?: string; msg?: string; agent?: string; [k: string]: unknown };

const SHOWN_ELSEWHERE = new Set(["ts", "level", "msg", "agent", "trace_id", "span_id", "method", "path", "status", "duration_ms", "tool", "peer"]);

export function formatLogLine(raw: string): string | undefined {
  if (raw.startsWith(READY_MARKER)) return undefined;
  let line: Line;
  try {
    line = JSON.parse(raw) as Line;
  } catch {
    return raw;
  }
  if (typeof line !== "object" || line === null || !line.msg) return raw;
  const time = typeof line.ts === "string" ? line.ts.slice(11, 19) : "";
  const who = String(line.agent ?? "runner").padEnd(12);
  const ms = typeof line.duration_ms === "number" ? ` (${line.duration_ms} ms)` : "";
  let what: string;
  if (line.msg === "request") what = `${line.method} ${line.path} → ${line.status}${ms}`;
  else if (line.msg === "tool call") what = `tool ${line.tool}${ms}`;
  else if (line.msg === "peer call") what = `asks ${line.peer}${ms}`;
  else {
    const extra = Object.entries(line).filter(([k]) => !SHOWN_ELSEWHERE.has(k)).map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
    what = [line.msg, ...extra].join(" ");
  }
  const paint = line.level === "error" ? color.red : line.level === "warn" ? color.yellow : (s: string) => s;
  return `${color.dim(time)} ${color.cyan(who)} ${paint(what)}`;
}

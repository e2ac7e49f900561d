/**
 * @module workers/log
 * Structured logs: one JSON object per line with the active trace and span ids, so a log line leads to its
 * span in the trace (and back). Callers pass the trace id they know for the case where tracing is off.
 */
import { activeIds } from "./telemetry";

export type LogLevel = "debug" | "info" | "warn" | "error";

export interface LogFields {
  agent?: string;
  /** Fallback when no span is active (tracing off): the request's W3C trace id. */
  trace_id?: string;
  [key: string]: unknown;
}

/** Writes `{ts, level, msg, agent, trace_id, span_id, ...fields}` as one line on stdout. */
export function log(level: LogLevel, msg: string, fields: LogFields = {}): void {
  const ids = activeIds();
  const line: Record<string, unknown> = { ts: new Date().toISOString(), level, msg, ...fields };
  if (ids) {
    line.trace_id = ids.traceId;
    line.span_id = ids.spanId;
  }
  let text: string;
  try {
    text = JSON.stringify(line);
  } catch {
    text = JSON.stringify({ ts: line.ts, level, msg, agent: fields.agent, trace_id: line.trace_id, note: "fields were not serialisable" });
  }
  console.log(text);
}

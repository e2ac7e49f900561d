/**
 * @module workers/trace
 * The request-scoped facts that travel with every hop: W3C trace headers, the hop count and the caller.
 * Peer calls build their headers from here only, so tracing added later has one place to hook in.
 */
import { CALLER_HEADER, HOP_HEADER } from "./config";
import { activeIds, injectTraceContext } from "./telemetry";

export interface TraceInfo {
  /** W3C `traceparent` to send on outgoing calls (the incoming one, or one started here). */
  traceparent: string;
  tracestate?: string;
  /** The 32-hex trace id: one per external request, shared by every hop it causes. */
  traceId: string;
}

const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Continues the caller's trace when it sent a valid `traceparent`, else starts a new one. */
export function traceFrom(headers: Headers): TraceInfo {
  // When the request is traced, its server span already continued (or started) the trace: report that one.
  const span = activeIds();
  if (span) {
    const flags = span.traceFlags.toString(16).padStart(2, "0");
    return { traceparent: `00-${span.traceId}-${span.spanId}-${flags}`, traceId: span.traceId, ...(span.traceState ? { tracestate: span.traceState } : {}) };
  }
  const incoming = headers.get("traceparent")?.trim().toLowerCase();
  const tracestate = headers.get("tracestate") ?? undefined;
  const match = incoming ? TRACEPARENT.exec(incoming) : null;
  if (match?.[1] && !/^0+$/.test(match[1])) {
    return { traceparent: incoming as string, traceId: match[1], ...(tracestate ? { tracestate } : {}) };
  }
  const traceId = randomHex(16);
  return { traceparent: `00-${traceId}-${randomHex(8)}-01`, traceId };
}

/** The hop count a request arrived with (0 from outside the mesh; garbage counts as 0). */
export function hopFrom(headers: Headers, metadataHop?: unknown): number {
  const fromHeader = Number.parseInt(headers.get(HOP_HEADER) ?? "", 10);
  const fromMeta = typeof metadataHop === "number" ? metadataHop : Number.NaN;
  const hop = Math.max(Number.isFinite(fromHeader) ? fromHeader : 0, Number.isFinite(fromMeta) ? fromMeta : 0);
  return hop > 0 ? hop : 0;
}

/** Headers for a call to a peer: next hop, caller, trace context. */
export function outgoingHeaders(trace: TraceInfo, nextHop: number, caller: string): Record<string, string> {
  const headers: Record<string, string> = {
    [HOP_HEADER]: String(nextHop),
    [CALLER_HEADER]: caller,
    traceparent: trace.traceparent,
  };
  if (trace.tracestate) headers.tracestate = trace.tracestate;
  // Under tracing, the active span (the `peer.<name>` client span) becomes the peer's parent.
  injectTraceContext(headers);
  return headers;
}

function randomHex(bytes: number): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  return [...buf].map((b) => b.toString(16).padStart(2, "0")).join("");
}

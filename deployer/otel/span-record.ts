/**
 * @module deployer/otel/span-record
 * The flat span shape stored one per line in `.ade/traces/*.ndjson`, and the conversion from an OTLP/JSON
 * `ExportTraceServiceRequest`. Pure: no I/O.
 */

export interface SpanRecord {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: "internal" | "server" | "client" | "producer" | "consumer" | "unspecified";
  /** `service.name` of the resource that sent the span (one per agent). */
  service: string;
  /** Epoch milliseconds (fractional), for sorting and layout. */
  startMs: number;
  durationMs: number;
  status: "unset" | "ok" | "error";
  statusMessage?: string;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
  events?: { name: string; timeMs: number; attributes: Record<string, unknown> }[];
}

const KINDS: SpanRecord["kind"][] = ["unspecified", "internal", "server", "client", "producer", "consumer"];
const STATUS: SpanRecord["status"][] = ["unset", "ok", "error"];

type AnyValue = Record<string, unknown>;
type KeyValue = { key: string; value?: AnyValue };

/** Every span of an OTLP/JSON export request, flattened. Unknown or malformed parts are skipped, not fatal. */
export function spansFromOtlpJson(body: unknown): SpanRecord[] {
  const out: SpanRecord[] = [];
  const resourceSpans = (body as { resourceSpans?: unknown[] } | null)?.resourceSpans;
  if (!Array.isArray(resourceSpans)) return out;
  for (const rs of resourceSpans as Record<string, any>[]) {
    const resource = attributesOf(rs?.resource?.attributes);
    const service = typeof resource["service.name"] === "string" ? (resource["service.name"] as string) : "unknown";
    for (const ss of (rs?.scopeSpans ?? rs?.instrumentationLibrarySpans ?? []) as Record<string, any>[]) {
      for (const s of (ss?.spans ?? []) as Record<string, any>[]) {
        const traceId = idOf(s.traceId, 16);
        const spanId = idOf(s.spanId, 8);
        if (!traceId || !spanId) continue;
        const parent = idOf(s.parentSpanId, 8);
        const start = nanos(s.startTimeUnixNano);
        const end = nanos(s.endTimeUnixNano);
        const code = typeof s.status?.code === "number" ? s.status.code : STATUS.indexOf(String(s.status?.code ?? "").replace("STATUS_CODE_", "").toLowerCase() as never);
        const events = Array.isArray(s.events)
          ? (s.events as Record<string, any>[]).map((e) => ({ name: String(e.name ?? ""), timeMs: Number(nanos(e.timeUnixNano)) / 1e6, attributes: attributesOf(e.attributes) }))
          : [];
        out.push({
          traceId,
          spanId,
          ...(parent && !/^0+$/.test(parent) ? { parentSpanId: parent } : {}),
          name: String(s.name ?? ""),
          kind: kindOf(s.kind),
          service,
          startMs: Number(start) / 1e6,
          durationMs: end >= start ? Number(end - start) / 1e6 : 0,
          status: STATUS[code] ?? "unset",
          ...(s.status?.message ? { statusMessage: String(s.status.message) } : {}),
          attributes: attributesOf(s.attributes),
          resource,
          ...(events.length ? { events } : {}),
        });
      }
    }
  }
  return out;
}

function kindOf(k: unknown): SpanRecord["kind"] {
  if (typeof k === "number") return KINDS[k] ?? "unspecified";
  const name = String(k ?? "").replace("SPAN_KIND_", "").toLowerCase();
  return KINDS.includes(name as SpanRecord["kind"]) ? (name as SpanRecord["kind"]) : "unspecified";
}

function attributesOf(list: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!Array.isArray(list)) return out;
  for (const kv of list as KeyValue[]) if (kv && typeof kv.key === "string") out[kv.key] = valueOf(kv.value);
  return out;
}

function valueOf(v: AnyValue | undefined): unknown {
  if (!v || typeof v !== "object") return undefined;
  if ("stringValue" in v) return v.stringValue;
  if ("boolValue" in v) return v.boolValue;
  if ("intValue" in v) return Number(v.intValue);
  if ("doubleValue" in v) return Number(v.doubleValue);
  if ("bytesValue" in v) return v.bytesValue;
  if ("arrayValue" in v) return ((v.arrayValue as { values?: AnyValue[] })?.values ?? []).map(valueOf);
  if ("kvlistValue" in v) return attributesOf((v.kvlistValue as { values?: KeyValue[] })?.values);
  return undefined;
}

/** OTLP/JSON ids are hex per the spec; some senders use base64 (the protobuf JSON mapping). */
function idOf(v: unknown, bytes: number): string | undefined {
  if (typeof v !== "string" || v === "") return undefined;
  if (new RegExp(`^[0-9a-fA-F]{${bytes * 2}}$`).test(v)) return v.toLowerCase();
  const raw = Buffer.from(v, "base64");
  return raw.length === bytes ? raw.toString("hex") : undefined;
}

function nanos(v: unknown): bigint {
  try {
    if (typeof v === "string" || typeof v === "number") return BigInt(v);
    if (v && typeof v === "object" && "low" in v && "high" in v) {
      const { low, high } = v as { low: number; high: number };
      return (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
    }
  } catch {
    /* malformed: treated as 0 */
  }
  return 0n;
}

/** Parses NDJSON text into records, skipping blank and broken lines (a crash can leave half a line). */
export function parseSpanLines(text: string): SpanRecord[] {
  const out: SpanRecord[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as SpanRecord;
      if (r && typeof r.traceId === "string" && typeof r.spanId === "string") out.push(r);
    } catch {
      /* skip */
    }
  }
  return out;
}

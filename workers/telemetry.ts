/**
 * @module workers/telemetry
 * Span helpers for the runtime, on `@opentelemetry/api` only. With tracing off no provider is registered and
 * every helper runs the work untouched (non-recording spans), so call sites never branch on "is tracing on".
 */
import {
  context,
  INVALID_SPAN_CONTEXT,
  isSpanContextValid,
  propagation,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from "@opentelemetry/api";

export { SpanKind };
export type { Span };

/** Most characters of a tool argument, result or prompt kept on a span: spans are not a transcript store. */
export const MAX_ATTRIBUTE_CHARS = 1024;

const TRACER_NAME = "ade-agent";

// Prompt text is sensitive; it goes on spans only when the job says `capture_content: true`. Set per isolate
// from the same config every request of that isolate shares (see workers/otel.ts).
let captureContent = false;

export function setCaptureContent(on: boolean): void {
  captureContent = on;
}

export function capturingContent(): boolean {
  return captureContent;
}

/**
 * Runs `fn` inside a new active span named `name`: ends it, records a thrown error with status ERROR and
 * rethrows. The span is the parent of every span `fn` starts, locally and (through propagation) on peers.
 */
export function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>, kind: SpanKind = SpanKind.INTERNAL): Promise<T> {
  const run = async (span: Span): Promise<T> => {
    try {
      return await fn(span);
    } catch (err) {
      failSpan(span, err);
      throw err;
    } finally {
      span.end();
    }
  };
  let started = false;
  try {
    return trace.getTracer(TRACER_NAME).startActiveSpan(name, { kind, attributes }, (span) => {
      started = true;
      return run(span);
    });
  } catch (err) {
    // The tracer throws before `fn` only when it has no config in this context; the work must still run.
    if (started) throw err;
    return run(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  }
}

/** Marks a span failed with the error's message (and the exception event). */
export function failSpan(span: Span, err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof Error) span.recordException(err);
  span.setStatus({ code: SpanStatusCode.ERROR, message: truncate(message, 256) });
}

/** The active span's ids, or undefined when nothing is being traced here. */
export function activeIds(): { traceId: string; spanId: string; traceFlags: number; traceState?: string } | undefined {
  const sc = trace.getActiveSpan()?.spanContext();
  if (!sc || !isSpanContextValid(sc)) return undefined;
  const state = sc.traceState?.serialize();
  return { traceId: sc.traceId, spanId: sc.spanId, traceFlags: sc.traceFlags, ...(state ? { traceState: state } : {}) };
}

/** Sets an attribute on the active span, if any (the request's server span in Hono middleware). */
export function annotateActiveSpan(key: string, value: string | number | boolean): void {
  trace.getActiveSpan()?.setAttribute(key, value);
}

/** Writes W3C `traceparent`/`tracestate` for the active span into `headers` (no-op when not tracing). */
export function injectTraceContext(headers: Record<string, string>): void {
  propagation.inject(context.active(), headers);
}

/** A fetch that adds the active trace context to requests that carry none (A2A card lookups, transports). */
export function tracingFetch(inner: typeof fetch): typeof fetch {
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    if (!activeIds()) return inner(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    if (!headers.has("traceparent")) {
      const carrier: Record<string, string> = {};
      injectTraceContext(carrier);
      for (const [k, v] of Object.entries(carrier)) headers.set(k, v);
    }
    return inner(input, { ...init, headers });
  }) as typeof fetch;
}

export function truncate(text: string, max = MAX_ATTRIBUTE_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** JSON (or the string itself), cut to the attribute limit. */
export function attributeText(value: unknown, max = MAX_ATTRIBUTE_CHARS): string {
  if (typeof value === "string") return truncate(value, max);
  try {
    return truncate(JSON.stringify(value) ?? "", max);
  } catch {
    return truncate(String(value), max);
  }
}

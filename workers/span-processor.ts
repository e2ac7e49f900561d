/**
 * @module workers/span-processor
 * Collects an isolate's spans per trace and exports them when the trace has no open span left here, or when
 * the library flushes after a response. Replaces rc.52's BatchTraceSpanProcessor, which never forgets a trace
 * (memory grows per query) and force-ends spans still running at flush (a streamed turn lost its tail).
 */
import type { Context } from "@opentelemetry/api";
import type { LocalTrace } from "@microlabs/otel-cf-workers";
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from "@opentelemetry/sdk-trace-base";

interface TraceBuffer {
  ended: ReadableSpan[];
  open: number;
  /** First span of this trace in this isolate: what the keep decision looks at. */
  root: ReadableSpan;
  keep?: boolean;
}

/** Traces held at once; past this the oldest is dropped (a span that never ends must not pin memory). */
const MAX_TRACES = 2_000;

export class TraceSpanProcessor implements SpanProcessor {
  private readonly traces = new Map<string, TraceBuffer>();
  /** Exports under way per trace: the library's post-response flush (inside waitUntil) must wait for them, or
   * workerd cancels them when the request ends. */
  private readonly inflight = new Map<string, Set<Promise<void>>>();

  constructor(
    private readonly exporter: SpanExporter,
    private readonly keep: (trace: LocalTrace) => boolean,
  ) {}

  onStart(span: Span, _parent: Context): void {
    const id = span.spanContext().traceId;
    let t = this.traces.get(id);
    if (!t) {
      if (this.traces.size >= MAX_TRACES) this.traces.delete(this.traces.keys().next().value as string);
      t = { ended: [], open: 0, root: span as unknown as ReadableSpan };
      this.traces.set(id, t);
    }
    t.open++;
  }

  onEnd(span: ReadableSpan): void {
    const id = span.spanContext().traceId;
    const t = this.traces.get(id);
    if (!t) return;
    t.ended.push(span);
    t.open--;
    if (t.open <= 0) void this.flush(id);
  }

  /** Exports the ended spans of `traceId` (or of every trace); spans still open go out when they end. */
  async forceFlush(traceId?: string): Promise<void> {
    const ids = traceId ? [traceId] : [...new Set([...this.traces.keys(), ...this.inflight.keys()])];
    await Promise.allSettled(ids.map((id) => this.flush(id)));
    await Promise.allSettled(ids.flatMap((id) => [...(this.inflight.get(id) ?? [])]));
  }

  async shutdown(): Promise<void> {
    await this.forceFlush();
    await this.exporter.shutdown();
  }

  private flush(id: string): Promise<void> {
    const t = this.traces.get(id);
    if (!t) return Promise.resolve();
    const spans = t.ended;
    t.ended = [];
    if (t.open <= 0) this.traces.delete(id);
    if (spans.length === 0) return Promise.resolve();
    t.keep ??= this.keep({ traceId: id, localRootSpan: t.root, spans });
    if (!t.keep) return Promise.resolve();
    // The exporter never rejects (BoundedExporter reports and swallows failures); resolve on its callback.
    const done = new Promise<void>((resolve) => this.exporter.export(spans, () => resolve()));
    const set = this.inflight.get(id) ?? new Set<Promise<void>>();
    set.add(done);
    this.inflight.set(id, set);
    void done.then(() => {
      set.delete(done);
      if (set.size === 0 && this.inflight.get(id) === set) this.inflight.delete(id);
    });
    return done;
  }
}

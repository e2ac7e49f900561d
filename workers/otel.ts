/**
 * @module workers/otel
 * Wires `@microlabs/otel-cf-workers` (rc.52) into the agent Worker and its session DO, only when tracing is on:
 * with it off, requests go to the plain handler and the library is never initialised (no exporter, no spans).
 */
import {
  instrument,
  instrumentDO,
  isHeadSampled,
  isRootErrorSpan,
  OTLPExporter,
  type LocalTrace,
  type ResolveConfigFn,
  type TraceConfig,
} from "@microlabs/otel-cf-workers";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import { CARD_PATHS } from "./card";
import { loadConfig, type Env } from "./env";
import { log } from "./log";
import { tracingSettings, type TracingSettings } from "./otel-settings";
import { TraceSpanProcessor } from "./span-processor";
import { setCaptureContent } from "./telemetry";

// ExportResultCode from @opentelemetry/core; spelled out to keep the import surface to the library and api.
const SUCCESS = 0;
const FAILED = 1;
/** At most one "export failing" line per this interval: a dead collector must not flood the logs. */
const FAILURE_LOG_INTERVAL_MS = 60_000;
type ExportResult = { code: number; error?: Error };

// Settings per env object: an isolate's env never changes, and the check runs on every request.
const settingsCache = new WeakMap<object, TracingSettings>();

export function settingsFor(env: Env): TracingSettings {
  let s = settingsCache.get(env);
  if (!s) {
    const cfg = loadConfig(env);
    s = tracingSettings(env, cfg.ok ? cfg.config : undefined);
    settingsCache.set(env, s);
  }
  return s;
}

/**
 * The library's exporter with two additions: the export gives up after `exportTimeoutMs` (a hung receiver
 * must not keep the isolate busy), and every span carries our resource attributes (job, agent, deployment),
 * which rc.52's own resource cannot take. Failures are reported to the library as success (it would log each
 * one) and logged here at most once a minute with the number of batches dropped.
 */
export class BoundedExporter implements SpanExporter {
  private readonly inner: OTLPExporter;
  private readonly resources = new WeakMap<object, { attributes: Record<string, unknown> }>();
  private lastFailureLog = 0;
  private droppedBatches = 0;

  constructor(private readonly settings: TracingSettings) {
    this.inner = new OTLPExporter({ url: settings.url, headers: settings.headers });
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    let settled = false;
    const finish = (result: ExportResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (result.code !== SUCCESS) this.dropped(result.error);
      done({ code: SUCCESS });
    };
    const timer = setTimeout(
      () => finish({ code: FAILED, error: new Error(`OTLP export to ${this.settings.url} gave up after ${this.settings.exportTimeoutMs} ms`) }),
      this.settings.exportTimeoutMs,
    );
    try {
      this.inner.export(spans.map((s) => this.withResource(s)), (r) => finish(r.code === SUCCESS ? { code: SUCCESS } : { code: FAILED, ...(r.error ? { error: r.error } : {}) }));
    } catch (err) {
      finish({ code: FAILED, error: err as Error });
    }
  }

  private dropped(error: Error | undefined): void {
    this.droppedBatches++;
    const now = Date.now();
    if (now - this.lastFailureLog < FAILURE_LOG_INTERVAL_MS) return;
    this.lastFailureLog = now;
    log("warn", "trace export failed; spans dropped", { service: this.settings.serviceName, url: this.settings.url, dropped_batches: this.droppedBatches, error: error?.message ?? "unknown" });
    this.droppedBatches = 0;
  }

  async shutdown(): Promise<void> {
    await this.inner.shutdown();
  }

  // The OTLP serializer reads only `resource.attributes` and groups spans by resource identity, so one merged
  // object per original resource keeps a batch in one ResourceSpans entry.
  private withResource(span: ReadableSpan): ReadableSpan {
    const original = span.resource as unknown as { attributes: Record<string, unknown> };
    let merged = this.resources.get(original);
    if (!merged) {
      merged = { attributes: { ...original.attributes, ...this.settings.resource } };
      this.resources.set(original, merged);
    }
    return Object.create(span, { resource: { value: merged, enumerable: true } }) as ReadableSpan;
  }
}

// One library config per settings object: rc.52 registers the span processors of the first config it sees
// per isolate, and reusing the object keeps later requests on those same processors.
const traceConfigs = new WeakMap<TracingSettings, TraceConfig>();

const resolveTraceConfig: ResolveConfigFn<Env> = (env) => {
  const settings = settingsFor(env);
  let cfg = traceConfigs.get(settings);
  if (!cfg) {
    setCaptureContent(settings.captureContent);
    cfg = {
      spanProcessors: [new TraceSpanProcessor(new BoundedExporter(settings), keepTrace)],
      service: { name: settings.serviceName, namespace: settings.namespace, version: settings.version },
      // A client's traceparent is honoured, so a caller's trace continues through the mesh.
      handlers: { fetch: { acceptTraceContext: true } },
      // Peer calls already carry the traceparent of their `peer.<name>` span; keeping it makes the peer's
      // server span a direct child of that client span instead of the generic fetch span.
      fetch: { includeTraceContext: (request: Request) => !request.headers.has("traceparent") },
      sampling: { headSampler: { ratio: 1, acceptRemote: true } },
    };
    traceConfigs.set(settings, cfg);
  }
  return cfg;
};

/**
 * The library's default (sampled, or failed at the root) minus probes: health checks, which pollers send every
 * second, and agent-card fetches that start a trace of their own (the deployer's readiness and status checks).
 * A card fetched inside a peer call has a remote parent and stays in that call's trace.
 */
export function keepTrace(local: LocalTrace): boolean {
  const root = local.localRootSpan as LocalTrace["localRootSpan"] & { parentSpanId?: string };
  const failed = root.status.code === 2;
  const path = root.attributes["url.path"];
  if (!failed && path === "/health") return false;
  const hasParent = Boolean(root.parentSpanContext?.spanId ?? root.parentSpanId);
  if (!failed && !hasParent && typeof path === "string" && (CARD_PATHS as readonly string[]).includes(path)) return false;
  return isHeadSampled(local) || isRootErrorSpan(local);
}

/** The Worker handler, traced when this agent's settings say so and untouched otherwise. */
export function traceWorker(handler: ExportedHandler<Env>): ExportedHandler<Env> {
  const plain = handler.fetch;
  if (!plain) return handler;
  const traced = instrument<Env, unknown, unknown>({ fetch: plain }, resolveTraceConfig as ResolveConfigFn).fetch!;
  return {
    ...handler,
    fetch: (request, env, ctx) => (settingsFor(env).enabled ? traced(request, env, ctx) : plain(request, env, ctx)),
  };
}

type DOClass<T> = new (state: DurableObjectState, env: Env) => T;

/** The session DO class, traced per instance when tracing is on (same decision as the Worker's). */
export function traceDurableObject<T extends object>(cls: DOClass<T>): DOClass<T> {
  const traced = instrumentDO(cls as never, resolveTraceConfig as ResolveConfigFn) as unknown as DOClass<T>;
  return new Proxy(cls, {
    construct(target, args: [DurableObjectState, Env]) {
      return Reflect.construct(settingsFor(args[1]).enabled ? traced : target, args);
    },
  });
}

/**
 * A real trace receiver (deployer/otel/receiver.ts) in the test process, with the spans and request headers it
 * accepted kept in memory, and a poll for "the trace is complete" (exports arrive in per-isolate batches).
 */
import { mkdtemp } from "node:fs/promises";
import type { IncomingHttpHeaders } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTraceReceiver, type TraceReceiver } from "../../deployer/otel/receiver";
import type { SpanRecord } from "../../deployer/otel/span-record";

export interface Collector extends TraceReceiver {
  spans: SpanRecord[];
  /** Headers of every accepted export request. */
  requests: IncomingHttpHeaders[];
}

export async function startCollector(): Promise<Collector> {
  const dir = await mkdtemp(join(tmpdir(), "ade-traces-"));
  const spans: SpanRecord[] = [];
  const requests: IncomingHttpHeaders[] = [];
  const rx = await startTraceReceiver({
    file: join(dir, "dep-test.ndjson"),
    onSpans: (batch, headers) => {
      spans.push(...batch);
      requests.push(headers);
    },
  });
  return Object.assign(rx, { spans, requests });
}

/** Polls until `done(spans of traceId)` holds, then waits `settleMs` for stragglers; throws with what arrived. */
export async function waitForTrace(c: Collector, traceId: string, done: (spans: SpanRecord[]) => boolean, timeoutMs = 10_000, settleMs = 300): Promise<SpanRecord[]> {
  const deadline = Date.now() + timeoutMs;
  const of = () => c.spans.filter((s) => s.traceId === traceId);
  while (!done(of())) {
    if (Date.now() > deadline) {
      throw new Error(`trace ${traceId} incomplete after ${timeoutMs} ms; got:\n${of().map((s) => `${s.service} ${s.kind} ${s.name}`).join("\n")}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, settleMs));
  return of();
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

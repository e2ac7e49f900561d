/**
 * @module deployer/otel/receiver
 * A minimal OTLP/HTTP trace receiver for local runs: `POST /v1/traces` (JSON, optionally gzip) on loopback,
 * each span appended as one NDJSON line to a file that `ade trace` reads. Not a collector: no retries, no
 * protobuf (the Worker exporter sends JSON), nothing else listens.
 */
import { appendFile, mkdir } from "node:fs/promises";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";
import { gunzipSync } from "node:zlib";
import { adeHome } from "../paths";
import { spansFromOtlpJson, type SpanRecord } from "./span-record";

export interface TraceReceiverOptions {
  /** NDJSON file the spans are appended to (created with its folder). */
  file: string;
  /** Port on 127.0.0.1; default 0 = any free port. */
  port?: number;
  /** Called after each accepted batch is written (tests wait on it; `ade start` may count spans). */
  onSpans?: (spans: SpanRecord[], headers: IncomingHttpHeaders) => void;
}

export interface TraceReceiver {
  /** Base URL (`http://127.0.0.1:<port>`): what agents get as `otel.endpoint`; they POST to `<url>/v1/traces`. */
  url: string;
  port: number;
  file: string;
  close(): Promise<void>;
}

/** Largest export accepted; the Worker exporter sends one trace's spans per request, far below this. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Where a deployment's spans go by default: `.ade/traces/<deployment-id>.ndjson`. */
export function traceFileFor(deploymentId: string, cwd?: string): string {
  return join(adeHome(cwd), "traces", `${deploymentId}.ndjson`);
}

/** Starts the receiver on 127.0.0.1; resolves once it is listening. */
export async function startTraceReceiver(options: TraceReceiverOptions): Promise<TraceReceiver> {
  const file = resolve(options.file);
  await mkdir(dirname(file), { recursive: true });
  // Appends are chained so concurrent exports never interleave half-lines.
  let writes: Promise<void> = Promise.resolve();
  const write = (text: string) => (writes = writes.then(() => appendFile(file, text, "utf8")));

  const server = createServer((req, res) => {
    handle(req, res, write, options.onSpans).catch((err) => reply(res, 500, { error: (err as Error).message }));
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(options.port ?? 0, "127.0.0.1", () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    file,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      await writes;
    },
  };
}

async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  write: (text: string) => Promise<void>,
  onSpans: TraceReceiverOptions["onSpans"],
): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (path !== "/v1/traces") return reply(res, 404, { error: `only POST /v1/traces is served here, not ${path}` });
  if (req.method !== "POST") return reply(res, 405, { error: "use POST" });
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/json") {
    return reply(res, 415, { error: `content-type ${type || "(none)"} is not supported; send OTLP/HTTP JSON (application/json)` });
  }
  let raw = await readBody(req);
  if (raw === undefined) return reply(res, 413, { error: `body larger than ${MAX_BODY_BYTES} bytes` });
  if ((req.headers["content-encoding"] ?? "").toLowerCase() === "gzip") raw = gunzipSync(raw);
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch (err) {
    return reply(res, 400, { error: `body is not JSON: ${(err as Error).message}` });
  }
  const spans = spansFromOtlpJson(body);
  if (spans.length) await write(spans.map((s) => JSON.stringify(s)).join("\n") + "\n");
  onSpans?.(spans, req.headers);
  reply(res, 200, { partialSuccess: {} });
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((ok, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on("end", () => ok(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks)));
    req.on("error", fail);
  });
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

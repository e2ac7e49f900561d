/**
 * Shared machinery of the fake LLM servers: the provider-neutral reply script, request recording, latency, hanging
 * and error replies. Each provider file only turns a FakeReply into its own wire format.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FakeToolCall {
  name: string;
  arguments: Record<string, unknown>;
  /** Provider id (Anthropic); defaults to a deterministic one. */
  id?: string;
}

/** One scripted model turn, the same for every provider so tests read alike. */
export interface FakeReply {
  text?: string;
  toolCalls?: FakeToolCall[];
  /** Overrides the stop reason the provider would report (defaults: tool use if toolCalls, else end). */
  stopReason?: "end" | "tool_use" | "max_tokens";
  usage?: { input: number; output: number };
  /** HTTP error status instead of a turn (429, 401, 500, …). */
  status?: number;
  /** Provider's error message for `status`. */
  error?: string;
  /** `retry-after` header value on an error reply. */
  retryAfter?: string;
  /** Never answer (until the client gives up or the server closes). */
  hang?: boolean;
}

export type FakeScript = FakeReply[] | ((body: any, index: number) => FakeReply);

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. `/v1beta/models/m:streamGenerateContent?alt=sse`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

export interface FakeOptions {
  script: FakeScript;
  /** Delay before answering and between stream chunks. */
  latencyMs?: number;
  /** Delay between stream chunks when it should differ from `latencyMs` (0: the whole stream at once). */
  chunkDelayMs?: number;
}

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/** What a provider adapter gets per request. */
export interface FakeExchange {
  req: RecordedRequest;
  reply: FakeReply;
  res: ServerResponse;
  latencyMs: number;
}

/** Returns a route handler's result, or `false` for "not my route" (404). */
export type FakeHandler = (x: FakeExchange) => Promise<boolean> | boolean;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Splits text into 3 chunks (fewer for short text) so streams carry several deltas. */
export function textChunks(text: string): string[] {
  if (!text) return [];
  const size = Math.max(1, Math.ceil(text.length / 3));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/** Deterministic token counts when a reply gives none: a quarter of the characters. */
export function usageOf(reply: FakeReply, body: unknown): { input: number; output: number } {
  return reply.usage ?? { input: Math.ceil(JSON.stringify(body ?? "").length / 4), output: Math.ceil(JSON.stringify([reply.text, reply.toolCalls]).length / 4) };
}

function resolve(script: FakeScript, body: unknown, index: number): FakeReply {
  if (typeof script === "function") return script(body, index);
  return script[index] ?? { status: 500, error: `fake server script exhausted at request ${index + 1}` };
}

/** Starts an HTTP server on 127.0.0.1:<random>; `handle` writes the provider-specific response. */
export async function startFake(options: FakeOptions, handle: FakeHandler, errorBody: (reply: FakeReply, status: number) => unknown): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const latencyMs = options.latencyMs ?? 0;
  const server = createServer(async (req, res) => {
    const raw: Buffer[] = [];
    for await (const chunk of req) raw.push(chunk as Buffer);
    const text = Buffer.concat(raw).toString("utf8");
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      /* keep raw text */
    }
    const recorded: RecordedRequest = { method: req.method ?? "GET", path: req.url ?? "/", headers: req.headers, body };
    requests.push(recorded);
    const reply = resolve(options.script, body, requests.length - 1);
    if (reply.hang) return; // the socket stays open until the client aborts or close() destroys it
    if (latencyMs) await sleep(latencyMs);
    if (reply.status && reply.status >= 400) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (reply.retryAfter !== undefined) headers["retry-after"] = reply.retryAfter;
      res.writeHead(reply.status, headers).end(JSON.stringify(errorBody(reply, reply.status)));
      return;
    }
    try {
      const handled = await handle({ req: recorded, reply, res, latencyMs: options.chunkDelayMs ?? latencyMs });
      if (!handled) res.writeHead(404, { "content-type": "application/json" }).end(JSON.stringify(errorBody({ error: `no route ${recorded.method} ${recorded.path}` }, 404)));
    } catch (err) {
      if (!res.headersSent) res.writeHead(500).end(String(err));
      else res.destroy();
    }
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** Writes SSE events `event:`/`data:` with the fake's latency between them. */
export async function writeSse(res: ServerResponse, events: { event?: string; data: unknown }[], latencyMs: number, eol = "\n"): Promise<void> {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  for (const e of events) {
    const head = e.event ? `event: ${e.event}${eol}` : "";
    res.write(`${head}data: ${JSON.stringify(e.data)}${eol}${eol}`);
    if (latencyMs) await sleep(latencyMs);
  }
  res.end();
}

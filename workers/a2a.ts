/**
 * @module workers/a2a
 * Hono ↔ @a2a-js/sdk: what the SDK's Express adapter does, for a Worker. The JSON-RPC envelope is checked here
 * (so parse and invalid-request errors get their spec codes); everything else is the SDK's handlers, v1.0 or
 * the v0.3 compatibility layer, chosen by method name and then by the `A2A-Version` header (missing = 0.3).
 */
import { A2A_VERSION_HEADER } from "@a2a-js/sdk";
import {
  DefaultRequestHandler,
  JsonRpcTransportHandler,
  UnauthenticatedUser,
  defaultServerCallContextBuilder,
  validateVersion,
} from "@a2a-js/sdk/server";
import { isLegacyJsonRpcMethod, isV1JsonRpcMethod } from "@a2a-js/sdk/compat/v0_3";
import { LegacyJsonRpcTransportHandler } from "@a2a-js/sdk/compat/v0_3/server";
import type { AgentModule } from "./agents/agent-module";
import { buildCard } from "./card";
import type { RuntimeConfig } from "./config";
import type { Env } from "./env";
import { REQUEST_STATE_KEY, TurnExecutor, type RequestState } from "./executor";
import { DurableTaskStore } from "./task-store";

const LEGACY_VERSION = "0.3";

interface Handlers {
  v1: JsonRpcTransportHandler;
  legacy: LegacyJsonRpcTransportHandler;
  requestHandler: DefaultRequestHandler;
}

// One request handler per isolate and config: its event-bus manager must outlive a request so that
// CancelTask can reach a task another request is running.
const handlers = new WeakMap<RuntimeConfig, Handlers>();

function handlersFor(env: Env, config: RuntimeConfig, mod: AgentModule | undefined): Handlers {
  let h = handlers.get(config);
  if (!h) {
    const requestHandler = new DefaultRequestHandler(buildCard(config, mod, "http://localhost"), new DurableTaskStore(env), new TurnExecutor(env));
    h = { requestHandler, v1: new JsonRpcTransportHandler(requestHandler), legacy: new LegacyJsonRpcTransportHandler(requestHandler) };
    handlers.set(config, h);
  }
  return h;
}

type RpcError = { code: number; message: string; data?: unknown };
const rpcError = (id: unknown, error: RpcError) => ({ jsonrpc: "2.0", id: validId(id) ? id : null, error });

/** Handles one JSON-RPC POST body (already size-checked) and returns JSON or an SSE stream. */
export async function handleA2A(env: Env, config: RuntimeConfig, mod: AgentModule | undefined, raw: string, headers: Headers, state: RequestState): Promise<Response> {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (err) {
    return json(rpcError(null, { code: -32700, message: `Parse error: ${(err as Error).message}` }));
  }
  const envelopeProblem = checkEnvelope(body);
  const id = (body as { id?: unknown } | null)?.id;
  if (envelopeProblem) return json(rpcError(id, { code: -32600, message: `Invalid Request: ${envelopeProblem}` }));
  const request = body as { method: string; id?: unknown };

  const header = headers.get(A2A_VERSION_HEADER) ?? undefined;
  const legacy = isLegacyJsonRpcMethod(request.method) || (!isV1JsonRpcMethod(request.method) && (header ?? LEGACY_VERSION) === LEGACY_VERSION);
  const mapError = legacy ? LegacyJsonRpcTransportHandler.mapToLegacyJSONRPCError : JsonRpcTransportHandler.mapToJSONRPCError;
  const h = handlersFor(env, config, mod);
  try {
    const context = defaultServerCallContextBuilder({
      extensions: undefined,
      user: new UnauthenticatedUser(),
      headers: Object.fromEntries(headers),
      // A legacy method name without a header is a v0.3 client; a v1 name without one is a v1 client.
      requestedVersion: header ?? (legacy ? LEGACY_VERSION : "1.0"),
    });
    context.state.set(REQUEST_STATE_KEY, state);
    validateVersion(context.requestedVersion, await h.requestHandler.getAgentCard(), "JSONRPC");
    const out = await (legacy ? h.legacy : h.v1).handle(request as Record<string, unknown>, context);
    if (isAsyncIterable(out)) return await sse(out, request.id, mapError);
    return json(out);
  } catch (err) {
    return json(rpcError(request.id, mapError(err) as RpcError));
  }
}

function checkEnvelope(body: unknown): string | undefined {
  if (Array.isArray(body)) return "batch requests are not supported";
  if (typeof body !== "object" || body === null) return "the body must be a JSON-RPC request object";
  const r = body as Record<string, unknown>;
  if (r.jsonrpc !== "2.0") return `"jsonrpc" must be "2.0"`;
  if (typeof r.method !== "string" || r.method === "") return `"method" must be a non-empty string`;
  if ("id" in r && !validId(r.id)) return `"id" must be a string, an integer or null`;
  return undefined;
}

function validId(id: unknown): boolean {
  return id === null || typeof id === "string" || (typeof id === "number" && Number.isInteger(id));
}

function isAsyncIterable(v: unknown): v is AsyncGenerator<unknown> {
  return typeof (v as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === "function";
}

/** Streams JSON-RPC envelopes as SSE. An error before the first event is a plain JSON-RPC error response. */
async function sse(stream: AsyncGenerator<unknown>, id: unknown, mapError: (e: unknown) => unknown): Promise<Response> {
  const iterator = stream[Symbol.asyncIterator]();
  let first: IteratorResult<unknown>;
  try {
    first = await iterator.next();
  } catch (err) {
    return json(rpcError(id, mapError(err) as RpcError));
  }
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (!first.done) controller.enqueue(encoder.encode(`data: ${JSON.stringify(first.value)}\n\n`));
      if (first.done) controller.close();
    },
    async pull(controller) {
      if (first.done) return;
      try {
        const next = await iterator.next();
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(next.value)}\n\n`));
      } catch (err) {
        controller.enqueue(encoder.encode(`event: error\ndata: ${JSON.stringify(rpcError(id, mapError(err) as RpcError))}\n\n`));
        controller.close();
      }
    },
    async cancel() {
      await iterator.return?.(undefined);
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache", "x-accel-buffering": "no" } });
}

function json(value: unknown): Response {
  return new Response(JSON.stringify(value), { headers: { "content-type": "application/json" } });
}

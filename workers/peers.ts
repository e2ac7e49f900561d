/**
 * @module workers/peers
 * The `query_agent` tool and the A2A call behind it. The tool's `agent` enum, its description and the routing
 * all come from the same `config.peers`, so the model can only name agents the runtime can reach. A call goes
 * over the service binding when there is one, else HTTP; either way it is the same SDK client request.
 */
import { z } from "zod";
import { DefaultAgentCardResolver, ClientFactory, JsonRpcTransportFactory } from "@a2a-js/sdk/client";
import type { AgentCard } from "@a2a-js/sdk";
import { MESH_TOKEN_SECRET, type PeerConfig, type RuntimeConfig } from "./config";
import { secret, type Env } from "./env";
import { ToolError, type LoopTool } from "./loop";
import { outgoingHeaders, type TraceInfo } from "./trace";
import { answerOf, userMessage } from "./a2a-parts";
import { defineTool } from "./tools/tool";
import { reasonOf } from "./errors";
import { log } from "./log";
import { SpanKind, tracingFetch, withSpan } from "./telemetry";

export const PEER_TOOL = "query_agent";

export interface PeerCallContext {
  env: Env;
  config: RuntimeConfig;
  sessionId: string;
  /** The caller's original `context`, forwarded unchanged. */
  context?: unknown;
  /** Hop count of the request being served (0 = from outside the mesh). */
  hop: number;
  trace: TraceInfo;
}

/** The peer tool for this turn, or undefined when the agent has no peers. */
export function peerTool(ctx: PeerCallContext): LoopTool | undefined {
  const peers = ctx.config.peers;
  if (peers.length === 0) return undefined;
  const names = peers.map((p) => p.name);
  const lines = peers.map((p) => `- ${p.name}: ${oneLine(p.description) || "(no description)"}`);
  const description = [
    "Ask another agent of this deployment a question and get its answer.",
    "Use it when the question needs another agent's knowledge or tools. Name the agent exactly as listed:",
    ...lines,
  ].join("\n");
  const tool = defineTool({
    name: PEER_TOOL,
    description,
    // The model sees an enum (below); validation stays loose so a wrong name gets the helpful error.
    input: z.object({ agent: z.string(), query: z.string().min(1) }),
    run: (input, toolCtx) => callPeer(ctx, input.agent, input.query, toolCtx.signal),
  });
  return {
    tool,
    // A little past peerMs, so callPeer's own timeout (which names the agent) fires before the loop's.
    timeoutMs: ctx.config.timeouts.peerMs + 1_000,
    spec: {
      name: PEER_TOOL,
      description,
      parameters: {
        type: "object",
        properties: {
          agent: { type: "string", enum: names, description: "Which agent to ask." },
          query: { type: "string", description: "The question, self-contained: the agent does not see this conversation." },
        },
        required: ["agent", "query"],
        additionalProperties: false,
      },
    },
  };
}

/**
 * Sends `query` to peer `name` and returns its answer; every failure is a ToolError the model can read.
 * Runs in a client span `peer.<name>`: the headers carry its context, so the peer's server span is its child.
 */
export function callPeer(ctx: PeerCallContext, name: string, query: string, signal?: AbortSignal): Promise<string> {
  const peer = ctx.config.peers.find((p) => p.name === name);
  const attrs = {
    "peer.name": name,
    "peer.via": peer?.binding && ctx.env[peer.binding] ? "binding" : peer?.url ? "http" : "none",
    "rpc.system": "a2a",
    "ade.agent": ctx.config.agent,
    "ade.hop": ctx.hop + 1,
  };
  const fields = { agent: ctx.config.agent, peer: name, hop: ctx.hop + 1, trace_id: ctx.trace.traceId };
  const started = Date.now();
  return withSpan(
    `peer.${peer ? name : "unknown"}`,
    attrs,
    async () => {
      try {
        const answer = await askPeer(ctx, name, query, signal);
        log("info", "peer call", { ...fields, duration_ms: Date.now() - started });
        return answer;
      } catch (err) {
        log("warn", "peer call failed", { ...fields, duration_ms: Date.now() - started, error: reasonOf(err) });
        throw err;
      }
    },
    SpanKind.CLIENT,
  );
}

async function askPeer(ctx: PeerCallContext, name: string, query: string, signal?: AbortSignal): Promise<string> {
  const peers = ctx.config.peers;
  const peer = peers.find((p) => p.name === name);
  if (!peer) throw new ToolError(`unknown agent "${name}"; valid agents: ${peers.map((p) => p.name).join(", ")}`);
  if (ctx.hop >= ctx.config.maxHops) {
    throw new ToolError(
      `hop limit reached: this request is already ${ctx.hop} agent-to-agent hops deep (maxHops ${ctx.config.maxHops}), ` +
        `so "${name}" was not asked; answer with what you have`,
    );
  }
  const route = routeTo(ctx.env, peer);
  // Card lookups carry the trace too, so the peer's spans for them join this query's trace.
  const fetchImpl = tracingFetch(route.fetch);
  const timeoutMs = ctx.config.timeouts.peerMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  const callSignal = signal ? AbortSignal.any([signal, deadline]) : deadline;
  const headers = outgoingHeaders(ctx.trace, ctx.hop + 1, ctx.config.agent);
  const token = secret(ctx.env, MESH_TOKEN_SECRET);
  if (token) headers.authorization = `Bearer ${token}`;

  const work = (async () => {
    const card = await cardFor(route, fetchImpl);
    const factory = new ClientFactory({
      transports: [new JsonRpcTransportFactory({ fetchImpl })],
      cardResolver: new DefaultAgentCardResolver({ fetchImpl }),
    });
    const client = await factory.createFromAgentCard(card);
    const metadata = { ade: { hop: ctx.hop + 1, caller: ctx.config.agent, sessionId: ctx.sessionId, context: ctx.context ?? null } };
    const result = await client.sendMessage(
      { tenant: "", message: userMessage(query, ctx.sessionId, metadata), configuration: undefined, metadata: undefined },
      { signal: callSignal, serviceParameters: headers },
    );
    return answerOf(result);
  })();

  let answer: { text: string; failed: boolean };
  try {
    answer = await raceAbort(work, callSignal);
  } catch (err) {
    cards.delete(route.key);
    if (signal?.aborted) throw new ToolError(`the call to agent "${name}" was cancelled`);
    if (deadline.aborted) throw new ToolError(`agent "${name}" did not answer within ${timeoutMs} ms`);
    throw new ToolError(`agent "${name}" could not be reached: ${reasonOf(err)}`);
  }
  if (answer.failed) throw new ToolError(`agent "${name}" failed: ${answer.text}`);
  return answer.text;
}

interface Route {
  key: string;
  baseUrl: string;
  fetch: typeof fetch;
}

function routeTo(env: Env, peer: PeerConfig): Route {
  const binding = peer.binding ? env[peer.binding] : undefined;
  if (binding && typeof (binding as Fetcher).fetch === "function") {
    const fetcher = binding as Fetcher;
    // The host is irrelevant over a binding; a readable one helps in logs and in the card's fallback URL.
    return { key: `binding:${peer.binding}`, baseUrl: `http://${peer.name}.peer/`, fetch: ((input: RequestInfo | URL, init?: RequestInit) => fetcher.fetch(input as RequestInfo, init)) as typeof fetch };
  }
  if (peer.url) return { key: `url:${peer.url}`, baseUrl: peer.url, fetch: ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init)) as typeof fetch };
  throw new ToolError(`agent "${peer.name}" is not reachable from here: no service binding ${peer.binding ?? "(none)"} and no url`);
}

// Agent cards change only on redeploy; caching them halves the requests per peer call.
const cards = new Map<string, AgentCard>();

async function cardFor(route: Route, fetchImpl: typeof fetch): Promise<AgentCard> {
  const hit = cards.get(route.key);
  if (hit) return hit;
  const card = await new DefaultAgentCardResolver({ fetchImpl }).resolve(route.baseUrl);
  cards.set(route.key, card);
  return card;
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function oneLine(text: string | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/**
 * One query, one trace: a hub on the (fake) Anthropic API asks two spokes in parallel, in real workerd, and
 * the real receiver gets spans from three services that form one tree: peer client span → peer server span,
 * LLM spans with tokens, tool spans, Durable Object spans; a client's traceparent is continued.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anthropicWire, startFakeAnthropic } from "../fakes/anthropic-server";
import type { FakeReply, FakeServer } from "../fakes/fake-http";
import { postJson, runtimeOutput, startMesh, type Mesh } from "../helpers/mesh";
import { readSse } from "../helpers/sse";
import type { SpanRecord } from "../../deployer/otel/span-record";
import { startCollector, waitForTrace, type Collector } from "./collect";

const QUERY = "What's the weather in Tokyo and how far is it from London?";

function script(body: any): FakeReply {
  const results = anthropicWire.toolResults(body);
  if (results.length > 0) return { text: `Combined: ${results.map((r) => r.content.slice(0, 40)).join(" | ")}`, usage: { input: 300, output: 40 } };
  const calls = [
    { name: "query_agent", arguments: { agent: "weather", query: "What's the weather in Tokyo?" } },
    { name: "query_agent", arguments: { agent: "maps", query: "Distance from Tokyo to London" } },
  ];
  // The capture hub also names an agent that does not exist, to show a failed tool span.
  if (body.model === "capture-model") calls[1] = { name: "query_agent", arguments: { agent: "nobody", query: "hello?" } };
  return { toolCalls: calls, usage: { input: 120, output: 30 } };
}

const byName = (spans: SpanRecord[], service: string, name: string) => spans.filter((s) => s.service === service && s.name === name);
const one = (spans: SpanRecord[], service: string, name: string) => {
  const found = byName(spans, service, name);
  expect(found, `${service} ${name}`).toHaveLength(1);
  return found[0]!;
};

/** Complete = the hub's request ended and both spokes finished their loops. */
const complete = (spans: SpanRecord[]) =>
  ["controller", "weather", "maps"].every((svc) => byName(spans, svc, "agent.loop").length === 1) && byName(spans, "controller", "POST /query").length === 1;

let fake: FakeServer;
let collector: Collector;
let mesh: Mesh;

beforeAll(async () => {
  fake = await startFakeAnthropic({ script: (body) => script(body) });
  collector = await startCollector();
  const otel = { enabled: true, endpoint: collector.url };
  const extra = { otel, deploymentId: "dep-obs" };
  mesh = await startMesh([
    { name: "controller", module: "controller", peers: ["weather", "maps"], backend: { type: "anthropic", model: "hub-model", baseUrl: fake.url }, secrets: { ANTHROPIC_API_KEY: "sk-test" }, extra },
    { name: "capture", module: "controller", peers: ["weather"], backend: { type: "anthropic", model: "capture-model", baseUrl: fake.url }, secrets: { ANTHROPIC_API_KEY: "sk-test" }, extra: { ...extra, otel: { ...otel, captureContent: true } } },
    { name: "weather", module: "weather", extra: { ...extra, description: "Current weather and short forecasts for cities." } },
    { name: "maps", module: "maps", extra: { ...extra, description: "Distances and routes between known cities." } },
  ]);
});
afterAll(async () => {
  await mesh?.dispose();
  await collector?.close();
  await fake?.close();
});

describe("a traced query across a hub and two spokes", () => {
  let traceId: string;
  let spans: SpanRecord[];

  beforeAll(async () => {
    // Probes are not traced: only the query's trace may reach the receiver.
    expect((await fetch(`${mesh.url.controller}/health`)).status).toBe(200);
    expect((await fetch(`${mesh.url.weather}/.well-known/agent-card.json`)).status).toBe(200);
    const { status, body } = await postJson(`${mesh.url.controller}/query`, { query: QUERY, session_id: "obs-1" });
    expect(status).toBe(200);
    expect(body.response).toMatch(/^Combined:/);
    traceId = body.trace_id;
    spans = await waitForTrace(collector, traceId, complete);
  });

  it("is one trace, reported as the query's trace_id, over three services (health and card probes left out)", () => {
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(collector.spans.map((s) => s.traceId))).toEqual(new Set([traceId]));
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(["controller", "weather", "maps"]));
  });

  it("forms a single tree rooted at the hub's POST /query", () => {
    const ids = new Set(spans.map((s) => s.spanId));
    const roots = spans.filter((s) => !s.parentSpanId);
    expect(roots.map((s) => `${s.service} ${s.kind} ${s.name}`)).toEqual(["controller server POST /query"]);
    const orphans = spans.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId));
    expect(orphans.map((s) => `${s.service} ${s.name}`)).toEqual([]);
  });

  it("links each peer client span to the spoke's server span, under the hub's tool span", () => {
    const loop = one(spans, "controller", "agent.loop");
    for (const spoke of ["weather", "maps"]) {
      const peer = one(spans, "controller", `peer.${spoke}`);
      expect(peer.kind).toBe("client");
      expect(peer.attributes).toMatchObject({ "peer.name": spoke, "peer.via": "binding", "rpc.system": "a2a", "ade.hop": 1 });
      const tool = spans.find((s) => s.spanId === peer.parentSpanId)!;
      expect(tool.name).toBe("tool.query_agent");
      expect(tool.parentSpanId).toBe(loop.spanId);
      const server = one(spans, spoke, "POST /a2a");
      expect(server.kind).toBe("server");
      expect(server.parentSpanId).toBe(peer.spanId);
      // The spoke's own loop hangs under its server span (through the session DO).
      expect(ancestors(spans, one(spans, spoke, "agent.loop")).map((s) => s.spanId)).toContain(server.spanId);
    }
  });

  it("records each LLM call with provider, model, tokens and stop reason, but no prompt text by default", () => {
    const llm = byName(spans, "controller", "llm.chat").sort((a, b) => a.startMs - b.startMs);
    expect(llm).toHaveLength(2);
    expect(llm[0]!.attributes).toMatchObject({
      "gen_ai.system": "anthropic",
      "gen_ai.request.model": "hub-model",
      "gen_ai.usage.input_tokens": 120,
      "gen_ai.usage.output_tokens": 30,
      "gen_ai.response.finish_reasons": ["tool_use"],
      "ade.tool_calls": 2,
    });
    expect(llm[1]!.attributes).toMatchObject({ "gen_ai.usage.input_tokens": 300, "gen_ai.usage.output_tokens": 40, "gen_ai.response.finish_reasons": ["end"] });
    expect(typeof llm[0]!.attributes["ade.latency_ms"]).toBe("number");
    expect(spans.some((s) => "gen_ai.prompt" in s.attributes || "gen_ai.completion" in s.attributes)).toBe(false);
    expect(one(spans, "controller", "agent.loop").attributes).toMatchObject({ "gen_ai.usage.input_tokens": 420, "gen_ai.usage.output_tokens": 70, "ade.steps": 2 });
    // The spokes run the offline backend: their LLM spans exist and count (estimated) tokens too.
    for (const spoke of ["weather", "maps"]) expect(byName(spans, spoke, "llm.chat").every((s) => s.attributes["gen_ai.system"] === "offline" && Number(s.attributes["gen_ai.usage.input_tokens"]) > 0)).toBe(true);
  });

  it("records tool calls with arguments and results, and the Durable Object work", () => {
    const tools = byName(spans, "controller", "tool.query_agent");
    expect(tools.map((t) => JSON.parse(String(t.attributes["tool.arguments"])).agent).sort()).toEqual(["maps", "weather"]);
    for (const t of tools) expect(String(t.attributes["tool.result"]).length).toBeGreaterThan(0);
    expect(byName(spans, "weather", "tool.get_weather")).toHaveLength(1);
    for (const svc of ["controller", "weather", "maps"]) {
      expect(spans.filter((s) => s.service === svc && s.name.startsWith("Durable Object")).length, svc).toBeGreaterThanOrEqual(2);
    }
  });

  it("tags every span with the job, agent and deployment id", () => {
    for (const s of spans) {
      expect(s.resource).toMatchObject({ "service.name": s.service, "service.namespace": "test", "ade.job": "test", "ade.agent": s.service, "ade.deployment_id": "dep-obs" });
    }
  });

  it("logs JSON lines carrying the same trace id in every agent", () => {
    const lines = runtimeOutput.filter((l) => l.startsWith("{")).map((l) => JSON.parse(l)).filter((l) => l.trace_id === traceId);
    const seen = new Set(lines.map((l) => `${l.agent} ${l.msg}`));
    for (const want of ["controller request", "controller peer call", "controller tool call", "weather request", "maps request", "weather tool call"]) expect(seen).toContain(want);
    const peerLine = lines.find((l) => l.msg === "peer call" && l.peer === "weather");
    expect(peerLine.span_id).toBe(one(spans, "controller", "peer.weather").spanId);
  });
});

describe("trace context and content capture", () => {
  it("continues a client's traceparent instead of starting a trace", async () => {
    const trace = "4bf92f3577b34da6a3ce929d0e0e4736";
    const parent = "00f067aa0ba902b7";
    const { status, body } = await postJson(`${mesh.url.controller}/query`, { query: QUERY }, { traceparent: `00-${trace}-${parent}-01` });
    expect(status).toBe(200);
    expect(body.trace_id).toBe(trace);
    const spans = await waitForTrace(collector, trace, complete);
    expect(one(spans, "controller", "POST /query").parentSpanId).toBe(parent);
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(["controller", "weather", "maps"]));
  });

  it("a streamed (SSE) query: spans still running when the response starts are exported whole, not cut short", async () => {
    const res = await fetch(`${mesh.url.controller}/query`, { method: "POST", headers: { "content-type": "application/json", accept: "text/event-stream" }, body: JSON.stringify({ query: QUERY }) });
    const events = await readSse(res);
    const done = events.find((e) => e.event === "done")!;
    const spans = await waitForTrace(collector, done.data.trace_id, complete);
    const loop = one(spans, "controller", "agent.loop");
    const end = (s: SpanRecord) => s.startMs + s.durationMs;
    // Every LLM and tool span of the hub lies inside its loop span.
    for (const s of spans.filter((x) => x.service === "controller" && (x.name === "llm.chat" || x.name.startsWith("tool.")))) {
      expect(end(s), s.name).toBeLessThanOrEqual(end(loop) + 1);
    }
    expect(byName(spans, "controller", "llm.chat")).toHaveLength(2);
  });

  it("puts prompt text on LLM spans only with capture_content, and marks a failed tool call as an error", async () => {
    const { status, body } = await postJson(`${mesh.url.capture}/query`, { query: QUERY });
    expect(status).toBe(200);
    const spans = await waitForTrace(collector, body.trace_id, (s) => byName(s, "capture", "POST /query").length === 1 && byName(s, "weather", "agent.loop").length === 1);
    const first = byName(spans, "capture", "llm.chat").sort((a, b) => a.startMs - b.startMs)[0]!;
    expect(first.attributes["gen_ai.prompt"]).toContain("how far is it from London");
    const failed = byName(spans, "capture", "tool.query_agent").find((s) => s.status === "error")!;
    expect(failed.statusMessage).toMatch(/unknown agent "nobody"/);
    expect(one(spans, "capture", "peer.unknown").status).toBe("error");
  });
});

function ancestors(spans: SpanRecord[], span: SpanRecord): SpanRecord[] {
  const out: SpanRecord[] = [];
  let cur: SpanRecord | undefined = span;
  while (cur?.parentSpanId) {
    cur = spans.find((s) => s.spanId === cur!.parentSpanId);
    if (cur) out.push(cur);
  }
  return out;
}

/**
 * The hub with real provider backends pointed at the fake LLM servers (the only doubles): hub → spoke for
 * Anthropic, Ollama and Gemini; a model that names a URL or a wrong agent gets the valid list and recovers;
 * parallel tool calls; provider failure → 502 / failed task; a model that never answers → timeout; maxSteps.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anthropicWire, startFakeAnthropic } from "../../fakes/anthropic-server";
import { geminiWire, startFakeGemini } from "../../fakes/gemini-server";
import { ollamaWire, startFakeOllama } from "../../fakes/ollama-server";
import type { FakeReply, FakeServer } from "../../fakes/fake-http";
import type { WireInspector } from "../../fakes/wire";
import { postJson, startMesh, type Mesh, type TestAgent } from "../../helpers/mesh";
import { readSse } from "../../helpers/sse";

const KEYS = { ANTHROPIC_API_KEY: "sk-test", GOOGLE_API_KEY: "g-test" };
const ask = (agent: string, query: string, id = "q"): FakeReply => ({ toolCalls: [{ name: "query_agent", arguments: { agent, query }, id: `call_${id}` }] });
const lastResult = (wire: WireInspector, body: any) => wire.toolResults(body).at(-1)?.content ?? "(none)";

const fakes: Record<string, FakeServer> = {};
let mesh: Mesh;

beforeAll(async () => {
  const relay = (wire: WireInspector) => (body: any, i: number): FakeReply => (i === 0 ? ask("weather", "What's the weather in Tokyo?") : { text: `Relayed: ${lastResult(wire, body)}` });
  fakes.anthropic = await startFakeAnthropic({ script: relay(anthropicWire) });
  fakes.ollama = await startFakeOllama({ script: relay(ollamaWire) });
  fakes.gemini = await startFakeGemini({ script: relay(geminiWire) });
  fakes.recover = await startFakeAnthropic({
    script: (body, i) =>
      [ask("http://127.0.0.1:9001", "weather in Tokyo", "a"), ask("weather_agent", "weather in Tokyo", "b"), ask("weather", "What's the weather in Tokyo?", "c")][i] ?? {
        text: `Recovered: ${lastResult(anthropicWire, body)}`,
      },
  });
  fakes.parallel = await startFakeAnthropic({
    script: (body, i) =>
      i === 0
        ? { toolCalls: [{ name: "query_agent", arguments: { agent: "weather", query: "What's the weather in Paris?" } }, { name: "query_agent", arguments: { agent: "maps", query: "Distance from Paris to London" } }] }
        : { text: anthropicWire.toolResults(body).map((r) => r.content).join(" || ") },
  });
  fakes.failing = await startFakeAnthropic({ script: () => ({ status: 401, error: "invalid x-api-key" }) });
  fakes.hanging = await startFakeAnthropic({ script: () => ({ hang: true }) });
  fakes.looping = await startFakeAnthropic({ script: (_b, i) => ({ text: `step ${i + 1}`, toolCalls: [{ name: "no_such_tool", arguments: {} }] }) });

  const hub = (name: string, type: "anthropic" | "ollama" | "gemini", fake: string, extra: TestAgent["extra"] = {}): TestAgent => ({
    name,
    module: "controller",
    peers: ["weather", "maps"],
    backend: { type, model: `${type}-test`, baseUrl: fakes[fake]!.url },
    secrets: KEYS,
    extra,
  });
  mesh = await startMesh([
    hub("hub_anthropic", "anthropic", "anthropic"),
    hub("hub_ollama", "ollama", "ollama"),
    hub("hub_gemini", "gemini", "gemini"),
    hub("hub_recover", "anthropic", "recover"),
    hub("hub_parallel", "anthropic", "parallel"),
    hub("hub_failing", "anthropic", "failing"),
    hub("hub_hanging", "anthropic", "hanging", { timeouts: { llmMs: 1000 } }),
    hub("hub_looping", "anthropic", "looping", { maxSteps: 3 }),
    { name: "weather", module: "weather", extra: { description: "Current weather and short forecasts for cities." } },
    { name: "maps", module: "maps", extra: { description: "Distances and routes between known cities." } },
  ]);
});
afterAll(async () => {
  await mesh?.dispose();
  await Promise.all(Object.values(fakes).map((f) => f.close()));
});

describe.each([
  ["anthropic", anthropicWire],
  ["ollama", ollamaWire],
  ["gemini", geminiWire],
] as const)("hub and spoke with the %s backend", (provider, wire) => {
  it("sends query_agent with the peer enum, calls weather over the binding and relays its answer", async () => {
    const { status, body } = await postJson(`${mesh.url[`hub_${provider}`]}/query`, { query: "What's the weather in Tokyo?", session_id: `p-${provider}` });
    expect(status).toBe(200);
    expect(body.response).toMatch(/^Relayed: .*Tokyo.*Partly cloudy/s);
    expect(body.usage.input_tokens).toBeGreaterThan(0);
    const first = fakes[provider]!.requests[0]!.body;
    const tool = wire.tools(first).find((t) => t.name === "query_agent")!;
    expect(JSON.stringify(tool.schema)).toMatch(/"enum":\["weather","maps"\]/);
    expect(tool.description).toMatch(/^- weather: Current weather/m);
    expect(tool.description).toMatch(/^- maps: Distances/m);
    // The spoke ran the same session.
    expect((await fetch(`${mesh.url.weather}/sessions/p-${provider}`)).status).toBe(200);
  });
});

describe("model mistakes and provider failures", () => {
  it("a URL or an unknown agent name gets the valid list; the model retries and recovers", async () => {
    const { status, body } = await postJson(`${mesh.url.hub_recover}/query`, { query: "What's the weather in Tokyo?" });
    expect(status).toBe(200);
    expect(body.response).toMatch(/^Recovered: .*Partly cloudy/s);
    const results = anthropicWire.toolResults(fakes.recover!.requests[2]!.body);
    expect(results[0]).toMatchObject({ content: 'unknown agent "http://127.0.0.1:9001"; valid agents: weather, maps', isError: true });
    expect(results[1]).toMatchObject({ content: 'unknown agent "weather_agent"; valid agents: weather, maps', isError: true });
  });

  it("runs several tool calls of one step and returns every result", async () => {
    const { status, body } = await postJson(`${mesh.url.hub_parallel}/query`, { query: "Paris weather and distance to London" });
    expect(status).toBe(200);
    const [weather, maps] = body.response.split(" || ");
    expect(weather).toMatch(/Paris/);
    expect(maps).toMatch(/London/);
    expect(maps).toMatch(/km/);
  });

  it("a provider error is a 502 with the reason, and a failed A2A task", async () => {
    const { status, body } = await postJson(`${mesh.url.hub_failing}/query`, { query: "What's the weather in Tokyo?" });
    expect(status).toBe(502);
    expect(body.error.code).toBe("backend_error");
    expect(body.error.message).toMatch(/anthropic/);
    expect(body.error.message).toMatch(/invalid x-api-key|401|auth/i);
    const rpc = await postJson(
      `${mesh.url.hub_failing}/a2a`,
      { jsonrpc: "2.0", id: 1, method: "SendMessage", params: { message: { messageId: "m", role: "ROLE_USER", parts: [{ text: "weather?" }] } } },
      { "A2A-Version": "1.0" },
    );
    expect(rpc.body.result.task.status.state).toBe("TASK_STATE_FAILED");
    expect(JSON.stringify(rpc.body.result.task.status.message)).toMatch(/anthropic backend failed/);
  });

  it("a provider error on a streamed /query ends the stream with an error event", async () => {
    const res = await fetch(`${mesh.url.hub_failing}/query`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ query: "What's the weather in Tokyo?" }),
    });
    const events = await readSse(res);
    expect(events.map((e) => e.event)).toEqual(["error"]);
    expect(events[0]!.data).toMatchObject({ status: 502, error: { code: "backend_error", message: expect.stringMatching(/anthropic backend failed/) } });
  });

  it("a model that never answers times out with a 502 within llmMs", async () => {
    const started = Date.now();
    const { status, body } = await postJson(`${mesh.url.hub_hanging}/query`, { query: "hello?" });
    expect(status).toBe(502);
    expect(body.error.message).toMatch(/did not answer within 1000 ms|timed out/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("stops at maxSteps with a partial answer; unknown tools come back as tool errors", async () => {
    const { status, body } = await postJson(`${mesh.url.hub_looping}/query`, { query: "loop forever" });
    expect(status).toBe(200);
    expect(body.stopped).toBe("max_steps");
    expect(body.response).toMatch(/^step 3\n\n\(Stopped after 3 steps without a final answer\.\)$/);
    expect(fakes.looping!.requests).toHaveLength(3);
    expect(anthropicWire.toolResults(fakes.looping!.requests[1]!.body)[0]).toMatchObject({ content: expect.stringMatching(/^unknown tool "no_such_tool"; available tools: query_agent$/), isError: true });
  });
});

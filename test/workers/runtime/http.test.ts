/**
 * The agent's HTTP surface in real workerd: health, the three card paths, /query (JSON and SSE), the error
 * contract (413 / 400 / 404 / 401 as JSON, never 200 "Error:"), bearer auth, and a bad config answering 500.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CUSTOM_ENTRY, postJson, startMesh, type Mesh } from "../../helpers/mesh";
import { readSse } from "../../helpers/sse";

let mesh: Mesh;
const TOKEN = "mesh-secret-token";

beforeAll(async () => {
  mesh = await startMesh([
    { name: "weather", module: "weather_custom", entry: CUSTOM_ENTRY, extra: { description: "Weather for cities", version: "2.3.4" } },
    { name: "secure", module: "weather_custom", entry: CUSTOM_ENTRY, extra: { requireToken: true }, secrets: { ADE_MESH_TOKEN: TOKEN } },
    { name: "broken", module: "weather_custom", entry: CUSTOM_ENTRY, rawConfig: { agent: "broken", backend: { type: "claude" } } },
  ]);
});
afterAll(() => mesh?.dispose());

describe("health and card", () => {
  it("reports healthy with agent, version and uptime", async () => {
    const res = await fetch(`${mesh.url.weather}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "healthy", agent: "weather", version: "2.3.4", uptime: expect.any(Number) });
  });

  it("serves the same card on all three paths, with the request origin's /a2a URL", async () => {
    const bodies = await Promise.all(
      ["/.well-known/agent-card.json", "/.well-known/agent.json", "/.well-known/agent-configuration"].map(async (p) => {
        const res = await fetch(`${mesh.url.weather}${p}`);
        expect(res.status).toBe(200);
        return res.json();
      }),
    );
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
    const card = bodies[0] as any;
    expect(card).toMatchObject({ name: "weather agent", description: "Weather for cities", version: "2.3.4", capabilities: { streaming: true } });
    expect(card.supportedInterfaces[0]).toMatchObject({ url: `${mesh.url.weather}/a2a`, protocolBinding: "JSONRPC", protocolVersion: "1.0" });
    expect(card.url).toBe(`${mesh.url.weather}/a2a`);
    expect(card.skills.map((s: any) => s.name)).toEqual(expect.arrayContaining(["get_weather", "get_locations"]));
  });

  it("a bad ADE_CONFIG makes /health and every route answer 500 with the zod message", async () => {
    for (const [method, path] of [["GET", "/health"], ["GET", "/.well-known/agent-card.json"], ["POST", "/query"]] as const) {
      const res = await fetch(`${mesh.url.broken}${path}`, { method, ...(method === "POST" ? { body: "{}" } : {}) });
      expect(res.status).toBe(500);
      const body = (await res.json()) as any;
      expect(body.error.code).toBe("config_invalid");
      expect(body.error.message).toMatch(/invalid ADE_CONFIG/);
      expect(body.error.message).toMatch(/backend\.type|job|module/);
    }
  });
});

describe("/query", () => {
  it("answers with response, session_id, trace_id and usage", async () => {
    const { status, body } = await postJson(`${mesh.url.weather}/query`, { query: "What's the weather in Tokyo?" });
    expect(status).toBe(200);
    expect(body.response).toMatch(/Tokyo/);
    expect(body.session_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.trace_id).toMatch(/^[0-9a-f]{32}$/);
    expect(body.usage.input_tokens).toBeGreaterThan(0);
    expect(body.usage.output_tokens).toBeGreaterThan(0);
  });

  it("continues the caller's trace from traceparent", async () => {
    const traceId = "0af7651916cd43dd8448eb211c80319c";
    const { body } = await postJson(`${mesh.url.weather}/query`, { query: "weather in Paris" }, { traceparent: `00-${traceId}-b7ad6b7169203331-01` });
    expect(body.trace_id).toBe(traceId);
  });

  it("streams token, tool_call, tool_result and done events as SSE", async () => {
    const res = await fetch(`${mesh.url.weather}/query`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "text/event-stream" },
      body: JSON.stringify({ query: "What's the weather in London?", session_id: "sse-1" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = await readSse(res);
    const names = events.map((e) => e.event);
    expect(names).toContain("tool_call");
    expect(names).toContain("tool_result");
    expect(names).toContain("token");
    expect(names[names.length - 1]).toBe("done");
    expect(names.indexOf("tool_call")).toBeLessThan(names.indexOf("tool_result"));
    const call = events.find((e) => e.event === "tool_call")!.data;
    expect(call).toMatchObject({ name: "get_weather", arguments: { location: "London" } });
    const done = events[events.length - 1]!.data;
    expect(done).toMatchObject({ session_id: "sse-1", usage: { input_tokens: expect.any(Number) } });
    const streamed = events.filter((e) => e.event === "token").map((e) => e.data.text).join("");
    expect(streamed).toBe(done.response);
  });

  it("refuses a body over 1 MiB by Content-Length with 413", async () => {
    const big = JSON.stringify({ query: "x".repeat(1024 * 1024 + 10) });
    const { status, body } = await postJson(`${mesh.url.weather}/query`, big);
    expect(status).toBe(413);
    expect(body.error.code).toBe("payload_too_large");
  });

  it("refuses a chunked body over 1 MiB (no Content-Length) with 413", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 20) return controller.close();
        sent++;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${mesh.url.weather}/query`, { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as any).error.code).toBe("payload_too_large");
  });

  it("answers malformed JSON with 400 and a message", async () => {
    const { status, body } = await postJson(`${mesh.url.weather}/query`, '{"query": "unterminated');
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: "bad_request", message: expect.stringMatching(/not valid JSON/) });
  });

  it("answers a missing or empty query with 400 naming the field", async () => {
    for (const payload of [{}, { query: "" }, { query: 42 }, { session_id: "x" }]) {
      const { status, body } = await postJson(`${mesh.url.weather}/query`, payload);
      expect(status).toBe(400);
      expect(body.error.message).toMatch(/"query"/);
    }
  });

  it("answers unknown routes with a JSON 404", async () => {
    const res = await fetch(`${mesh.url.weather}/nope`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as any).error.code).toBe("not_found");
  });
});

describe("requireToken", () => {
  it("leaves /health and the card open", async () => {
    expect((await fetch(`${mesh.url.secure}/health`)).status).toBe(200);
    expect((await fetch(`${mesh.url.secure}/.well-known/agent-card.json`)).status).toBe(200);
  });

  it("answers 401 without or with a wrong token, and serves the right one", async () => {
    const q = { query: "weather in Tokyo" };
    expect((await postJson(`${mesh.url.secure}/query`, q)).status).toBe(401);
    expect((await postJson(`${mesh.url.secure}/query`, q, { authorization: "Bearer wrong" })).status).toBe(401);
    expect((await postJson(`${mesh.url.secure}/a2a`, { jsonrpc: "2.0", id: 1, method: "GetTask", params: { id: "x" } })).status).toBe(401);
    const ok = await postJson(`${mesh.url.secure}/query`, q, { authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.body.response).toMatch(/Tokyo/);
  });
});

/**
 * A mesh in one workerd with the built-in agents and the offline backend: hub → spoke over the service binding
 * (session id and context travel with the call), a cycle stopped by maxHops, and dead or slow peers giving a
 * tool error instead of a hang.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CUSTOM_ENTRY, freePort, postJson, startMesh, type Mesh } from "../../helpers/mesh";

const WEATHER_DESC = "Current weather and short forecasts for cities (temperature, conditions, humidity, wind).";

describe("hub and spoke", () => {
  let mesh: Mesh;
  beforeAll(async () => {
    mesh = await startMesh([
      { name: "controller", module: "controller", peers: ["weather", "maps"] },
      { name: "weather", module: "weather", extra: { description: WEATHER_DESC } },
      { name: "maps", module: "maps", extra: { description: "Distances and routes between known cities." } },
    ]);
  });
  afterAll(() => mesh?.dispose());

  it("the controller asks weather over the binding and answers with its result", async () => {
    const { status, body } = await postJson(`${mesh.url.controller}/query`, { query: "What's the weather in Tokyo?", session_id: "hub-1" });
    expect(status).toBe(200);
    expect(body.session_id).toBe("hub-1");
    expect(body.response).toMatch(/Tokyo/);
    expect(body.response).toMatch(/Partly cloudy/);
    const hub = (await (await fetch(`${mesh.url.controller}/sessions/hub-1`)).json()) as any;
    const call = hub.messages.find((m: any) => m.role === "assistant" && m.toolCalls?.length)?.toolCalls[0];
    expect(call).toMatchObject({ name: "query_agent", arguments: { agent: "weather" } });
  });

  it("the spoke's session DO gets the caller's session id and the original context", async () => {
    const context = { user: "alice", locale: "ja-JP" };
    const { status } = await postJson(`${mesh.url.controller}/query`, { query: "What's the weather in Paris?", session_id: "travel-42", context });
    expect(status).toBe(200);
    const spoke = await fetch(`${mesh.url.weather}/sessions/travel-42`);
    expect(spoke.status).toBe(200);
    const body = (await spoke.json()) as any;
    expect(body.session_id).toBe("travel-42");
    const first = body.messages[0];
    expect(first.role).toBe("user");
    expect(first.content).toMatch(/Paris/);
    expect(first.content).toContain('"user":"alice"');
    // maps was not asked, so it has no such session.
    expect((await fetch(`${mesh.url.maps}/sessions/travel-42`)).status).toBe(404);
  });

  it("a second turn on the same session reaches the same spoke session", async () => {
    await postJson(`${mesh.url.controller}/query`, { query: "What's the weather in London?", session_id: "travel-43" });
    await postJson(`${mesh.url.controller}/query`, { query: "And the weather in Tokyo?", session_id: "travel-43" });
    const spoke = (await (await fetch(`${mesh.url.weather}/sessions/travel-43`)).json()) as any;
    const users = spoke.messages.filter((m: any) => m.role === "user").map((m: any) => m.content);
    expect(users).toHaveLength(2);
    expect(users[0]).toMatch(/London/);
    expect(users[1]).toMatch(/Tokyo/);
  });
});

describe("failures stop instead of hanging", () => {
  let mesh: Mesh;
  let deadPort: number;
  beforeAll(async () => {
    deadPort = await freePort();
    mesh = await startMesh([
      // a and b ask each other about everything: a cycle only the hop limit ends.
      { name: "a", module: "controller", peers: ["b"], extra: { maxHops: 3, description: "Weather questions for cities." } },
      { name: "b", module: "controller", peers: ["a"], extra: { maxHops: 3, description: "Weather questions for cities." } },
      { name: "lonely", module: "controller", peers: ["weather"], peerUrls: { weather: `http://127.0.0.1:${deadPort}` } },
      { name: "hub", module: "hub", entry: CUSTOM_ENTRY, peers: ["sleepy"], extra: { timeouts: { peerMs: 1500 } } },
      { name: "sleepy", module: "sleepy", entry: CUSTOM_ENTRY, extra: { description: "Naps: sleep and rest.", timeouts: { toolMs: 120_000 } } },
    ]);
  });
  afterAll(() => mesh?.dispose());

  it("a mesh cycle stops at maxHops with a clear error", async () => {
    const started = Date.now();
    const { status, body } = await postJson(`${mesh.url.a}/query`, { query: "What's the weather in Tokyo?", session_id: "cycle-1" });
    expect(status).toBe(200);
    expect(body.response).toMatch(/hop limit reached/);
    expect(body.response).toMatch(/maxHops 3/);
    expect(Date.now() - started).toBeLessThan(10_000);
    // The chain went a(0) → b(1) → a(2) → b(3), and b refused at hop 3: both saw the same session.
    const b = (await (await fetch(`${mesh.url.b}/sessions/cycle-1`)).json()) as any;
    const refusals = b.messages.filter((m: any) => m.role === "tool" && m.isError && /hop limit reached/.test(m.content));
    expect(refusals).toHaveLength(1);
    expect(refusals[0].content).toMatch(/already 3 agent-to-agent hops deep/);
  });

  it("a dead peer gives a tool error, not a hang", async () => {
    const started = Date.now();
    const { status, body } = await postJson(`${mesh.url.lonely}/query`, { query: "What's the weather in Tokyo?", session_id: "dead-1" });
    expect(status).toBe(200);
    expect(body.response).toMatch(/agent "weather" could not be reached/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it("a slow peer gives a tool error within peerMs", async () => {
    const started = Date.now();
    const { status, body } = await postJson(`${mesh.url.hub}/query`, { query: "ask sleepy to take a nap", session_id: "slow-1" });
    const took = Date.now() - started;
    expect(status).toBe(200);
    expect(body.response).toMatch(/did not answer within 1500 ms/);
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(8_000);
  });
});

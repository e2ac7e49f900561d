/**
 * Peer calls over HTTP (a peer on "another target") and with the mesh token: the same A2A request as over a
 * binding, with `Authorization: Bearer <ADE_MESH_TOKEN>` when the secret is set, and the caller's traceparent
 * continuing in the peer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, postJson, startMesh, type Mesh } from "../../helpers/mesh";

const TOKEN = "tok-123";
let mesh: Mesh;

beforeAll(async () => {
  const port = await freePort();
  const spokeUrl = `http://127.0.0.1:${port}`;
  const desc = { description: "Current weather and short forecasts for cities." };
  mesh = await startMesh([
    { name: "hub_http", module: "controller", peers: ["weather"], peerUrls: { weather: spokeUrl }, secrets: { ADE_MESH_TOKEN: TOKEN } },
    { name: "hub_notoken", module: "controller", peers: ["weather"], peerUrls: { weather: spokeUrl } },
    { name: "hub_bind", module: "controller", peers: ["weather"], secrets: { ADE_MESH_TOKEN: TOKEN } },
    { name: "weather", module: "weather", port, extra: { ...desc, requireToken: true }, secrets: { ADE_MESH_TOKEN: TOKEN } },
  ]);
});
afterAll(() => mesh?.dispose());

const auth = { authorization: `Bearer ${TOKEN}` };

describe("peers over HTTP", () => {
  it("calls a token-protected peer by URL with the mesh token", async () => {
    const { status, body } = await postJson(`${mesh.url.hub_http}/query`, { query: "What's the weather in Tokyo?", session_id: "http-1" });
    expect(status).toBe(200);
    expect(body.response).toMatch(/Partly cloudy/);
    const spoke = await fetch(`${mesh.url.weather}/sessions/http-1`, { headers: auth });
    expect(((await spoke.json()) as any).session_id).toBe("http-1");
  });

  it("without the token the peer refuses, and the caller gets a tool error naming the agent", async () => {
    const { status, body } = await postJson(`${mesh.url.hub_notoken}/query`, { query: "What's the weather in Tokyo?" });
    expect(status).toBe(200);
    expect(body.response).toMatch(/agent "weather" could not be reached: .*401/);
  });

  it("sends the token over a service binding too", async () => {
    const { status, body } = await postJson(`${mesh.url.hub_bind}/query`, { query: "What's the weather in Paris?" });
    expect(status).toBe(200);
    expect(body.response).toMatch(/Paris/);
  });

  it("continues the caller's trace in the peer", async () => {
    const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    const { body } = await postJson(`${mesh.url.hub_http}/query`, { query: "What's the weather in London?", session_id: "trace-1" }, { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });
    expect(body.trace_id).toBe(traceId);
    const list = await postJson(`${mesh.url.weather}/a2a`, { jsonrpc: "2.0", id: 1, method: "ListTasks", params: { contextId: "trace-1" } }, { ...auth, "A2A-Version": "1.0" });
    const tasks = list.body.result.tasks as any[];
    expect(tasks).toHaveLength(1);
    expect(tasks[0].status.message.metadata.trace_id).toBe(traceId);
  });
});

/**
 * Across targets a peer is called over HTTP, not a service binding: the trace must still be one tree, with the
 * peer's server span a direct child of the caller's `peer.<name>` client span.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, postJson, startMesh, type Mesh } from "../helpers/mesh";
import { startCollector, waitForTrace, type Collector } from "./collect";

let collector: Collector;
let mesh: Mesh;

beforeAll(async () => {
  collector = await startCollector();
  const port = await freePort();
  const otel = { enabled: true, endpoint: collector.url };
  mesh = await startMesh([
    { name: "hub", module: "controller", peers: ["weather"], peerUrls: { weather: `http://127.0.0.1:${port}` }, extra: { otel } },
    { name: "weather", module: "weather", port, extra: { otel, description: "Current weather and short forecasts for cities." } },
  ]);
});
afterAll(async () => {
  await mesh?.dispose();
  await collector?.close();
});

it("propagates the trace over an HTTP peer call", async () => {
  const { status, body } = await postJson(`${mesh.url.hub}/query`, { query: "What's the weather in Tokyo?" });
  expect(status).toBe(200);
  const spans = await waitForTrace(collector, body.trace_id, (s) => s.some((x) => x.service === "weather" && x.name === "agent.loop") && s.some((x) => x.name === "POST /query"));
  const peer = spans.find((s) => s.service === "hub" && s.name === "peer.weather")!;
  expect(peer.attributes["peer.via"]).toBe("http");
  const server = spans.find((s) => s.service === "weather" && s.name === "POST /a2a")!;
  expect(server.parentSpanId).toBe(peer.spanId);
  expect(new Set(collector.spans.map((s) => s.traceId))).toEqual(new Set([body.trace_id]));
  const ids = new Set(spans.map((s) => s.spanId));
  expect(spans.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId))).toEqual([]);
});

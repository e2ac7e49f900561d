/**
 * When tracing is off nothing is exported (the receiver sees no request at all); the standard OTEL_* variables
 * turn it on without the job's `otel` block and set the service name and exporter headers; a receiver that is
 * down or never answers does not delay or fail queries.
 */
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, postJson, runtimeOutput, startMesh, type Mesh } from "../helpers/mesh";
import { sleep, startCollector, waitForTrace, type Collector } from "./collect";

const WEATHER = { description: "Current weather and short forecasts for cities." };

describe("switching tracing on and off", () => {
  let quiet: Collector;
  let loud: Collector;
  let mesh: Mesh;
  beforeAll(async () => {
    quiet = await startCollector();
    loud = await startCollector();
    mesh = await startMesh([
      // The endpoint is set but tracing is not enabled: it must stay unused.
      { name: "hub", module: "controller", peers: ["weather"], extra: { otel: { enabled: false, endpoint: quiet.url } } },
      { name: "weather", module: "weather", extra: { ...WEATHER, otel: { enabled: false, endpoint: quiet.url } } },
      {
        name: "env_weather",
        module: "weather",
        extra: { ...WEATHER, deploymentId: "dep-env" },
        secrets: { OTEL_EXPORTER_OTLP_ENDPOINT: loud.url, OTEL_SERVICE_NAME: "weather-svc", OTEL_EXPORTER_OTLP_HEADERS: "x-ade-token=s3cret,x-note=a%20b" },
      },
    ]);
  });
  afterAll(async () => {
    await mesh?.dispose();
    await quiet?.close();
    await loud?.close();
  });

  it("tracing off: queries still get a trace id, and the receiver gets no request", async () => {
    const { status, body } = await postJson(`${mesh.url.hub}/query`, { query: "What's the weather in Tokyo?" });
    expect(status).toBe(200);
    expect(body.trace_id).toMatch(/^[0-9a-f]{32}$/);
    await sleep(1500);
    expect(quiet.requests).toHaveLength(0);
    expect(quiet.spans).toHaveLength(0);
  });

  it("OTEL_EXPORTER_OTLP_ENDPOINT turns it on, with OTEL_SERVICE_NAME and OTEL_EXPORTER_OTLP_HEADERS", async () => {
    const { status, body } = await postJson(`${mesh.url.env_weather}/query`, { query: "What's the weather in Paris?" });
    expect(status).toBe(200);
    const spans = await waitForTrace(loud, body.trace_id, (s) => s.some((x) => x.name === "POST /query") && s.some((x) => x.name === "agent.loop"));
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(["weather-svc"]));
    expect(spans[0]!.resource).toMatchObject({ "ade.agent": "env_weather", "ade.deployment_id": "dep-env" });
    expect(loud.requests[0]).toMatchObject({ "x-ade-token": "s3cret", "x-note": "a b", "content-type": "application/json" });
  });
});

describe("a receiver that is down", () => {
  let mesh: Mesh;
  let hung: Server;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    const closed = await freePort();
    // Accepts connections and never answers: the exporter must give up on its own.
    hung = createServer((s) => void sockets.push(s));
    await new Promise<void>((r) => hung.listen(0, "127.0.0.1", () => r()));
    const hungUrl = `http://127.0.0.1:${(hung.address() as { port: number }).port}`;
    mesh = await startMesh([
      { name: "hub", module: "controller", peers: ["weather"], extra: { otel: { enabled: true, endpoint: `http://127.0.0.1:${closed}` } } },
      { name: "weather", module: "weather", extra: { ...WEATHER, otel: { enabled: true, endpoint: `http://127.0.0.1:${closed}` } } },
      { name: "hung_hub", module: "controller", peers: ["hung_weather"], extra: { otel: { enabled: true, endpoint: hungUrl } }, secrets: { OTEL_EXPORTER_OTLP_TIMEOUT: "500" } },
      { name: "hung_weather", module: "weather", extra: { ...WEATHER, otel: { enabled: true, endpoint: hungUrl } }, secrets: { OTEL_EXPORTER_OTLP_TIMEOUT: "500" } },
    ]);
  });
  afterAll(async () => {
    await mesh?.dispose();
    for (const s of sockets) s.destroy();
    await new Promise<void>((r) => hung?.close(() => r()));
  });

  it.each([["refused (closed port)", "hub"], ["hanging (never answers)", "hung_hub"]])("%s: queries answer promptly, again and again", async (_label, hub) => {
    for (let i = 0; i < 3; i++) {
      const started = Date.now();
      const { status, body } = await postJson(`${mesh.url[hub]}/query`, { query: "What's the weather in Tokyo?" });
      const took = Date.now() - started;
      expect(status).toBe(200);
      expect(body.response).toMatch(/Tokyo/);
      // A warm offline hub → spoke query takes tens of ms; a blocked export would take its 3 s timeout.
      expect(took).toBeLessThan(2_000);
    }
  });

  it("a hanging export is abandoned after OTEL_EXPORTER_OTLP_TIMEOUT", async () => {
    const deadline = Date.now() + 5_000;
    while (!runtimeOutput.some((l) => l.includes("gave up after 500 ms")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(runtimeOutput.find((l) => l.includes("gave up after 500 ms"))).toMatch(/OTLP export to http:\/\/127\.0\.0\.1:\d+\/v1\/traces gave up/);
  });
});

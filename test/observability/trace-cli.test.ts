/**
 * `ade trace` on a recorded NDJSON file (a fixed fixture with a duplicate span and a torn last line): the trace
 * list and the waterfall as text, trace-id prefixes, and finding the file by deployment id or job name.
 */
import { copyFile, mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import traceCommand, { type TraceResult } from "../../deployer/cli/commands/trace";
import { UserError } from "../../deployer/errors";
import { readSpans, resolveTraceFile } from "../../deployer/otel/trace-file";
import { renderTraceList, renderWaterfall, summarizeTraces } from "../../deployer/otel/waterfall";

const FIXTURE = resolve(import.meta.dirname, "fixtures/dep-1.ndjson");
const run = (args: string[], options: Record<string, unknown> = {}) => traceCommand.run(args, options) as Promise<TraceResult>;

describe("ade trace", () => {
  it("lists the traces of a file, newest first, counting a span exported twice once", async () => {
    const result = await run([FIXTURE]);
    if (!("traces" in result)) throw new Error("expected a list");
    expect(result.total).toBe(2);
    expect(renderTraceList(result.traces)).toMatchInlineSnapshot(`
      "TRACE ID                          STARTED               DURATION  SPANS       AGENTS                   ROOT
      0af7651916cd43dd8448eb211c80319c  2026-11-18 11:06:45Z  35.0 ms   2 (2 err)   weather                  weather: POST /query
      8d4e8285fd322fc7a7106d30da738688  2026-11-18 11:06:40Z  420.0 ms  16 (1 err)  controller,weather,maps  controller: POST /query"
    `);
  });

  it("renders one trace as a waterfall: tree by parent, bars on the trace's timeline, tokens, errors", async () => {
    const result = await run([FIXTURE, "8d4e"]);
    if (!("spans" in result)) throw new Error("expected one trace");
    expect(result.traceId).toBe("8d4e8285fd322fc7a7106d30da738688");
    expect(renderWaterfall(result.spans)).toMatchInlineSnapshot(`
      "trace 8d4e8285fd322fc7a7106d30da738688  420.0 ms  16 spans  3 agents (controller, weather, maps)  1 error

      AGENT       SPAN                                      0 ms ────────────────────────── 420.0 ms    DURATION
      controller  POST /query                               ████████████████████████████████████████    420.0 ms
      controller  └─ Durable Object SESSIONS                ████████████████████████████████████████    415.0 ms
      controller     └─ Durable Object Fetch s:obs-1        █                                             3.0 ms
      controller        └─ agent.loop                       ███████████████████████████████████████     410.0 ms  420→70 tok
      controller           ├─ llm.chat                      ████████                                     80.0 ms  120→30 tok
      controller           ├─ tool.query_agent                      ████████████████████████            250.0 ms
      controller           │  └─ peer.weather                       ████████████████████████            248.0 ms
      weather              │     └─ POST /a2a                        ███████████████████████            240.0 ms
      weather              │        └─ agent.loop                    ██████████████████████             230.0 ms  200→50 tok
      weather              │           ├─ llm.chat                   ███████████                        120.0 ms  200→50 tok
      weather              │           └─ tool.get_weather                       █                       12.0 ms
      controller           ├─ tool.query_agent                      █████████████████                   180.0 ms
      controller           │  └─ peer.maps                          █████████████████                   178.0 ms
      maps                 │     └─ POST /a2a                        ████████████████                   170.0 ms
      maps                 │        └─ tool.distance                  ██                                 20.0 ms  ✗ unknown city "Atlantis"
      controller           └─ llm.chat                                                      ███████      70.0 ms  300→40 tok"
    `);
  });

  it("colours only when asked", async () => {
    const spans = await readSpans(FIXTURE);
    expect(renderWaterfall(spans.filter((s) => s.traceId.startsWith("0af7")))).not.toContain("\u001b[");
    expect(renderWaterfall(spans.filter((s) => s.traceId.startsWith("0af7")), { color: true })).toContain("\u001b[31m");
    expect(summarizeTraces(spans)[0]!.errors).toBe(2);
  });

  it("says what to do for an unknown or ambiguous trace id", async () => {
    await expect(run([FIXTURE, "ffff"])).rejects.toThrow(/no trace ffff in .*run `ade trace <id>`/);
    await expect(run([FIXTURE, "zz"])).rejects.toThrow(/not a trace id/);
    await expect(run([FIXTURE], { limit: "0" })).rejects.toThrow(/--limit must be a positive integer/);
  });
});

describe("finding the trace file", () => {
  const saved = process.env.ADE_HOME;
  afterEach(() => {
    if (saved === undefined) delete process.env.ADE_HOME;
    else process.env.ADE_HOME = saved;
  });

  it("takes a deployment id or a job name under .ade/traces, and explains a miss", async () => {
    const home = await mkdtemp(join(tmpdir(), "ade-home-"));
    process.env.ADE_HOME = home;
    await mkdir(join(home, "traces"));
    await copyFile(FIXTURE, join(home, "traces", "dep-1.ndjson"));
    expect(await resolveTraceFile("dep-1")).toBe(join(home, "traces", "dep-1.ndjson"));
    expect(await resolveTraceFile("hub-spoke")).toBe(join(home, "traces", "dep-1.ndjson"));
    const err = await resolveTraceFile("nope").catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect(err.message).toMatch(/no traces for "nope".*Start the job with tracing on/);
  });
});

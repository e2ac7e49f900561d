/**
 * The backends inside workerd: bundles a tiny Worker the way Workers are bundled (browser platform, workerd
 * conditions, no node: imports), runs it in Miniflare and points it at each fake provider over loopback.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_KEY } from "../../contracts/backend.contract";
import { startFakeAnthropic } from "../../fakes/anthropic-server";
import type { FakeOptions, FakeServer } from "../../fakes/fake-http";
import { startFakeGemini } from "../../fakes/gemini-server";
import { startFakeOllama } from "../../fakes/ollama-server";
import type { WireInspector } from "../../fakes/wire";
import { anthropicWire } from "../../fakes/anthropic-server";
import { geminiWire } from "../../fakes/gemini-server";
import { ollamaWire } from "../../fakes/ollama-server";

const PROVIDERS: { type: string; start: (o: FakeOptions) => Promise<FakeServer>; wire: WireInspector }[] = [
  { type: "anthropic", start: startFakeAnthropic, wire: anthropicWire },
  { type: "ollama", start: startFakeOllama, wire: ollamaWire },
  { type: "gemini", start: startFakeGemini, wire: geminiWire },
];

const script: FakeOptions["script"] = (_body, i) => (i % 2 === 0 ? { toolCalls: [{ name: "get_weather", arguments: { location: "Tokyo" } }] } : { text: "Sunny in Tokyo, 21 degrees." });

describe("backends inside workerd", () => {
  let dir: string;
  let mf: Miniflare;
  let bundle: string;
  const fakes = new Map<string, FakeServer>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "llm-worker-"));
    await build({
      entryPoints: [fileURLToPath(new URL("./fixtures/llm-worker.ts", import.meta.url))],
      bundle: true,
      format: "esm",
      platform: "browser",
      conditions: ["workerd", "worker", "browser"],
      outfile: join(dir, "worker.js"),
      logLevel: "silent",
    });
    bundle = readFileSync(join(dir, "worker.js"), "utf8");
    for (const p of PROVIDERS) fakes.set(p.type, await p.start({ script }));
    mf = new Miniflare({
      cf: false,
      modules: true,
      modulesRoot: dir,
      scriptPath: join(dir, "worker.js"),
      compatibilityDate: "2026-04-01",
      bindings: { ANTHROPIC_API_KEY: TEST_KEY, GOOGLE_API_KEY: TEST_KEY },
    });
    await mf.ready;
  });

  afterAll(async () => {
    await mf?.dispose();
    for (const f of fakes.values()) await f.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("bundles without node: imports", () => {
    expect(bundle).not.toMatch(/from\s*["']node:/);
    expect(bundle).not.toMatch(/require\(["']node:/);
  });

  for (const p of PROVIDERS) {
    for (const stream of [false, true]) {
      it(`${p.type}${stream ? " (streaming)" : ""}: a tool round trip from inside a Worker`, async () => {
        const fake = fakes.get(p.type)!;
        const before = fake.requests.length;
        const res = await mf.dispatchFetch("http://worker/", { method: "POST", body: JSON.stringify({ type: p.type, url: fake.url, stream }) });
        const out = (await res.json()) as any;
        expect(out.error).toBeUndefined();
        expect(out.runtime).toBe("Cloudflare-Workers");
        expect(out.first.toolCalls).toMatchObject([{ name: "get_weather", arguments: { location: "Tokyo" } }]);
        expect(out.second.text).toBe("Sunny in Tokyo, 21 degrees.");
        if (stream) expect(out.deltas.join("")).toBe("Sunny in Tokyo, 21 degrees.");
        const sent = fake.requests.slice(before);
        expect(sent).toHaveLength(2);
        expect(p.wire.tools(sent[0]!.body).map((t) => t.name)).toEqual(["get_weather"]);
        expect(p.wire.toolResults(sent[1]!.body)[0]!.content).toContain("21");
      });
    }
  }
});

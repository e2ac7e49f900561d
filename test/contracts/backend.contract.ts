/**
 * The contract every network LLM backend meets, run against that provider's fake server over loopback: text, a tool
 * round trip in the provider's own format, streaming, usage, retry on 429, auth errors, and abort of a hung call.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { Backend, ChatMessage, ToolSpec } from "../../workers/backends/backend";
import { BackendError } from "../../workers/backends/backend";
import type { FakeOptions, FakeServer } from "../fakes/fake-http";
import type { WireInspector } from "../fakes/wire";

export interface BackendContract {
  name: string;
  /** Starts this provider's fake server. */
  startFake(options: FakeOptions): Promise<FakeServer>;
  /** A backend pointed at `url`, with API key "test-key" and a short retry backoff. */
  newBackend(url: string): Backend;
  wire: WireInspector;
  /** Secret name a 401 error must mention. */
  keySecret: string;
}

export const TEST_KEY = "test-key";

export const weatherTool: ToolSpec = {
  name: "get_weather",
  description: "Current weather for a city.",
  parameters: {
    type: "object",
    properties: {
      location: { type: "string", description: "City name" },
      unit: { type: "string", enum: ["celsius", "fahrenheit"], default: "celsius" },
    },
    required: ["location"],
    additionalProperties: false,
  },
};

const ask = (content: string): ChatMessage[] => [{ role: "user", content }];

export function runBackendContract(c: BackendContract): void {
  describe(`${c.name} backend contract`, () => {
    let fake: FakeServer | undefined;
    const start = async (options: FakeOptions) => (fake = await c.startFake(options));
    afterEach(async () => {
      await fake?.close();
      fake = undefined;
    });

    it("returns a plain text answer and sends system prompt, model and key", async () => {
      const f = await start({ script: [{ text: "Hello from the fake." }] });
      const backend = c.newBackend(f.url);
      const res = await backend.chat({ system: "Be brief.", messages: ask("hi"), tools: [] });
      expect(res.text).toBe("Hello from the fake.");
      expect(res.toolCalls).toEqual([]);
      expect(res.stopReason).toBe("end");
      expect(f.requests).toHaveLength(1);
      expect(c.wire.system(f.requests[0]!.body)).toBe("Be brief.");
      expect(c.wire.apiKey(f.requests[0]!)).toBe(TEST_KEY);
      expect(JSON.stringify(f.requests[0]!.body)).toContain("hi");
    });

    it("round-trips a tool call: tools sent with their schema, result sent back in the provider's format", async () => {
      const f = await start({ script: [{ toolCalls: [{ name: "get_weather", arguments: { location: "Tokyo", unit: "celsius" } }] }, { text: "Sunny, 21 °C in Tokyo." }] });
      const backend = c.newBackend(f.url);
      const first = await backend.chat({ system: "", messages: ask("weather in Tokyo?"), tools: [weatherTool] });
      expect(first.stopReason).toBe("tool_use");
      expect(first.toolCalls).toHaveLength(1);
      const call = first.toolCalls[0]!;
      expect(call).toMatchObject({ name: "get_weather", arguments: { location: "Tokyo", unit: "celsius" } });
      expect(call.id).toMatch(/\S/);

      const sent = c.wire.tools(f.requests[0]!.body);
      expect(sent.map((t) => t.name)).toEqual(["get_weather"]);
      expect(sent[0]!.description).toBe(weatherTool.description);
      expect(sent[0]!.schema).toMatchObject({ type: "object", properties: { location: { type: "string" }, unit: { enum: ["celsius", "fahrenheit"] } }, required: ["location"] });

      const history: ChatMessage[] = [
        ...ask("weather in Tokyo?"),
        { role: "assistant", content: first.text, toolCalls: first.toolCalls },
        { role: "tool", toolCallId: call.id, name: call.name, content: JSON.stringify({ temp: 21, conditions: "sunny" }) },
      ];
      const second = await backend.chat({ system: "", messages: history, tools: [weatherTool] });
      expect(second.text).toBe("Sunny, 21 °C in Tokyo.");
      expect(second.stopReason).toBe("end");

      const results = c.wire.toolResults(f.requests[1]!.body);
      expect(results).toHaveLength(1);
      expect(results[0]!.content).toContain("sunny");
      if (results[0]!.id !== undefined) expect(call.id.startsWith(results[0]!.id)).toBe(true);
      if (results[0]!.name !== undefined) expect(results[0]!.name).toBe("get_weather");
      expect(c.wire.toolCallsEchoed(f.requests[1]!.body)).toMatchObject([{ name: "get_weather", arguments: { location: "Tokyo" } }]);
    });

    it("streams text deltas through onText that add up to the final text", async () => {
      const f = await start({ script: [{ text: "Streaming works on this provider." }], latencyMs: 5 });
      const deltas: string[] = [];
      const res = await c.newBackend(f.url).chat({ system: "", messages: ask("stream please"), tools: [], onText: (d) => deltas.push(d) });
      expect(deltas.length).toBeGreaterThan(1);
      expect(deltas.join("")).toBe("Streaming works on this provider.");
      expect(res.text).toBe(deltas.join(""));
      expect(res.stopReason).toBe("end");
    });

    it("streams a tool call and its arguments", async () => {
      const f = await start({ script: [{ text: "Checking.", toolCalls: [{ name: "get_weather", arguments: { location: "Paris" } }] }] });
      const deltas: string[] = [];
      const res = await c.newBackend(f.url).chat({ system: "", messages: ask("weather in Paris"), tools: [weatherTool], onText: (d) => deltas.push(d) });
      expect(deltas.join("")).toBe("Checking.");
      expect(res.toolCalls).toMatchObject([{ name: "get_weather", arguments: { location: "Paris" } }]);
      expect(res.stopReason).toBe("tool_use");
    });

    it("reports the provider's token usage, streaming or not", async () => {
      const f = await start({ script: [{ text: "counted", usage: { input: 42, output: 7 } }, { text: "counted", usage: { input: 43, output: 8 } }] });
      const backend = c.newBackend(f.url);
      expect((await backend.chat({ system: "", messages: ask("count"), tools: [] })).usage).toEqual({ inputTokens: 42, outputTokens: 7 });
      expect((await backend.chat({ system: "", messages: ask("count"), tools: [], onText: () => {} })).usage).toEqual({ inputTokens: 43, outputTokens: 8 });
    });

    it("retries a 429 once after its retry-after, then succeeds", async () => {
      const f = await start({ script: [{ status: 429, retryAfter: "1", error: "slow down" }, { text: "after retry" }] });
      const t0 = Date.now();
      const res = await c.newBackend(f.url).chat({ system: "", messages: ask("hi"), tools: [] });
      expect(res.text).toBe("after retry");
      expect(f.requests).toHaveLength(2);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    });

    it("gives up on a persistent 5xx after 3 retries with a retryable BackendError", async () => {
      const f = await start({ script: () => ({ status: 503, error: "overloaded" }) });
      const err = await c.newBackend(f.url).chat({ system: "", messages: ask("hi"), tools: [] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackendError);
      expect(err).toMatchObject({ status: 503, retryable: true });
      expect((err as Error).message).toContain("overloaded");
      expect(f.requests).toHaveLength(4);
    });

    it("turns a 401 into a BackendError naming the key, without retrying", async () => {
      const f = await start({ script: [{ status: 401, error: "invalid api key" }, { text: "must not be reached" }] });
      const err = await c.newBackend(f.url).chat({ system: "", messages: ask("hi"), tools: [] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BackendError);
      expect(err).toMatchObject({ status: 401, retryable: false });
      expect((err as Error).message).toContain(c.keySecret);
      expect((err as Error).message).toContain("invalid api key");
      expect(f.requests).toHaveLength(1);
    });

    for (const streaming of [false, true]) {
      it(`rejects promptly when the signal aborts a hung call${streaming ? " (streaming)" : ""}`, async () => {
        const f = await start({ script: [{ hang: true }] });
        const controller = new AbortController();
        setTimeout(() => controller.abort(new DOMException("LLM call timed out", "TimeoutError")), 150);
        const t0 = Date.now();
        const err = await c
          .newBackend(f.url)
          .chat({ system: "", messages: ask("hi"), tools: [], signal: controller.signal, ...(streaming ? { onText: () => {} } : {}) })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(BackendError);
        expect((err as Error).message).toMatch(/timed out/);
        expect(Date.now() - t0).toBeLessThan(2000);
        expect(f.requests).toHaveLength(1);
      });
    }
  });
}

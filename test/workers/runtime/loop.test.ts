/**
 * The agent loop in isolation (plain Node, no workerd): a scripted Backend drives it through parallel tool
 * calls, input validation, thrown and timed-out tools, usage summing, BackendError and a model that hangs.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { BackendError, type Backend, type ChatRequest, type ChatResponse } from "../../../workers/backends/backend";
import { loopTool, runLoop, ToolError, type LoopEvent } from "../../../workers/loop";
import { defineTool } from "../../../workers/tools/tool";

type Step = Partial<ChatResponse> | ((req: ChatRequest) => Promise<Partial<ChatResponse>> | Partial<ChatResponse>);

function scripted(steps: Step[]): Backend & { requests: ChatRequest[] } {
  const requests: ChatRequest[] = [];
  return {
    provider: "offline",
    model: "script",
    requests,
    async chat(req) {
      requests.push(structuredClone({ ...req, signal: undefined, onText: undefined }));
      const step = steps[requests.length - 1] ?? { text: "done" };
      const r = typeof step === "function" ? await step(req) : step;
      return { text: "", toolCalls: [], stopReason: "end", model: "script", usage: { inputTokens: 10, outputTokens: 5 }, ...r };
    },
  };
}

const slowEcho = defineTool({
  name: "echo",
  description: "echo",
  input: z.object({ text: z.string(), ms: z.number().default(0) }),
  run: async ({ text, ms }) => {
    await new Promise((r) => setTimeout(r, ms));
    return { echoed: text };
  },
});
const broken = defineTool({ name: "broken", description: "throws", input: z.object({}), run: () => { throw new Error("disk on fire"); } });
const picky = defineTool({ name: "picky", description: "explains", input: z.object({}), run: () => { throw new ToolError("exactly this message"); } });
const never = defineTool({ name: "never", description: "hangs", input: z.object({}), run: () => new Promise(() => {}) });

const base = { system: "sys", toolContext: { agent: "t", sessionId: "s", settings: {} }, maxSteps: 5, llmMs: 2000, toolMs: 2000 };
const user = [{ role: "user" as const, content: "hi" }];

describe("runLoop", () => {
  it("runs one step's tool calls in parallel, appends results in call order and sums usage", async () => {
    const backend = scripted([
      { toolCalls: [{ id: "1", name: "echo", arguments: { text: "slow", ms: 300 } }, { id: "2", name: "echo", arguments: { text: "fast", ms: 300 } }] },
      { text: "final" },
    ]);
    const events: LoopEvent[] = [];
    const started = Date.now();
    const result = await runLoop({ ...base, backend, messages: user, tools: [loopTool(slowEcho)], emit: (e) => events.push(e) });
    expect(Date.now() - started).toBeLessThan(550);
    expect(result).toMatchObject({ text: "final", steps: 2, usage: { inputTokens: 20, outputTokens: 10 } });
    expect(result.added.map((m) => m.role)).toEqual(["assistant", "tool", "tool", "assistant"]);
    expect(result.added[1]).toMatchObject({ toolCallId: "1", content: '{"echoed":"slow"}' });
    expect(backend.requests[1]!.messages.at(-1)).toMatchObject({ role: "tool", toolCallId: "2" });
    expect(events.filter((e) => e.type === "tool_call")).toHaveLength(2);
    expect(events.filter((e) => e.type === "tool_result")).toHaveLength(2);
  });

  it("turns invalid input, thrown errors, ToolErrors and timeouts into tool error results", async () => {
    const backend = scripted([
      {
        toolCalls: [
          { id: "a", name: "echo", arguments: { text: 5 } },
          { id: "b", name: "broken", arguments: {} },
          { id: "c", name: "picky", arguments: {} },
          { id: "d", name: "never", arguments: {} },
          { id: "e", name: "missing", arguments: {} },
        ],
      },
      { text: "recovered" },
    ]);
    const result = await runLoop({ ...base, toolMs: 200, backend, messages: user, tools: [slowEcho, broken, picky, never].map(loopTool) });
    expect(result.text).toBe("recovered");
    const tools = result.added.filter((m) => m.role === "tool");
    expect(tools.every((m) => m.role === "tool" && m.isError)).toBe(true);
    expect(tools.map((m) => m.content)).toEqual([
      expect.stringMatching(/^invalid input for tool "echo": text: .*string/),
      'tool "broken" failed: disk on fire',
      "exactly this message",
      'tool "never" timed out after 200 ms',
      'unknown tool "missing"; available tools: echo, broken, picky, never',
    ]);
  });

  it("propagates a BackendError", async () => {
    const backend = scripted([() => { throw new BackendError("rate limited", "anthropic", 429); }]);
    await expect(runLoop({ ...base, backend, messages: user, tools: [] })).rejects.toThrow(/rate limited/);
  });

  it("ends a model call that ignores its signal at llmMs", async () => {
    const backend = scripted([() => new Promise(() => {})]);
    const started = Date.now();
    await expect(runLoop({ ...base, llmMs: 150, backend, messages: user, tools: [] })).rejects.toBeInstanceOf(BackendError);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("gives a partial answer at maxSteps", async () => {
    const step = { text: "thinking", toolCalls: [{ id: "x", name: "echo", arguments: { text: "again" } }] };
    const result = await runLoop({ ...base, maxSteps: 2, backend: scripted([step, step, step]), messages: user, tools: [loopTool(slowEcho)] });
    expect(result.stopped).toBe("max_steps");
    expect(result.text).toBe("thinking\n\n(Stopped after 2 steps without a final answer.)");
  });
});

/**
 * @module workers/loop
 * The agent loop: ask the model, run the tools it asks for (in parallel), feed results back, repeat until it
 * answers or `maxSteps` is reached. Every model call and every tool call is bounded by a timeout, so a turn
 * always ends; a BackendError ends the turn with the provider's reason (callers map it to 502 / task failed).
 */
import { BackendError, type Backend, type ChatMessage, type ToolCall, type ToolSpec, type Usage } from "./backends/backend";
import type { Tool, ToolContext } from "./tools/tool";
import { toolSpec } from "./tools/tool";
import { isToolError } from "./tools/result";
import { reasonOf } from "./errors";
import { log } from "./log";
import { attributeText, capturingContent, failSpan, withSpan } from "./telemetry";

/** A tool plus the spec the model sees (the peer tool's spec is richer than its zod input). */
export interface LoopTool {
  tool: Tool;
  spec: ToolSpec;
  /** Overrides the loop's `toolMs` (peer calls get the longer `peerMs`). */
  timeoutMs?: number;
}

/** Thrown by a tool to report a failure the model should read verbatim (no "tool failed:" prefix). */
export class ToolError extends Error {
  override name = "ToolError";
}

export type LoopEvent =
  | { type: "token"; text: string }
  | { type: "tool_call"; id: string; name: string; arguments: Record<string, unknown> }
  | { type: "tool_result"; id: string; name: string; content: string; isError: boolean };

export interface LoopOptions {
  backend: Backend;
  system: string;
  /** Earlier turns, oldest first; the new user message is the last entry. */
  messages: ChatMessage[];
  tools: LoopTool[];
  toolContext: Omit<ToolContext, "signal">;
  maxSteps: number;
  llmMs: number;
  toolMs: number;
  signal?: AbortSignal;
  emit?: (event: LoopEvent) => void;
}

export interface LoopResult {
  text: string;
  /** Messages this turn added after the input (assistant and tool rows), in order. */
  added: ChatMessage[];
  usage: Usage;
  steps: number;
  /** Set when the loop gave up before the model produced a final answer. */
  stopped?: "max_steps";
}

export function loopTool(tool: Tool): LoopTool {
  return { tool, spec: toolSpec(tool) };
}

export function runLoop(opts: LoopOptions): Promise<LoopResult> {
  const attrs = { "ade.agent": opts.toolContext.agent, "ade.session_id": opts.toolContext.sessionId, "ade.max_steps": opts.maxSteps };
  return withSpan("agent.loop", attrs, async (span) => {
    const result = await loop(opts);
    span.setAttributes({
      "ade.steps": result.steps,
      "gen_ai.usage.input_tokens": result.usage.inputTokens,
      "gen_ai.usage.output_tokens": result.usage.outputTokens,
      ...(result.stopped ? { "ade.stopped": result.stopped } : {}),
    });
    return result;
  });
}

async function loop(opts: LoopOptions): Promise<LoopResult> {
  const transcript = [...opts.messages];
  const added: ChatMessage[] = [];
  const usage: Usage = { inputTokens: 0, outputTokens: 0 };
  const byName = new Map(opts.tools.map((t) => [t.spec.name, t]));
  const specs = opts.tools.map((t) => t.spec);
  let lastText = "";

  for (let step = 1; step <= opts.maxSteps; step++) {
    const response = await callModel(opts, transcript, specs);
    usage.inputTokens += response.usage.inputTokens;
    usage.outputTokens += response.usage.outputTokens;
    if (response.text) lastText = response.text;

    const assistant: ChatMessage =
      response.toolCalls.length > 0
        ? { role: "assistant", content: response.text, toolCalls: response.toolCalls }
        : { role: "assistant", content: response.text };
    transcript.push(assistant);
    added.push(assistant);
    if (response.toolCalls.length === 0) return { text: response.text, added, usage, steps: step };

    // Independent tool calls run concurrently; results are appended in the order the model asked for them.
    const results = await Promise.all(response.toolCalls.map((call) => runTool(opts, byName, call)));
    for (const r of results) {
      transcript.push(r);
      added.push(r);
    }
  }
  const text = lastText
    ? `${lastText}\n\n(Stopped after ${opts.maxSteps} steps without a final answer.)`
    : `Stopped after ${opts.maxSteps} steps without a final answer.`;
  return { text, added, usage, steps: opts.maxSteps, stopped: "max_steps" };
}

/** One model call in an `llm.chat` span (GenAI semantic conventions; prompt text only with capture_content). */
function callModel(opts: LoopOptions, messages: ChatMessage[], tools: ToolSpec[]) {
  const { provider, model } = opts.backend;
  const attrs = {
    "gen_ai.operation.name": "chat",
    "gen_ai.system": provider,
    "gen_ai.provider.name": provider,
    "gen_ai.request.model": model,
    "ade.tools": tools.length,
    ...(capturingContent() ? { "gen_ai.prompt": attributeText(messages[messages.length - 1]?.content ?? "") } : {}),
  };
  const started = Date.now();
  return withSpan("llm.chat", attrs, async (span) => {
    try {
      const response = await chat(opts, messages, tools);
      span.setAttributes({
        "gen_ai.response.model": response.model,
        "gen_ai.usage.input_tokens": response.usage.inputTokens,
        "gen_ai.usage.output_tokens": response.usage.outputTokens,
        "gen_ai.response.finish_reasons": [response.stopReason],
        "ade.tool_calls": response.toolCalls.length,
        ...(capturingContent() ? { "gen_ai.completion": attributeText(response.text) } : {}),
      });
      return response;
    } catch (err) {
      log("error", "llm call failed", { agent: opts.toolContext.agent, provider, model, error: reasonOf(err) });
      throw err;
    } finally {
      span.setAttribute("ade.latency_ms", Date.now() - started);
    }
  });
}

async function chat(opts: LoopOptions, messages: ChatMessage[], tools: ToolSpec[]) {
  const timeout = AbortSignal.timeout(opts.llmMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const onText = opts.emit ? (delta: string) => opts.emit?.({ type: "token", text: delta }) : undefined;
  const call = opts.backend.chat({ system: opts.system, messages: [...messages], tools, signal, ...(onText ? { onText } : {}) });
  // The race guards against a backend that ignores its signal: the turn must end either way.
  try {
    return await withDeadline(call, signal, () =>
      opts.signal?.aborted
        ? new BackendError("the request was cancelled", opts.backend.provider)
        : new BackendError(`the ${opts.backend.provider} model did not answer within ${opts.llmMs} ms`, opts.backend.provider, undefined, true),
    );
  } catch (err) {
    if (err instanceof BackendError) throw err;
    if (signal.aborted) {
      throw new BackendError(`the ${opts.backend.provider} model did not answer within ${opts.llmMs} ms`, opts.backend.provider, undefined, true);
    }
    throw err;
  }
}

async function runTool(opts: LoopOptions, byName: Map<string, LoopTool>, call: ToolCall): Promise<ChatMessage> {
  opts.emit?.({ type: "tool_call", id: call.id, name: call.name, arguments: call.arguments });
  const attrs = { "tool.name": call.name, "tool.call_id": call.id, "tool.arguments": attributeText(call.arguments) };
  const started = Date.now();
  const { content, isError } = await withSpan(`tool.${call.name}`, attrs, async (span) => {
    const out = await executeTool(opts, byName, call);
    span.setAttributes({ "tool.result": attributeText(out.content), "tool.is_error": out.isError });
    if (out.isError) failSpan(span, out.content);
    const fields = { agent: opts.toolContext.agent, tool: call.name, duration_ms: Date.now() - started };
    if (out.isError) log("warn", "tool call failed", { ...fields, error: attributeText(out.content, 300) });
    else log("info", "tool call", fields);
    return out;
  });
  opts.emit?.({ type: "tool_result", id: call.id, name: call.name, content, isError });
  return isError
    ? { role: "tool", toolCallId: call.id, name: call.name, content, isError: true }
    : { role: "tool", toolCallId: call.id, name: call.name, content };
}

async function executeTool(opts: LoopOptions, byName: Map<string, LoopTool>, call: ToolCall): Promise<{ content: string; isError: boolean }> {
  const entry = byName.get(call.name);
  if (!entry) {
    return { content: `unknown tool "${call.name}"; available tools: ${[...byName.keys()].join(", ") || "(none)"}`, isError: true };
  }
  const parsed = entry.tool.input.safeParse(call.arguments ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "input"}: ${i.message}`).join("; ");
    return { content: `invalid input for tool "${call.name}": ${problems}`, isError: true };
  }
  const limitMs = entry.timeoutMs ?? opts.toolMs;
  const timeout = AbortSignal.timeout(limitMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  const aborted = () =>
    new Error(opts.signal?.aborted ? `tool "${call.name}" was cancelled` : `tool "${call.name}" timed out after ${limitMs} ms`);
  try {
    const run = Promise.resolve().then(() => entry.tool.run(parsed.data, { ...opts.toolContext, signal }));
    const value = await withDeadline(run, signal, aborted);
    // Tools report bad input as `{error}` instead of throwing; the model should still see it as a failure.
    return { content: stringify(value), isError: isToolError(value) };
  } catch (err) {
    // A tool that rejects because its signal fired reports the abort reason, not an AbortError.
    if (err instanceof ToolError) return { content: err.message, isError: true };
    if (signal.aborted) return { content: aborted().message, isError: true };
    return { content: `tool "${call.name}" failed: ${reasonOf(err)}`, isError: true };
  }
}

/** Resolves with `work`, or rejects with `onAbort()` as soon as `signal` aborts, whichever comes first. */
function withDeadline<T>(work: Promise<T>, signal: AbortSignal, onAbort: () => Error): Promise<T> {
  if (signal.aborted) return Promise.reject(onAbort());
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(onAbort());
    signal.addEventListener("abort", abort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener("abort", abort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener("abort", abort);
        reject(e);
      },
    );
  });
}

function stringify(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * @module workers/backends/anthropic
 * Claude via the official SDK's Messages API: tools as `tool_use` / `tool_result` blocks, streaming when the caller
 * wants text deltas. The SDK's own retries are off; the shared fetch-level retry in ./retry does that job.
 */
import Anthropic, { APIError, APIUserAbortError } from "@anthropic-ai/sdk";
import type { BackendConfig } from "../config";
import { BackendError, type Backend, type ChatMessage, type ChatRequest, type ChatResponse, type StopReason, type ToolCall } from "./backend";
import { abortedError, httpError, retryingFetch, type RetryOptions } from "./retry";

type MessageParam = Anthropic.MessageParam;
type ContentBlockParam = Anthropic.ContentBlockParam;

export interface AnthropicOptions {
  apiKey: string;
  /** Secret the key came from; named in authentication errors. */
  keyName: string;
  fetch?: typeof fetch;
  retry?: RetryOptions;
}

/** Default when the job sets no `maxTokens`: enough for tool-using answers, small enough to bound cost. */
const DEFAULT_MAX_TOKENS = 4096;

/** Provider-neutral history → Anthropic turns. Consecutive tool results share one user turn, as the API requires. */
export function toAnthropicMessages(messages: ChatMessage[]): MessageParam[] {
  const out: MessageParam[] = [];
  const pushUser = (block: ContentBlockParam) => {
    const last = out[out.length - 1];
    if (last?.role === "user" && Array.isArray(last.content)) last.content.push(block);
    else out.push({ role: "user", content: [block] });
  };
  for (const m of messages) {
    // The API rejects empty or whitespace-only text blocks, so those are left out (and a turn with nothing else).
    if (m.role === "user") {
      if (m.content.trim()) pushUser({ type: "text", text: m.content });
    } else if (m.role === "assistant") {
      const blocks: ContentBlockParam[] = [];
      if (m.content.trim()) blocks.push({ type: "text", text: m.content });
      for (const call of m.toolCalls ?? []) blocks.push({ type: "tool_use", id: call.id, name: call.name, input: call.arguments });
      if (blocks.length) out.push({ role: "assistant", content: blocks });
    } else {
      pushUser({ type: "tool_result", tool_use_id: m.toolCallId, content: m.content, ...(m.isError ? { is_error: true } : {}) });
    }
  }
  return out;
}

export function mapStopReason(reason: string | null | undefined): StopReason {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "end";
    case "tool_use":
      return "tool_use";
    case "max_tokens":
      return "max_tokens";
    default:
      return "other";
  }
}

/** Final Anthropic message → provider-neutral response. */
export function fromAnthropicMessage(message: Anthropic.Message, model: string): ChatResponse {
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === "text") text += block.text;
    else if (block.type === "tool_use") toolCalls.push({ id: block.id, name: block.name, arguments: (block.input ?? {}) as Record<string, unknown> });
  }
  const u = message.usage;
  return {
    text,
    toolCalls,
    stopReason: mapStopReason(message.stop_reason),
    // Cached input is still input the model read; counting it keeps usage comparable across providers.
    usage: { inputTokens: u.input_tokens + (u.cache_read_input_tokens ?? 0) + (u.cache_creation_input_tokens ?? 0), outputTokens: u.output_tokens },
    model: message.model || model,
  };
}

export class AnthropicBackend implements Backend {
  readonly provider = "anthropic" as const;
  readonly model: string;
  private readonly client: Anthropic;
  private readonly keyName: string;

  constructor(config: BackendConfig, options: AnthropicOptions) {
    this.model = config.model;
    this.keyName = options.keyName;
    this.client = new Anthropic({
      apiKey: options.apiKey,
      ...(config.baseUrl ? { baseURL: config.baseUrl } : {}),
      maxRetries: 0,
      // The SDK passes our request signal on to fetch, so the retry wrapper sees it without a per-call client.
      fetch: retryingFetch("anthropic", options.fetch ?? ((i, init) => fetch(i, init)), options.retry),
    });
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const params: Anthropic.MessageCreateParamsNonStreaming = {
      model: this.model,
      max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
      messages: toAnthropicMessages(request.messages),
      ...(request.system ? { system: request.system } : {}),
      ...(request.tools.length
        ? { tools: request.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters as Anthropic.Tool.InputSchema })) }
        : {}),
    };
    const reqOptions = request.signal ? { signal: request.signal } : {};
    try {
      if (request.onText) {
        const onText = request.onText;
        const stream = this.client.messages.stream(params, reqOptions);
        stream.on("text", (delta) => onText(delta));
        return fromAnthropicMessage(await stream.finalMessage(), this.model);
      }
      return fromAnthropicMessage(await this.client.messages.create(params, reqOptions), this.model);
    } catch (err) {
      throw this.toBackendError(err, request.signal);
    }
  }

  private toBackendError(err: unknown, signal?: AbortSignal): BackendError {
    if (err instanceof BackendError) return err;
    if (signal?.aborted || err instanceof APIUserAbortError) return abortedError("anthropic", signal);
    // Errors thrown inside our fetch (e.g. "unreachable after retries") reach us wrapped as a connection error.
    const cause = (err as { cause?: unknown })?.cause;
    if (cause instanceof BackendError) return cause;
    if (err instanceof APIError && typeof err.status === "number") {
      const body = err.error as { error?: { message?: string }; message?: string } | undefined;
      const msg = body?.error?.message ?? body?.message ?? err.message;
      return httpError("anthropic", err.status, msg, { keyName: this.keyName, model: this.model });
    }
    return new BackendError(`anthropic request failed: ${err instanceof Error ? err.message : String(err)}`, "anthropic");
  }
}

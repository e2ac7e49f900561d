/**
 * @module workers/backends/ollama
 * Local or remote Ollama via `ollama/browser` (the Node build pulls node:fs): `/api/chat` with function tools,
 * NDJSON streaming when the caller wants text deltas. Ollama has no tool-call ids, so we make them up.
 */
import { Ollama, type Message, type Tool } from "ollama/browser";
import type { BackendConfig } from "../config";
import { BackendError, type Backend, type ChatMessage, type ChatRequest, type ChatResponse, type StopReason, type ToolCall } from "./backend";
import { abortedError, httpError, retryingFetch, type RetryOptions } from "./retry";

export const OLLAMA_DEFAULT_HOST = "http://localhost:11434";

export interface OllamaOptions {
  /** Bearer token for hosted Ollama (ollama.com); local servers need none. */
  apiKey?: string;
  keyName: string;
  fetch?: typeof fetch;
  retry?: RetryOptions;
}

export function toOllamaMessages(system: string, messages: ChatMessage[]): Message[] {
  const out: Message[] = system ? [{ role: "system", content: system }] : [];
  for (const m of messages) {
    if (m.role === "user") out.push({ role: "user", content: m.content });
    else if (m.role === "assistant") {
      const calls = m.toolCalls?.map((c) => ({ function: { name: c.name, arguments: c.arguments } }));
      out.push({ role: "assistant", content: m.content, ...(calls?.length ? { tool_calls: calls } : {}) });
    } else {
      // Ollama matches results to calls by tool name and order, not by id.
      out.push({ role: "tool", content: m.isError ? `Error: ${m.content}` : m.content, tool_name: m.name });
    }
  }
  return out;
}

function mapDoneReason(reason: string | undefined, hasToolCalls: boolean): StopReason {
  if (hasToolCalls) return "tool_use";
  if (reason === "length") return "max_tokens";
  if (reason === "stop" || reason === undefined || reason === "") return "end";
  return "other";
}

let callCounter = 0;
/** Ids only need to be unique within a conversation; a random part keeps them unique across Worker isolates. */
function newCallId(): string {
  callCounter = (callCounter + 1) % 1_000_000;
  return `call_${crypto.randomUUID().slice(0, 8)}_${callCounter}`;
}

type OllamaToolCall = { id?: string; function: { name: string; arguments: Record<string, unknown> | string } };

function toToolCall(call: OllamaToolCall): ToolCall {
  let args = call.function.arguments;
  // Some Ollama-compatible servers send arguments as a JSON string, like OpenAI does.
  if (typeof args === "string") {
    try {
      args = JSON.parse(args) as Record<string, unknown>;
    } catch {
      args = {};
    }
  }
  return { id: call.id ?? newCallId(), name: call.function.name, arguments: args ?? {} };
}

export class OllamaBackend implements Backend {
  readonly provider = "ollama" as const;
  readonly model: string;
  private readonly host: string;

  constructor(
    config: BackendConfig,
    private readonly options: OllamaOptions,
  ) {
    this.model = config.model;
    this.host = config.baseUrl ?? OLLAMA_DEFAULT_HOST;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    // A client per call: ollama-js does not forward a signal on non-streaming calls, so our fetch wrapper carries it.
    const client = new Ollama({
      host: this.host,
      fetch: retryingFetch("ollama", this.options.fetch ?? ((i, init) => fetch(i, init)), this.options.retry, request.signal),
      ...(this.options.apiKey ? { headers: { Authorization: `Bearer ${this.options.apiKey}` } } : {}),
    });
    const tools: Tool[] = request.tools.map((t) => ({
      type: "function",
      function: { name: t.name, description: t.description, parameters: t.parameters as Tool["function"]["parameters"] },
    }));
    const base = {
      model: this.model,
      messages: toOllamaMessages(request.system, request.messages),
      ...(tools.length ? { tools } : {}),
      ...(request.maxTokens ? { options: { num_predict: request.maxTokens } } : {}),
    };
    try {
      if (request.onText) {
        let text = "";
        const calls: ToolCall[] = [];
        let last: { done_reason?: string; prompt_eval_count?: number; eval_count?: number; model?: string } = {};
        for await (const chunk of await client.chat({ ...base, stream: true })) {
          if (chunk.message?.content) {
            text += chunk.message.content;
            request.onText(chunk.message.content);
          }
          for (const c of (chunk.message?.tool_calls ?? []) as OllamaToolCall[]) calls.push(toToolCall(c));
          if (chunk.done) last = chunk;
        }
        return this.response(text, calls, last);
      }
      const res = await client.chat({ ...base, stream: false });
      const calls = ((res.message.tool_calls ?? []) as OllamaToolCall[]).map(toToolCall);
      return this.response(res.message.content ?? "", calls, res);
    } catch (err) {
      throw this.toBackendError(err, request.signal);
    }
  }

  private response(
    text: string,
    toolCalls: ToolCall[],
    last: { done_reason?: string; prompt_eval_count?: number; eval_count?: number; model?: string },
  ): ChatResponse {
    return {
      text,
      toolCalls,
      stopReason: mapDoneReason(last.done_reason, toolCalls.length > 0),
      usage: { inputTokens: last.prompt_eval_count ?? 0, outputTokens: last.eval_count ?? 0 },
      model: last.model || this.model,
    };
  }

  private toBackendError(err: unknown, signal?: AbortSignal): BackendError {
    if (err instanceof BackendError) return err;
    if (signal?.aborted) return abortedError("ollama", signal);
    const e = err as { status_code?: number; error?: string; message?: string };
    if (typeof e?.status_code === "number") {
      const hint = e.status_code === 404 ? `${e.error ?? ""} (pull it with \`ollama pull ${this.model}\`)` : (e.error ?? "");
      return httpError("ollama", e.status_code, hint, { keyName: this.options.keyName, model: this.model });
    }
    const msg = err instanceof Error ? err.message : String(err);
    return new BackendError(`ollama request failed: ${msg}`, "ollama");
  }
}

/**
 * @module workers/backends/gemini
 * Gemini over plain REST (no SDK): `:generateContent`, or `:streamGenerateContent?alt=sse` when the caller wants text
 * deltas. Wire conversions live in ./gemini-wire; this file does HTTP, SSE and errors.
 */
import type { BackendConfig } from "../config";
import { BackendError, type Backend, type ChatRequest, type ChatResponse, type ToolCall } from "./backend";
import { toFunctionDeclarations, toGeminiContents, readParts, mapFinishReason, type GeminiCandidateChunk } from "./gemini-wire";
import { abortedError, httpError, readErrorMessage, retryingFetch, type RetryOptions } from "./retry";

export const GEMINI_DEFAULT_BASE = "https://generativelanguage.googleapis.com";

export interface GeminiOptions {
  apiKey: string;
  keyName: string;
  fetch?: typeof fetch;
  retry?: RetryOptions;
}

/** Yields the JSON payload of each SSE event (`data:` lines joined), whatever the line endings. */
async function* sseData(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const flush = function* (final: boolean) {
    const events = buffer.split(/\r?\n\r?\n/);
    buffer = final ? "" : (events.pop() ?? "");
    for (const event of events) {
      const data = event
        .split(/\r?\n/)
        .filter((l) => l.startsWith("data:"))
        .map((l) => l.slice(5).replace(/^ /, ""))
        .join("\n");
      if (data) yield data;
    }
  };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    yield* flush(false);
  }
  yield* flush(true);
}

export class GeminiBackend implements Backend {
  readonly provider = "gemini" as const;
  readonly model: string;
  private readonly base: string;

  constructor(
    config: BackendConfig,
    private readonly options: GeminiOptions,
  ) {
    // Accept both "gemini-2.5-flash" and "models/gemini-2.5-flash".
    this.model = config.model.replace(/^models\//, "");
    this.base = (config.baseUrl ?? GEMINI_DEFAULT_BASE).replace(/\/+$/, "");
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const body = {
      contents: toGeminiContents(request.messages),
      ...(request.system ? { systemInstruction: { parts: [{ text: request.system }] } } : {}),
      ...(request.tools.length ? { tools: [{ functionDeclarations: toFunctionDeclarations(request.tools) }] } : {}),
      ...(request.maxTokens ? { generationConfig: { maxOutputTokens: request.maxTokens } } : {}),
    };
    const streaming = Boolean(request.onText);
    const url = `${this.base}/v1beta/models/${encodeURIComponent(this.model)}:${streaming ? "streamGenerateContent?alt=sse" : "generateContent"}`;
    const doFetch = retryingFetch("gemini", this.options.fetch ?? ((i, init) => fetch(i, init)), this.options.retry, request.signal);
    try {
      const res = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", "x-goog-api-key": this.options.apiKey },
        body: JSON.stringify(body),
        ...(request.signal ? { signal: request.signal } : {}),
      });
      if (!res.ok) throw httpError("gemini", res.status, await readErrorMessage(res), { keyName: this.options.keyName, model: this.model });
      if (!streaming || !res.body) {
        const json = (await res.json()) as GeminiCandidateChunk;
        const { text, toolCalls } = readParts(json);
        if (streaming && text) request.onText?.(text);
        return this.response(text, toolCalls, json, json);
      }
      let text = "";
      const toolCalls: ToolCall[] = [];
      let last: GeminiCandidateChunk = {};
      let usageChunk: GeminiCandidateChunk = {};
      for await (const data of sseData(res.body)) {
        const chunk = JSON.parse(data) as GeminiCandidateChunk & { error?: { message?: string; code?: number } };
        if (chunk.error) throw httpError("gemini", chunk.error.code ?? 500, chunk.error.message ?? "stream error", { keyName: this.options.keyName });
        const parts = readParts(chunk);
        if (parts.text) {
          text += parts.text;
          request.onText?.(parts.text);
        }
        toolCalls.push(...parts.toolCalls);
        if (chunk.candidates?.[0]?.finishReason) last = chunk;
        // Each chunk carries cumulative usage; the latest one wins.
        if (chunk.usageMetadata) usageChunk = chunk;
      }
      return this.response(text, toolCalls, last, usageChunk);
    } catch (err) {
      if (err instanceof BackendError) throw err;
      if (request.signal?.aborted) throw abortedError("gemini", request.signal);
      throw new BackendError(`gemini request failed: ${err instanceof Error ? err.message : String(err)}`, "gemini");
    }
  }

  private response(text: string, toolCalls: ToolCall[], last: GeminiCandidateChunk, usage: GeminiCandidateChunk): ChatResponse {
    const u = usage.usageMetadata ?? {};
    const finish = last.candidates?.[0]?.finishReason ?? (last.promptFeedback?.blockReason ? "BLOCKED" : undefined);
    return {
      text,
      toolCalls,
      stopReason: mapFinishReason(finish, toolCalls.length > 0),
      // Thinking tokens are billed as output, so they count as output here.
      usage: { inputTokens: u.promptTokenCount ?? 0, outputTokens: (u.candidatesTokenCount ?? 0) + (u.thoughtsTokenCount ?? 0) },
      model: last.modelVersion ?? usage.modelVersion ?? this.model,
    };
  }
}

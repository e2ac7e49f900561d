/**
 * @module workers/backends/backend
 * The one interface every LLM provider implements. Provider-neutral messages in, text and tool calls out.
 * Implementations MUST pass tools to the provider (a backend that ignores tools is a bug, not a fallback).
 */
import type { BackendType } from "../config";

/** JSON Schema of a tool's input (always an object schema). */
export type JsonSchema = { type: "object"; properties?: Record<string, unknown>; required?: string[]; [k: string]: unknown };

export interface ToolSpec {
  name: string;
  description: string;
  parameters: JsonSchema;
}

export interface ToolCall {
  /** Provider's id for the call (synthesised where the provider has none, e.g. Ollama, Gemini). */
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export type ChatMessage =
  | { role: "user"; content: string }
  | { role: "assistant"; content: string; toolCalls?: ToolCall[] }
  | { role: "tool"; toolCallId: string; name: string; content: string; isError?: boolean };

export interface ChatRequest {
  system: string;
  messages: ChatMessage[];
  tools: ToolSpec[];
  maxTokens?: number;
  /** Aborted when the LLM call times out or the client goes away. */
  signal?: AbortSignal;
  /** Called with text deltas when the backend streams; backends that do not stream never call it. */
  onText?: (delta: string) => void;
}

export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

export type StopReason = "end" | "tool_use" | "max_tokens" | "other";

export interface ChatResponse {
  text: string;
  toolCalls: ToolCall[];
  stopReason: StopReason;
  usage: Usage;
  model: string;
}

export interface Backend {
  readonly provider: BackendType;
  readonly model: string;
  chat(request: ChatRequest): Promise<ChatResponse>;
}

/** A provider failure with the reason a user can act on; `status` is the provider's HTTP status when there was one. */
export class BackendError extends Error {
  constructor(
    message: string,
    readonly provider: BackendType,
    readonly status?: number,
    readonly retryable = false,
  ) {
    super(message);
    this.name = "BackendError";
  }
}

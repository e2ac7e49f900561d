/**
 * @module workers/backends/gemini-wire
 * Pure conversions between our provider-neutral types and the Gemini REST wire format: JSON Schema → Gemini's
 * OpenAPI-subset Schema, history → `contents`, and response parts → text + tool calls.
 */
import type { ChatMessage, StopReason, ToolCall, ToolSpec } from "./backend";

/** Schema keys Gemini's `parameters` accepts; anything else (additionalProperties, $schema, default, …) is a 400. */
const KEEP = new Set(["type", "format", "description", "nullable", "enum", "items", "properties", "required", "anyOf", "minimum", "maximum", "minItems", "maxItems", "minLength", "maxLength", "pattern", "title", "minProperties", "maxProperties"]);
/** String formats Gemini accepts; others (email, uri, …) are rejected, so they are dropped. */
const STRING_FORMATS = new Set(["enum", "date-time"]);

/** Converts a JSON Schema (draft-7, as zod emits it) to the subset Gemini accepts. */
export function toGeminiSchema(schema: unknown): Record<string, unknown> {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) return {};
  const src = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  // JSON Schema's ["string","null"] is Gemini's type + nullable.
  if (Array.isArray(src.type)) {
    const types = src.type.filter((t) => t !== "null");
    if (types.length !== src.type.length) out.nullable = true;
    if (types[0] !== undefined) out.type = types[0];
  } else if (src.type !== undefined) out.type = src.type;
  if (src.const !== undefined) out.enum = [src.const];
  for (const [key, value] of Object.entries(src)) {
    if (!KEEP.has(key) || key === "type" || value === undefined) continue;
    if (key === "properties" && value && typeof value === "object") {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toGeminiSchema(v)]));
    } else if (key === "items") out.items = toGeminiSchema(value);
    else if (key === "anyOf" && Array.isArray(value)) {
      // zod writes `x | null` as anyOf[{…},{type:null}]; Gemini wants nullable instead.
      const nonNull = value.filter((v) => (v as { type?: unknown })?.type !== "null");
      if (nonNull.length !== value.length) out.nullable = true;
      if (nonNull.length === 1) Object.assign(out, toGeminiSchema(nonNull[0]));
      else out.anyOf = nonNull.map(toGeminiSchema);
    } else if (key === "enum" && Array.isArray(value)) {
      // Gemini enums are strings only.
      if (value.every((v) => typeof v === "string")) out.enum = value;
    } else if (key === "format") {
      if (out.type !== "string" || STRING_FORMATS.has(String(value))) out.format = value;
    } else out[key] = value;
  }
  if (out.enum && !out.type) out.type = "string";
  return out;
}

export function toFunctionDeclarations(tools: ToolSpec[]) {
  return tools.map((t) => ({ name: t.name, description: t.description, parameters: toGeminiSchema(t.parameters) }));
}

/**
 * A Gemini function call has no required id, but thinking models attach a `thoughtSignature` that MUST be sent back
 * with the call. Our ToolCall has only `id`, so the signature rides inside it: `<id>~sig~<signature>`.
 */
const SIG = "~sig~";
export function encodeCallId(id: string, signature?: string): string {
  return signature ? `${id}${SIG}${signature}` : id;
}
export function decodeCallId(encoded: string): { id: string; signature?: string } {
  const at = encoded.indexOf(SIG);
  return at < 0 ? { id: encoded } : { id: encoded.slice(0, at), signature: encoded.slice(at + SIG.length) };
}

type Part = Record<string, unknown>;
export interface Content {
  role: "user" | "model";
  parts: Part[];
}

/** A tool result as a functionResponse `response` object (Gemini wants a JSON object, not a bare value). */
function responseObject(m: Extract<ChatMessage, { role: "tool" }>): Record<string, unknown> {
  let value: unknown = m.content;
  try {
    value = JSON.parse(m.content);
  } catch {
    /* plain text result */
  }
  return m.isError ? { error: value } : { result: value };
}

/** History → `contents`. Function responses go in a `user` turn (the current API docs), one turn per batch. */
export function toGeminiContents(messages: ChatMessage[]): Content[] {
  const out: Content[] = [];
  const push = (role: Content["role"], part: Part) => {
    const last = out[out.length - 1];
    if (last?.role === role) last.parts.push(part);
    else out.push({ role, parts: [part] });
  };
  for (const m of messages) {
    if (m.role === "user") push("user", { text: m.content });
    else if (m.role === "assistant") {
      const parts: Part[] = m.content.trim() ? [{ text: m.content }] : [];
      for (const call of m.toolCalls ?? []) {
        const { id, signature } = decodeCallId(call.id);
        const fc: Record<string, unknown> = { name: call.name, args: call.arguments };
        if (!id.startsWith(LOCAL_ID_PREFIX)) fc.id = id;
        parts.push({ functionCall: fc, ...(signature ? { thoughtSignature: signature } : {}) });
      }
      // An empty model turn is an invalid Content; leave it out.
      if (parts.length) out.push({ role: "model", parts });
    } else {
      const { id } = decodeCallId(m.toolCallId);
      const fr: Record<string, unknown> = { name: m.name, response: responseObject(m) };
      if (!id.startsWith(LOCAL_ID_PREFIX)) fr.id = id;
      push("user", { functionResponse: fr });
    }
  }
  return out;
}

/** Prefix of ids we synthesise; those are not Gemini's and are not sent back as `id`. */
export const LOCAL_ID_PREFIX = "gemini_call_";
let counter = 0;
function localId(): string {
  counter = (counter + 1) % 1_000_000;
  return `${LOCAL_ID_PREFIX}${crypto.randomUUID().slice(0, 8)}_${counter}`;
}

export interface GeminiCandidateChunk {
  candidates?: { content?: { parts?: Part[] }; finishReason?: string }[];
  usageMetadata?: { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number };
  modelVersion?: string;
  promptFeedback?: { blockReason?: string };
}

/** Text and tool calls in one response (or one stream chunk). Thought-summary parts are not answer text. */
export function readParts(chunk: GeminiCandidateChunk): { text: string; toolCalls: ToolCall[] } {
  let text = "";
  const toolCalls: ToolCall[] = [];
  for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
    if (typeof part.text === "string" && !part.thought) text += part.text;
    const fc = part.functionCall as { id?: string; name: string; args?: Record<string, unknown> } | undefined;
    if (fc) toolCalls.push({ id: encodeCallId(fc.id ?? localId(), part.thoughtSignature as string | undefined), name: fc.name, arguments: fc.args ?? {} });
  }
  return { text, toolCalls };
}

export function mapFinishReason(reason: string | undefined, hasToolCalls: boolean): StopReason {
  if (hasToolCalls) return "tool_use";
  if (reason === "STOP" || reason === undefined) return "end";
  if (reason === "MAX_TOKENS") return "max_tokens";
  return "other";
}

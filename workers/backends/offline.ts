/**
 * @module workers/backends/offline
 * A deterministic stand-in for an LLM: no network, no key. It routes a request to tools or peers by word overlap
 * (./offline-plan), fills arguments from the schema (./offline-args) and composes the answer from tool results.
 * It exists so the demo and CI run the whole agent loop without a model.
 *
 * One turn, by the last message:
 * - user: plan calls (stop "tool_use"); if nothing fits, say what this agent can do (stop "end").
 * - tool results: if a peer call failed with a list of valid peers and no retry happened yet, retry once with the
 *   matching valid peer; else, after the first round, make the calls for clauses that work on its results
 *   ("… and summarise the key points"), given those results; otherwise answer with one "<label>: <compact result>"
 *   line per result (stop "end").
 */
import type { BackendConfig } from "../config";
import type { Backend, ChatMessage, ChatRequest, ChatResponse, ToolCall, ToolSpec } from "./backend";
import { candidates, chainedCall, plan, retryCall } from "./offline-plan";
import { abortedError } from "./retry";

type ToolMessage = Extract<ChatMessage, { role: "tool" }>;

/** Longest rendering of one result, so a huge tool output cannot flood the answer. */
const MAX_RESULT_CHARS = 600;

/** Deterministic token estimate: about four characters per token, like English text in most tokenizers. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** One line for a tool result: JSON flattened to `key: value, …`, text as is. */
/** Tools that can say their result in one sentence put it in `summary`. */
function summaryOf(content: string): string | undefined {
  try {
    const summary = (JSON.parse(content) as { summary?: unknown } | null)?.summary;
    return typeof summary === "string" && summary.trim() ? summary.trim() : undefined;
  } catch {
    return undefined;
  }
}

export function compact(content: string): string {
  let value: unknown = content;
  try {
    value = JSON.parse(content);
  } catch {
    // Plain text (a peer's answer): its lines stay lines, indented under the label.
    const text = content.trim().split(/\s*\n\s*/).join("\n  ");
    return text.length > MAX_RESULT_CHARS ? `${text.slice(0, MAX_RESULT_CHARS - 1)}…` : text;
  }
  const summary = summaryOf(content);
  if (summary) return summary;
  // A tool error says what went wrong in its message; the fields beside it are for a model.
  const error = (value as { error?: unknown } | null)?.error;
  if (typeof error === "string" && error.trim()) return error.trim();
  const render = (v: unknown, depth: number): string => {
    if (v === null || v === undefined) return "none";
    if (typeof v === "string") return v.trim();
    if (typeof v !== "object") return String(v);
    if (Array.isArray(v)) return v.map((x) => render(x, depth + 1)).join(depth ? "; " : ", ");
    if (depth > 1) return JSON.stringify(v);
    const entries = Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k}: ${render(x, depth + 1)}`);
    return depth ? `{${entries.join(", ")}}` : entries.join(", ");
  };
  const out = render(value, 0).replace(/\s*\n\s*/g, " | ");
  return out.length > MAX_RESULT_CHARS ? `${out.slice(0, MAX_RESULT_CHARS - 1)}…` : out;
}

/** What this agent can do, for requests nothing matched. */
export function capabilities(tools: ToolSpec[]): string {
  if (!tools.length) return "I have no tools, and without a language model I can only route requests to tools. Nothing here matches your request.";
  const lines = candidates(tools).map((c) => {
    const desc = c.peer ? c.doc.slice(c.peer.length).trim() : c.tool.description.split("\n")[0]!.trim();
    return c.peer ? `- ask ${c.peer}${desc ? `: ${desc}` : ""}` : `- ${c.tool.name}: ${desc}`;
  });
  return ["I could not match your request to any of my tools or peers. I can:", ...lines].join("\n");
}

/** Splits text into up to three chunks on word boundaries, so streaming callers see more than one delta. */
function chunks(text: string): string[] {
  const words = text.split(/(?<=\s)/);
  const size = Math.max(1, Math.ceil(words.length / 3));
  const out: string[] = [];
  for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(""));
  return out;
}

export class OfflineBackend implements Backend {
  readonly provider = "offline" as const;
  readonly model: string;

  constructor(config: BackendConfig) {
    this.model = config.model || "offline";
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    if (request.signal?.aborted) throw abortedError("offline", request.signal);
    const { text, toolCalls } = this.decide(request);
    if (request.onText && text) for (const c of chunks(text)) request.onText(c);
    const input = request.system + JSON.stringify(request.messages) + JSON.stringify(request.tools);
    return {
      text,
      toolCalls,
      stopReason: toolCalls.length ? "tool_use" : "end",
      usage: { inputTokens: estimateTokens(input), outputTokens: estimateTokens(text + (toolCalls.length ? JSON.stringify(toolCalls) : "")) },
      model: this.model,
    };
  }

  private decide(request: ChatRequest): { text: string; toolCalls: ToolCall[] } {
    const { messages, tools } = request;
    const lastUserIdx = messages.map((m) => m.role).lastIndexOf("user");
    const userText = lastUserIdx >= 0 ? (messages[lastUserIdx] as { content: string }).content : "";
    const last = messages[messages.length - 1];
    const idBase = `offline_${messages.length}`;
    if (last?.role === "tool") return this.afterTools(messages.slice(lastUserIdx + 1), userText, idBase, tools);
    if (last?.role !== "user") return { text: capabilities(tools), toolCalls: [] };
    // Clauses that work on others' results wait for the second round (afterTools).
    const calls = plan(tools, userText).filter((c) => !c.after);
    if (!calls.length) return { text: capabilities(tools), toolCalls: [] };
    return { text: "", toolCalls: calls.map((c, i) => ({ id: `${idBase}_${i}`, name: c.candidate.tool.name, arguments: c.arguments })) };
  }

  /** `turn` is everything after the last user message: assistant tool calls and their results. */
  private afterTools(turn: ChatMessage[], userText: string, idBase: string, tools: ToolSpec[]): { text: string; toolCalls: ToolCall[] } {
    const calls = new Map<string, ToolCall>();
    let rounds = 0;
    for (const m of turn) {
      if (m.role === "assistant" && m.toolCalls?.length) {
        rounds++;
        for (const c of m.toolCalls) calls.set(c.id, c);
      }
    }
    const lastAssistant = turn.map((m) => m.role).lastIndexOf("assistant");
    const lastBatch = turn.slice(lastAssistant + 1).filter((m): m is ToolMessage => m.role === "tool");
    // Retry at most once per request: only results of the first round of calls may trigger one.
    if (rounds === 1) {
      const retries = lastBatch
        .filter((r) => r.isError)
        .map((r, i) => {
          const failed = calls.get(r.toolCallId);
          return failed ? retryCall(failed, r.content, userText, `${idBase}_${i}`) : undefined;
        })
        .filter((c): c is ToolCall => c !== undefined);
      if (retries.length) return { text: "", toolCalls: retries };
      // Second round: the deferred clauses, given what the first round found.
      const found = lastBatch.filter((r) => !r.isError).map((r) => compact(r.content));
      const chained = found.length
        ? plan(tools, userText)
            .map((c) => chainedCall(c, found))
            .filter((c) => c !== undefined)
        : [];
      if (chained.length) return { text: "", toolCalls: chained.map((c, i) => ({ id: `${idBase}_${i}`, name: c.candidate.tool.name, arguments: c.arguments })) };
    }
    const results = turn.filter((m): m is ToolMessage => m.role === "tool" && (!m.isError || lastBatch.includes(m)));
    const lines = results.map((r) => {
      const call = calls.get(r.toolCallId);
      const peer = typeof call?.arguments.agent === "string" ? call.arguments.agent : undefined;
      const text = compact(r.content);
      // A tool's own summary speaks for itself; peers' answers and raw results keep their source as a label.
      const label = peer ?? (summaryOf(r.content) && !r.isError ? undefined : r.name);
      return `${label ? `${label}: ` : ""}${r.isError && !/^error\b/i.test(text) ? "error: " : ""}${text}`;
    });
    return { text: lines.join("\n") || "No results.", toolCalls: [] };
  }
}

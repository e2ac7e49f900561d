/**
 * A fake Anthropic Messages API (`POST /v1/messages`) that the real SDK parses: JSON replies, and SSE streams with the
 * real event sequence (message_start, ping, content_block_start/delta/stop, message_delta, message_stop).
 */
import { startFake, textChunks, usageOf, writeSse, type FakeOptions, type FakeReply, type FakeServer } from "./fake-http";
import type { WireInspector } from "./wire";

const STOP: Record<string, string> = { end: "end_turn", tool_use: "tool_use", max_tokens: "max_tokens" };

function blocks(reply: FakeReply) {
  const out: Record<string, unknown>[] = [];
  if (reply.text) out.push({ type: "text", text: reply.text });
  (reply.toolCalls ?? []).forEach((c, i) => out.push({ type: "tool_use", id: c.id ?? `toolu_fake_${i}`, name: c.name, input: c.arguments }));
  return out;
}

function stopReason(reply: FakeReply): string {
  return STOP[reply.stopReason ?? (reply.toolCalls?.length ? "tool_use" : "end")]!;
}

const ERROR_TYPES: Record<number, string> = { 400: "invalid_request_error", 401: "authentication_error", 403: "permission_error", 404: "not_found_error", 429: "rate_limit_error", 529: "overloaded_error" };

export function startFakeAnthropic(options: FakeOptions): Promise<FakeServer> {
  let n = 0;
  return startFake(
    options,
    async ({ req, reply, res, latencyMs }) => {
      if (req.method !== "POST" || !req.path.startsWith("/v1/messages")) return false;
      const auth = req.headers["x-api-key"] ?? req.headers.authorization;
      if (!auth) {
        res.writeHead(401, { "content-type": "application/json" }).end(JSON.stringify({ type: "error", error: { type: "authentication_error", message: "x-api-key header is required" } }));
        return true;
      }
      const id = `msg_fake_${++n}`;
      const usage = usageOf(reply, req.body);
      const model = req.body?.model ?? "claude-fake";
      if (!req.body?.stream) {
        res.writeHead(200, { "content-type": "application/json", "request-id": `req_${n}` });
        res.end(
          JSON.stringify({ id, type: "message", role: "assistant", model, content: blocks(reply), stop_reason: stopReason(reply), stop_sequence: null, usage: { input_tokens: usage.input, output_tokens: usage.output } }),
        );
        return true;
      }
      const events: { event: string; data: unknown }[] = [
        { event: "message_start", data: { type: "message_start", message: { id, type: "message", role: "assistant", model, content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: usage.input, output_tokens: 1 } } } },
        { event: "ping", data: { type: "ping" } },
      ];
      blocks(reply).forEach((block, index) => {
        if (block.type === "text") {
          events.push({ event: "content_block_start", data: { type: "content_block_start", index, content_block: { type: "text", text: "" } } });
          for (const t of textChunks(block.text as string)) events.push({ event: "content_block_delta", data: { type: "content_block_delta", index, delta: { type: "text_delta", text: t } } });
        } else {
          events.push({ event: "content_block_start", data: { type: "content_block_start", index, content_block: { ...block, input: {} } } });
          // The real API streams tool input as JSON fragments; split it to prove the SDK reassembles them.
          for (const part of textChunks(JSON.stringify(block.input))) events.push({ event: "content_block_delta", data: { type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: part } } });
        }
        events.push({ event: "content_block_stop", data: { type: "content_block_stop", index } });
      });
      events.push({ event: "message_delta", data: { type: "message_delta", delta: { stop_reason: stopReason(reply), stop_sequence: null }, usage: { output_tokens: usage.output } } });
      events.push({ event: "message_stop", data: { type: "message_stop" } });
      await writeSse(res, events, latencyMs);
      return true;
    },
    (reply, status) => ({ type: "error", error: { type: ERROR_TYPES[status] ?? "api_error", message: reply.error ?? `error ${status}` } }),
  );
}

/** Where tools and tool results sit in an Anthropic request body. */
export const anthropicWire: WireInspector = {
  tools: (body) => (body.tools ?? []).map((t: any) => ({ name: t.name, description: t.description, schema: t.input_schema })),
  toolResults: (body) =>
    (body.messages ?? []).flatMap((m: any) =>
      Array.isArray(m.content) ? m.content.filter((b: any) => b.type === "tool_result").map((b: any) => ({ id: b.tool_use_id, content: typeof b.content === "string" ? b.content : JSON.stringify(b.content), isError: b.is_error === true })) : [],
    ),
  toolCallsEchoed: (body) =>
    (body.messages ?? []).flatMap((m: any) => (m.role === "assistant" && Array.isArray(m.content) ? m.content.filter((b: any) => b.type === "tool_use").map((b: any) => ({ id: b.id, name: b.name, arguments: b.input })) : [])),
  system: (body) => (typeof body.system === "string" ? body.system : (body.system ?? []).map((b: any) => b.text).join("")),
  apiKey: (req) => (req.headers["x-api-key"] as string | undefined) ?? (req.headers.authorization as string | undefined)?.replace(/^Bearer\s+/i, ""),
};

/**
 * A fake Ollama server (`POST /api/chat`) that ollama-js parses: one JSON object when `stream: false`, NDJSON chunks
 * otherwise (Ollama's default is to stream), with `message.tool_calls` and prompt_eval_count / eval_count.
 */
import { sleep, startFake, textChunks, usageOf, type FakeOptions, type FakeReply, type FakeServer } from "./fake-http";
import type { WireInspector } from "./wire";

const DONE: Record<string, string> = { end: "stop", tool_use: "stop", max_tokens: "length" };

function toolCalls(reply: FakeReply) {
  return (reply.toolCalls ?? []).map((c) => ({ function: { name: c.name, arguments: c.arguments } }));
}

export function startFakeOllama(options: FakeOptions): Promise<FakeServer> {
  return startFake(
    options,
    async ({ req, reply, res, latencyMs }) => {
      if (req.method !== "POST" || req.path !== "/api/chat") return false;
      const model = req.body?.model ?? "fake-model";
      const usage = usageOf(reply, req.body);
      const created_at = new Date(0).toISOString();
      const final = {
        model,
        created_at,
        done: true,
        done_reason: DONE[reply.stopReason ?? "end"],
        total_duration: 1000,
        load_duration: 10,
        prompt_eval_count: usage.input,
        prompt_eval_duration: 100,
        eval_count: usage.output,
        eval_duration: 100,
      };
      const calls = toolCalls(reply);
      if (req.body?.stream === false) {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
        res.end(JSON.stringify({ ...final, message: { role: "assistant", content: reply.text ?? "", ...(calls.length ? { tool_calls: calls } : {}) } }));
        return true;
      }
      res.writeHead(200, { "content-type": "application/x-ndjson" });
      const line = (o: unknown) => res.write(JSON.stringify(o) + "\n");
      for (const t of textChunks(reply.text ?? "")) {
        line({ model, created_at, message: { role: "assistant", content: t }, done: false });
        if (latencyMs) await sleep(latencyMs);
      }
      // Ollama sends tool calls whole, in a chunk of their own, before the final "done" chunk.
      if (calls.length) line({ model, created_at, message: { role: "assistant", content: "", tool_calls: calls }, done: false });
      line({ ...final, message: { role: "assistant", content: "" } });
      res.end();
      return true;
    },
    (reply, status) => ({ error: reply.error ?? `error ${status}` }),
  );
}

export const ollamaWire: WireInspector = {
  tools: (body) => (body.tools ?? []).map((t: any) => ({ name: t.function.name, description: t.function.description, schema: t.function.parameters })),
  toolResults: (body) => (body.messages ?? []).filter((m: any) => m.role === "tool").map((m: any) => ({ name: m.tool_name, content: m.content })),
  toolCallsEchoed: (body) =>
    (body.messages ?? []).flatMap((m: any) => (m.role === "assistant" ? (m.tool_calls ?? []).map((c: any) => ({ name: c.function.name, arguments: c.function.arguments })) : [])),
  system: (body) => (body.messages ?? []).filter((m: any) => m.role === "system").map((m: any) => m.content).join(""),
  apiKey: (req) => (req.headers.authorization as string | undefined)?.replace(/^Bearer\s+/i, ""),
};

/**
 * A fake Gemini API: `POST /v1beta/models/{model}:generateContent` (JSON) and `:streamGenerateContent?alt=sse`
 * (SSE, `\r\n\r\n` separated like Google's), with `functionCall` parts, usageMetadata and Google-style errors.
 */
import { startFake, textChunks, usageOf, writeSse, type FakeOptions, type FakeReply, type FakeServer } from "./fake-http";
import type { WireInspector } from "./wire";

const FINISH: Record<string, string> = { end: "STOP", tool_use: "STOP", max_tokens: "MAX_TOKENS" };
const STATUS: Record<number, string> = { 400: "INVALID_ARGUMENT", 401: "UNAUTHENTICATED", 403: "PERMISSION_DENIED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE" };

export interface GeminiFakeOptions extends FakeOptions {
  /** Adds a `thoughtSignature` to the first functionCall part, as Gemini 3 models do. */
  thoughtSignature?: string;
}

function usageMetadata(u: { input: number; output: number }) {
  return { promptTokenCount: u.input, candidatesTokenCount: u.output, totalTokenCount: u.input + u.output };
}

function callParts(reply: FakeReply, signature?: string) {
  return (reply.toolCalls ?? []).map((c, i) => ({ functionCall: { name: c.name, args: c.arguments }, ...(i === 0 && signature ? { thoughtSignature: signature } : {}) }));
}

export function startFakeGemini(options: GeminiFakeOptions): Promise<FakeServer> {
  return startFake(
    options,
    async ({ req, reply, res, latencyMs }) => {
      const m = req.path.match(/^\/v1beta\/models\/([^/:?]+):(generateContent|streamGenerateContent)(\?.*)?$/);
      if (req.method !== "POST" || !m) return false;
      const key = req.headers["x-goog-api-key"] ?? new URLSearchParams(m[3] ?? "").get("key");
      if (!key) {
        res.writeHead(403, { "content-type": "application/json" }).end(JSON.stringify({ error: { code: 403, message: "Method doesn't allow unregistered callers. Please use API Key.", status: "PERMISSION_DENIED" } }));
        return true;
      }
      const model = decodeURIComponent(m[1]!);
      const usage = usageOf(reply, req.body);
      const finishReason = FINISH[reply.stopReason ?? "end"];
      const calls = callParts(reply, options.thoughtSignature);
      if (m[2] === "generateContent") {
        const parts = [...(reply.text ? [{ text: reply.text }] : []), ...calls];
        res.writeHead(200, { "content-type": "application/json; charset=UTF-8" });
        res.end(JSON.stringify({ candidates: [{ content: { role: "model", parts }, finishReason, index: 0 }], usageMetadata: usageMetadata(usage), modelVersion: model, responseId: "fake" }));
        return true;
      }
      if (!(m[3] ?? "").includes("alt=sse")) return false;
      const chunks = textChunks(reply.text ?? "").map((t) => ({ candidates: [{ content: { role: "model", parts: [{ text: t }] }, index: 0 }], usageMetadata: usageMetadata({ input: usage.input, output: 0 }), modelVersion: model }));
      // The last chunk carries the finish reason, any function calls and the final usage.
      chunks.push({ candidates: [{ content: { role: "model", parts: calls as never[] }, finishReason, index: 0 } as never], usageMetadata: usageMetadata(usage), modelVersion: model });
      await writeSse(res, chunks.map((data) => ({ data })), latencyMs, "\r\n");
      return true;
    },
    (reply, status) => ({ error: { code: status, message: reply.error ?? `error ${status}`, status: STATUS[status] ?? "UNKNOWN" } }),
  );
}

export const geminiWire: WireInspector = {
  tools: (body) => (body.tools ?? []).flatMap((t: any) => (t.functionDeclarations ?? []).map((f: any) => ({ name: f.name, description: f.description, schema: f.parameters }))),
  toolResults: (body) =>
    (body.contents ?? []).flatMap((c: any) =>
      (c.parts ?? []).filter((p: any) => p.functionResponse).map((p: any) => ({ id: p.functionResponse.id, name: p.functionResponse.name, content: JSON.stringify(p.functionResponse.response), role: c.role })),
    ),
  toolCallsEchoed: (body) =>
    (body.contents ?? []).flatMap((c: any) => (c.role === "model" ? (c.parts ?? []).filter((p: any) => p.functionCall).map((p: any) => ({ id: p.functionCall.id, name: p.functionCall.name, arguments: p.functionCall.args })) : [])),
  system: (body) => (body.systemInstruction?.parts ?? []).map((p: any) => p.text).join(""),
  apiKey: (req) => req.headers["x-goog-api-key"] as string | undefined,
};

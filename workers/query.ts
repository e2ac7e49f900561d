/**
 * @module workers/query
 * `POST /query`, the seed engine's client API: `{query, session_id?, context?}` → `{response, session_id,
 * trace_id, usage}`; with `Accept: text/event-stream` the turn's events stream as SSE (token, tool_call,
 * tool_result, done, error). Failures are HTTP errors: 400 bad input, 502 backend, never 200 with "Error:".
 */
import { z } from "zod";
import type { Env } from "./env";
import { HttpError } from "./errors";
import type { TraceInfo } from "./trace";
import { MAX_SESSION_ID, readTurn, startTurn, type TurnDone } from "./turn-protocol";

const QueryBodySchema = z.object({
  query: z.string().trim().min(1, "must be a non-empty string"),
  session_id: z.string().min(1).max(MAX_SESSION_ID).optional().nullable(),
  context: z.unknown().optional(),
});

export function parseQueryBody(raw: string): z.output<typeof QueryBodySchema> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new HttpError(400, "bad_request", `body is not valid JSON: ${(err as Error).message}`);
  }
  const parsed = QueryBodySchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.length ? `"${issue.path.join(".")}"` : "body";
    const what = issue?.code === "invalid_type" && issue.path.length === 1 && issue.path[0] === "query" ? "is required and must be a string" : issue?.message;
    throw new HttpError(400, "bad_request", `${field} ${what ?? "is invalid"}; expected {"query": string, "session_id"?: string, "context"?: object}`);
  }
  return parsed.data;
}

export async function handleQuery(env: Env, raw: string, wantsStream: boolean, hop: number, trace: TraceInfo, signal?: AbortSignal): Promise<Response> {
  const body = parseQueryBody(raw);
  const sessionId = body.session_id ?? crypto.randomUUID();
  const turn = await startTurn(env, { sessionId, query: body.query, context: body.context, hop, trace }, signal);
  const events = readTurn(turn);
  if (wantsStream) return sseResponse(events);

  for await (const event of events) {
    if (event.type === "error") throw new HttpError(event.status, event.code, event.message);
    if (event.type === "done") return Response.json(doneBody(event));
  }
  throw new HttpError(500, "internal_error", "the turn ended without an answer");
}

function doneBody(done: TurnDone) {
  return {
    response: done.response,
    session_id: done.session_id,
    trace_id: done.trace_id,
    usage: done.usage,
    ...(done.stopped ? { stopped: done.stopped } : {}),
  };
}

function sseResponse(events: AsyncGenerator<import("./turn-protocol").TurnEvent>): Response {
  const encoder = new TextEncoder();
  const frame = (name: string, data: unknown) => encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await events.next();
        if (next.done) return controller.close();
        const { type, ...rest } = next.value;
        if (type === "done") controller.enqueue(frame("done", doneBody(next.value as TurnDone)));
        else if (type === "error") {
          const e = rest as { status: number; code: string; message: string };
          controller.enqueue(frame("error", { error: { code: e.code, message: e.message }, status: e.status }));
        } else controller.enqueue(frame(type, rest));
      } catch (err) {
        controller.enqueue(frame("error", { error: { code: "internal_error", message: err instanceof Error ? err.message : String(err) }, status: 500 }));
        controller.close();
      }
    },
    async cancel() {
      await events.return(undefined);
    },
  });
  return new Response(body, { headers: { "content-type": "text/event-stream", "cache-control": "no-cache", "x-accel-buffering": "no" } });
}

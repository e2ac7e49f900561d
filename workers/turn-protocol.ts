/**
 * @module workers/turn-protocol
 * What the Worker asks the session Durable Object (a TurnRequest) and what the DO streams back: one JSON
 * event per line. /query (JSON or SSE) and the A2A executor both read the same stream.
 */
import type { LoopEvent } from "./loop";
import type { TraceInfo } from "./trace";
import type { Env } from "./env";

export interface TurnRequest {
  sessionId: string;
  query: string;
  context?: unknown;
  hop: number;
  trace: TraceInfo;
  /** Agent that sent this request, when it came from a peer. */
  caller?: string;
}

export interface TurnUsage {
  input_tokens: number;
  output_tokens: number;
}

export interface TurnDone {
  type: "done";
  response: string;
  session_id: string;
  trace_id: string;
  usage: TurnUsage;
  steps: number;
  stopped?: "max_steps";
}

export interface TurnFailure {
  type: "error";
  /** HTTP status the failure maps to (502 backend, 500 misconfiguration). */
  status: number;
  code: string;
  message: string;
}

export type TurnEvent = LoopEvent | TurnDone | TurnFailure;

export const MAX_SESSION_ID = 256;

export function sessionStub(env: Env, sessionId: string) {
  return env.SESSIONS.get(env.SESSIONS.idFromName(`s:${sessionId}`));
}

/** Starts a turn in the session's Durable Object; the body streams TurnEvents as NDJSON. */
export function startTurn(env: Env, req: TurnRequest, signal?: AbortSignal): Promise<Response> {
  return sessionStub(env, req.sessionId).fetch("http://session/turn", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(req),
    ...(signal ? { signal } : {}),
  });
}

/** Parses an NDJSON turn stream. A stream that ends without `done`/`error` yields a synthetic error. */
export async function* readTurn(response: Response): AsyncGenerator<TurnEvent> {
  if (!response.ok || !response.body) {
    const text = response.body ? await response.text() : "";
    yield { type: "error", status: 500, code: "internal_error", message: `session failed (${response.status}): ${text.slice(0, 500)}` };
    return;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  let finished = false;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line) continue;
      const event = JSON.parse(line) as TurnEvent;
      if (event.type === "done" || event.type === "error") finished = true;
      yield event;
    }
  }
  if (!finished) yield { type: "error", status: 500, code: "internal_error", message: "the session ended the turn without an answer" };
}

/**
 * @module workers/turn
 * One agent turn, run inside the session Durable Object: resolve the module and backend, add the peer tool,
 * run the loop over the session's history and report events. Errors come back as a TurnFailure, never thrown.
 */
import { BackendError, type ChatMessage } from "./backends/backend";
import { createBackend } from "./backends/index";
import type { RuntimeConfig } from "./config";
import type { Env } from "./env";
import { reasonOf } from "./errors";
import { log } from "./log";
import { loopTool, runLoop, type LoopEvent, type LoopTool } from "./loop";
import { peerTool } from "./peers";
import { findModule, moduleNames } from "./registry";
import type { TurnDone, TurnFailure, TurnRequest } from "./turn-protocol";

export interface TurnOutcome {
  final: TurnDone | TurnFailure;
  /** Rows to append to the session history (empty when the turn failed). */
  added: ChatMessage[];
}

export async function runTurn(
  env: Env,
  config: RuntimeConfig,
  req: TurnRequest,
  history: ChatMessage[],
  emit: (event: LoopEvent) => void,
  signal?: AbortSignal,
): Promise<TurnOutcome> {
  const mod = findModule(config.module);
  if (!mod) {
    return fail(500, "config_invalid", `unknown agent module "${config.module}"; this Worker has: ${moduleNames().join(", ") || "(none)"}`);
  }
  try {
    const backend = createBackend(config.backend, env as Record<string, unknown>);
    const tools: LoopTool[] = mod.tools.map(loopTool);
    const peer = peerTool({ env, config, sessionId: req.sessionId, context: req.context, hop: req.hop, trace: req.trace });
    if (peer) tools.push(peer);
    const system = typeof mod.systemPrompt === "function" ? mod.systemPrompt(config.settings) : mod.systemPrompt;
    const user: ChatMessage = { role: "user", content: userContent(req) };
    const result = await runLoop({
      backend,
      system,
      messages: [...history, user],
      tools,
      toolContext: { agent: config.agent, sessionId: req.sessionId, settings: config.settings },
      maxSteps: config.maxSteps,
      llmMs: config.timeouts.llmMs,
      toolMs: config.timeouts.toolMs,
      emit,
      ...(signal ? { signal } : {}),
    });
    const final: TurnDone = {
      type: "done",
      response: result.text,
      session_id: req.sessionId,
      trace_id: req.trace.traceId,
      usage: { input_tokens: result.usage.inputTokens, output_tokens: result.usage.outputTokens },
      steps: result.steps,
      ...(result.stopped ? { stopped: result.stopped } : {}),
    };
    return { final, added: [user, ...result.added] };
  } catch (err) {
    log("error", "turn failed", { agent: config.agent, session_id: req.sessionId, trace_id: req.trace.traceId, error: reasonOf(err) });
    if (err instanceof BackendError) return fail(502, "backend_error", `${err.provider} backend failed: ${err.message}`);
    return fail(500, "internal_error", reasonOf(err));
  }
}

function fail(status: number, code: string, message: string): TurnOutcome {
  return { final: { type: "error", status, code, message }, added: [] };
}

/** The user's text plus the caller's structured context, which the model should see but not confuse with the question. */
function userContent(req: TurnRequest): string {
  const ctx = req.context;
  if (ctx === undefined || ctx === null || (typeof ctx === "object" && Object.keys(ctx).length === 0)) return req.query;
  const rendered = typeof ctx === "string" ? ctx : JSON.stringify(ctx);
  return `${req.query}\n\n[context]\n${rendered}`;
}

/**
 * @module workers/executor
 * The SDK's AgentExecutor for this agent: every A2A message becomes a turn in the session DO named by its
 * contextId, and the turn's events become task events. It MUST publish a `task` first (SDK contract).
 */
import { TaskState } from "@a2a-js/sdk";
import { AgentEvent, type AgentExecutor, type ExecutionEventBus, type RequestContext } from "@a2a-js/sdk/server";
import { agentMessage, textArtifact, textOf } from "./a2a-parts";
import type { Env } from "./env";
import { readTurn, startTurn, type TurnEvent } from "./turn-protocol";
import type { TraceInfo } from "./trace";

/** Per-request facts the Hono adapter puts in the call context's state under this key. */
export const REQUEST_STATE_KEY = "ade";
export interface RequestState {
  hop: number;
  trace: TraceInfo;
  caller?: string;
  /** Keeps the request's I/O context alive for a turn that outlives the response (returnImmediately). */
  waitUntil?: (work: Promise<unknown>) => void;
}

const CANCELLED = Symbol("cancelled");

export class TurnExecutor implements AgentExecutor {
  // Running turns in this isolate, so CancelTask can stop the one it names. Only plain callbacks cross
  // requests: workerd forbids touching another request's I/O objects (its fetch, its AbortSignal).
  private readonly running = new Map<string, { contextId: string; cancel: () => void }>();

  constructor(private readonly env: Env) {}

  async execute(rc: RequestContext, bus: ExecutionEventBus): Promise<void> {
    const { taskId, contextId } = rc;
    const ids = { taskId, contextId };
    const user = rc.userMessage;
    const now = () => new Date().toISOString();
    const status = (state: TaskState, text?: string, metadata?: Record<string, unknown>) =>
      AgentEvent.statusUpdate({
        taskId,
        contextId,
        status: { state, message: text === undefined ? undefined : agentMessage(text, ids, metadata), timestamp: now() },
        metadata: undefined,
      });

    if (!rc.task) {
      bus.publish(
        AgentEvent.task({ id: taskId, contextId, status: { state: TaskState.TASK_STATE_SUBMITTED, message: undefined, timestamp: now() }, artifacts: [], history: [user], metadata: undefined }),
      );
    }
    const query = textOf(user.parts).trim();
    if (!query) {
      bus.publish(status(TaskState.TASK_STATE_REJECTED, "the message has no text to answer"));
      bus.finished();
      return;
    }
    const state = (rc.context.state.get(REQUEST_STATE_KEY) ?? {}) as Partial<RequestState>;
    const ade = (user.metadata?.ade ?? {}) as { hop?: unknown; context?: unknown; caller?: unknown };
    const hop = Math.max(state.hop ?? 0, typeof ade.hop === "number" ? ade.hop : 0);
    const trace = state.trace ?? { traceparent: "", traceId: crypto.randomUUID().replace(/-/g, "") };
    const controller = new AbortController();
    let cancel!: () => void;
    const cancelled = new Promise<typeof CANCELLED>((resolve) => (cancel = () => resolve(CANCELLED)));
    this.running.set(taskId, { contextId, cancel });
    bus.publish(status(TaskState.TASK_STATE_WORKING));
    const work = (async () => {
      try {
        const response = await Promise.race([
          startTurn(this.env, { sessionId: contextId, query, context: ade.context ?? undefined, hop, trace, ...(state.caller ? { caller: state.caller } : {}) }, controller.signal),
          cancelled,
        ]);
        if (response === CANCELLED) return controller.abort();
        const events = readTurn(response);
        for (;;) {
          const next = await Promise.race([events.next(), cancelled]);
          // CancelTask already published CANCELED; stop the turn from this request's own context.
          if (next === CANCELLED) return controller.abort();
          if (next.done) break;
          this.publishTurnEvent(next.value, bus, status, ids);
        }
      } catch (err) {
        bus.publish(status(TaskState.TASK_STATE_FAILED, err instanceof Error ? err.message : String(err)));
      } finally {
        this.running.delete(taskId);
        bus.finished();
      }
    })();
    state.waitUntil?.(work);
    await work;
  }

  private publishTurnEvent(
    event: TurnEvent,
    bus: ExecutionEventBus,
    status: (state: TaskState, text?: string, metadata?: Record<string, unknown>) => ReturnType<typeof AgentEvent.statusUpdate>,
    ids: { taskId: string; contextId: string },
  ): void {
    switch (event.type) {
      case "token":
        return; // Token deltas stay on /query's stream: persisting each as a task update would cost a write per token.
      case "tool_call":
        bus.publish(status(TaskState.TASK_STATE_WORKING, `calling ${event.name}`, { event: "tool_call", name: event.name, arguments: event.arguments }));
        return;
      case "tool_result":
        return;
      case "done":
        bus.publish(AgentEvent.artifactUpdate({ ...ids, artifact: textArtifact(event.response), append: false, lastChunk: true, metadata: undefined }));
        bus.publish(status(TaskState.TASK_STATE_COMPLETED, event.response, { usage: event.usage, trace_id: event.trace_id, steps: event.steps }));
        return;
      case "error":
        bus.publish(status(TaskState.TASK_STATE_FAILED, event.message, { code: event.code }));
        return;
    }
  }

  async cancelTask(taskId: string, bus: ExecutionEventBus): Promise<void> {
    const run = this.running.get(taskId);
    run?.cancel();
    bus.publish(
      AgentEvent.statusUpdate({
        taskId,
        contextId: run?.contextId ?? "",
        status: { state: TaskState.TASK_STATE_CANCELED, message: undefined, timestamp: new Date().toISOString() },
        metadata: undefined,
      }),
    );
  }
}

/**
 * @module workers/task-store
 * The SDK's TaskStore over Durable Objects: a task lives in its session's DO (contextId == session id) and an
 * index DO maps task id → session. `InMemoryTaskStore` from the SDK is the twin for tests that need no workerd.
 */
import { Task } from "@a2a-js/sdk";
import type { ListTasksRequest, ListTasksResponse } from "@a2a-js/sdk";
import type { ServerCallContext, TaskStore } from "@a2a-js/sdk/server";
import type { Env } from "./env";
import { sessionStub } from "./turn-protocol";

const INDEX_NAME = "i:tasks";
/** The store lives as long as the isolate; past this many remembered ids it starts over (a cache, not state). */
const MAX_REMEMBERED = 10_000;
/** Most tasks ListTasks considers without a contextId filter (newest first). */
const LIST_SCAN_LIMIT = 1000;

export class DurableTaskStore implements TaskStore {
  // Tasks saved through this store instance (one request) are found without an index round trip.
  private readonly contexts = new Map<string, string>();

  constructor(private readonly env: Env) {}

  private index() {
    return this.env.SESSIONS.get(this.env.SESSIONS.idFromName(INDEX_NAME));
  }

  async save(task: Task, _context: ServerCallContext): Promise<void> {
    const body = JSON.stringify(Task.toJSON(task));
    const known = this.contexts.get(task.id) === task.contextId;
    this.remember(task.id, task.contextId);
    await Promise.all([
      sessionStub(this.env, task.contextId).saveTask(task.id, body),
      known ? Promise.resolve() : this.index().indexTask(task.id, task.contextId),
    ]);
  }

  async load(taskId: string, _context: ServerCallContext): Promise<Task | undefined> {
    const contextId = this.contexts.get(taskId) ?? (await this.index().lookupTask(taskId));
    if (!contextId) return undefined;
    this.remember(taskId, contextId);
    const body = await sessionStub(this.env, contextId).loadTask(taskId);
    return body ? Task.fromJSON(JSON.parse(body)) : undefined;
  }

  private remember(taskId: string, contextId: string): void {
    if (this.contexts.size >= MAX_REMEMBERED) this.contexts.clear();
    this.contexts.set(taskId, contextId);
  }

  async list(params: ListTasksRequest, _context: ServerCallContext): Promise<ListTasksResponse> {
    let tasks: Task[];
    if (params.contextId) {
      tasks = (await sessionStub(this.env, params.contextId).listTasks()).map((b) => Task.fromJSON(JSON.parse(b)));
    } else {
      const entries = await this.index().indexedTasks(LIST_SCAN_LIMIT);
      const loaded = await Promise.all(entries.map((e) => sessionStub(this.env, e.contextId).loadTask(e.id)));
      tasks = loaded.filter((b): b is string => b !== null).map((b) => Task.fromJSON(JSON.parse(b)));
    }
    return page(tasks, params);
  }
}

/** Filtering, ordering and cursor paging with the same semantics as the SDK's InMemoryTaskStore. */
export function page(all: Task[], params: ListTasksRequest): ListTasksResponse {
  const pageSize = params.pageSize ?? 50;
  let tasks = all;
  if (params.status !== undefined && params.status !== 0) tasks = tasks.filter((t) => t.status?.state === params.status);
  if (params.statusTimestampAfter) {
    const after = new Date(params.statusTimestampAfter).getTime();
    tasks = tasks.filter((t) => t.status?.timestamp && new Date(t.status.timestamp).getTime() > after);
  }
  tasks = [...tasks].sort((a, b) => {
    const ta = a.status?.timestamp ?? "";
    const tb = b.status?.timestamp ?? "";
    return ta !== tb ? tb.localeCompare(ta) : b.id.localeCompare(a.id);
  });
  const totalSize = tasks.length;
  if (params.pageToken) {
    const cursor = decodeCursor(params.pageToken);
    const at = cursor ? tasks.findIndex((t) => (t.status?.timestamp ?? "") === cursor.ts && t.id === cursor.id) : -1;
    tasks = at >= 0 ? tasks.slice(at + 1) : [];
  }
  const pageTasks = tasks.slice(0, pageSize).map((t) => (params.includeArtifacts ? t : { ...t, artifacts: [] }));
  const last = pageTasks[pageTasks.length - 1];
  const nextPageToken = last && tasks.length > pageTasks.length ? btoa(JSON.stringify({ ts: last.status?.timestamp ?? "", id: last.id })) : "";
  return { tasks: pageTasks, nextPageToken, pageSize, totalSize };
}

function decodeCursor(token: string): { ts: string; id: string } | undefined {
  try {
    const v = JSON.parse(atob(token)) as { ts?: unknown; id?: unknown };
    return typeof v.ts === "string" && typeof v.id === "string" ? { ts: v.ts, id: v.id } : undefined;
  } catch {
    return undefined;
  }
}

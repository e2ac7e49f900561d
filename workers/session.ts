/**
 * @module workers/session
 * SessionDO: one SQLite-backed Durable Object per session id (A2A contextId == /query session_id). It owns the
 * history and the session's A2A tasks, and runs turns itself so load → loop → save happens under one queue.
 * A separate instance (`i:tasks`) indexes task ids → session so GetTask/ListTasks find tasks by id alone.
 */
import { DurableObject } from "cloudflare:workers";
import type { ChatMessage } from "./backends/backend";
import { loadConfig, type Env } from "./env";
import { runTurn } from "./turn";
import type { TurnEvent, TurnRequest } from "./turn-protocol";

/** Most history rows replayed to the model; older ones stay stored but unused. */
const HISTORY_WINDOW = 200;

export interface IndexedTask {
  id: string;
  contextId: string;
}

export class SessionDO extends DurableObject<Env> {
  private readonly sql: SqlStorage;
  // Turns are chained on this promise: input gates do not hold across the loop's outgoing fetches.
  private tail: Promise<void> = Promise.resolve();
  /** Trace ids of turns running now, for re-entrant calls from a mesh cycle. */
  private readonly running = new Map<string, number>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    this.sql.exec(`CREATE TABLE IF NOT EXISTS messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, role TEXT NOT NULL, body TEXT NOT NULL, trace_id TEXT, created_at INTEGER NOT NULL)`);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS tasks (id TEXT PRIMARY KEY, body TEXT NOT NULL, updated_at INTEGER NOT NULL)`);
    this.sql.exec(`CREATE TABLE IF NOT EXISTS task_index (id TEXT PRIMARY KEY, context_id TEXT NOT NULL, updated_at INTEGER NOT NULL)`);
  }

  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (request.method !== "POST" || url.pathname !== "/turn") return new Response("not found", { status: 404 });
    const req = (await request.json()) as TurnRequest;
    const stream = new TransformStream<Uint8Array, Uint8Array>();
    const writer = stream.writable.getWriter();
    const encoder = new TextEncoder();
    const send = (event: TurnEvent) => {
      // A client that went away must not stop the turn: its history is still saved.
      writer.write(encoder.encode(`${JSON.stringify(event)}\n`)).catch(() => {});
    };
    const job = () => this.turn(req, send).finally(() => writer.close().catch(() => {}));
    // A request from a peer in the same trace while that trace's turn is running here is a mesh cycle coming
    // back: queueing it would deadlock until the peer timeout, so it runs now (the hop limit ends the cycle).
    if (req.hop > 0 && this.running.has(req.trace.traceId)) void job();
    else this.tail = this.tail.then(job, job);
    return new Response(stream.readable, { headers: { "content-type": "application/x-ndjson" } });
  }

  private async turn(req: TurnRequest, send: (event: TurnEvent) => void): Promise<void> {
    const cfg = loadConfig(this.env);
    if (!cfg.ok) return send({ type: "error", status: 500, code: "config_invalid", message: cfg.message });
    this.running.set(req.trace.traceId, (this.running.get(req.trace.traceId) ?? 0) + 1);
    try {
      this.sql.exec(`INSERT OR IGNORE INTO meta (key, value) VALUES ('session_id', ?)`, req.sessionId);
      const outcome = await runTurn(this.env, cfg.config, req, this.loadHistory(), send);
      const now = Date.now();
      for (const m of outcome.added) {
        this.sql.exec(`INSERT INTO messages (role, body, trace_id, created_at) VALUES (?, ?, ?, ?)`, m.role, JSON.stringify(m), req.trace.traceId, now);
      }
      send(outcome.final);
    } catch (err) {
      send({ type: "error", status: 500, code: "internal_error", message: err instanceof Error ? err.message : String(err) });
    } finally {
      const left = (this.running.get(req.trace.traceId) ?? 1) - 1;
      if (left > 0) this.running.set(req.trace.traceId, left);
      else this.running.delete(req.trace.traceId);
    }
  }

  private loadHistory(): ChatMessage[] {
    const rows = this.sql
      .exec<{ body: string }>(`SELECT body FROM (SELECT seq, body FROM messages ORDER BY seq DESC LIMIT ?) ORDER BY seq ASC`, HISTORY_WINDOW)
      .toArray();
    const messages = rows.map((r) => JSON.parse(r.body) as ChatMessage);
    // A window cut mid-exchange would start with tool rows whose call the model never sees.
    const first = messages.findIndex((m) => m.role === "user");
    return first < 0 ? [] : messages.slice(first);
  }

  /** The stored session: its id and every history row, oldest first. */
  async history(): Promise<{ sessionId: string | null; messages: ChatMessage[] }> {
    const id = this.sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = 'session_id'`).toArray()[0]?.value ?? null;
    const messages = this.sql.exec<{ body: string }>(`SELECT body FROM messages ORDER BY seq ASC`).toArray().map((r) => JSON.parse(r.body) as ChatMessage);
    return { sessionId: id, messages };
  }

  // --- A2A tasks of this session (bodies are the SDK's Task JSON) ---

  async saveTask(id: string, body: string): Promise<void> {
    this.sql.exec(`INSERT OR REPLACE INTO tasks (id, body, updated_at) VALUES (?, ?, ?)`, id, body, Date.now());
  }

  async loadTask(id: string): Promise<string | null> {
    return this.sql.exec<{ body: string }>(`SELECT body FROM tasks WHERE id = ?`, id).toArray()[0]?.body ?? null;
  }

  async listTasks(): Promise<string[]> {
    return this.sql.exec<{ body: string }>(`SELECT body FROM tasks ORDER BY updated_at DESC`).toArray().map((r) => r.body);
  }

  // --- task index (only used on the `i:tasks` instance) ---

  async indexTask(id: string, contextId: string): Promise<void> {
    this.sql.exec(`INSERT OR REPLACE INTO task_index (id, context_id, updated_at) VALUES (?, ?, ?)`, id, contextId, Date.now());
  }

  async lookupTask(id: string): Promise<string | null> {
    return this.sql.exec<{ context_id: string }>(`SELECT context_id FROM task_index WHERE id = ?`, id).toArray()[0]?.context_id ?? null;
  }

  async indexedTasks(limit: number): Promise<IndexedTask[]> {
    return this.sql
      .exec<{ id: string; context_id: string }>(`SELECT id, context_id FROM task_index ORDER BY updated_at DESC LIMIT ?`, limit)
      .toArray()
      .map((r) => ({ id: r.id, contextId: r.context_id }));
  }
}

/**
 * @module workers/app
 * The agent's HTTP surface (Hono): /health, the agent card (three paths), POST /a2a, POST /query and
 * GET /sessions/:id. Config and auth are middleware; errors become JSON in exactly one place (`onError`).
 */
import { Hono } from "hono";
import { routePath } from "hono/route";
import type { AgentModule } from "./agents/agent-module";
import { handleA2A } from "./a2a";
import { buildCard, CARD_PATHS, cardJson } from "./card";
import { CALLER_HEADER, MESH_TOKEN_SECRET, type RuntimeConfig } from "./config";
import { loadConfig, secret, type Env } from "./env";
import { errorResponse, HttpError, toErrorResponse } from "./errors";
import { bearerMatches, readBody } from "./http-guards";
import { log } from "./log";
import { annotateActiveSpan } from "./telemetry";
import { handleQuery } from "./query";
import { findModule } from "./registry";
import { hopFrom, traceFrom } from "./trace";
import { MAX_SESSION_ID, sessionStub } from "./turn-protocol";

type AppEnv = { Bindings: Env; Variables: { config: RuntimeConfig; mod: AgentModule | undefined } };

const OPEN_PATHS = new Set<string>(["/health", ...CARD_PATHS]);
let startedAt: number | undefined;

export function createApp(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // One structured line per request (health checks excepted: pollers would drown the rest).
  app.use("*", async (c, next) => {
    const started = Date.now();
    await next();
    // otel-cf-workers renames the server span to "METHOD <http.route>" when this is set: "POST /a2a".
    annotateActiveSpan("http.route", routePath(c, -1));
    if (c.req.path === "/health") return;
    const status = c.res.status;
    const traceparent = c.req.header("traceparent");
    log(status >= 500 ? "error" : status >= 400 ? "warn" : "info", "request", {
      agent: c.get("config")?.agent,
      method: c.req.method,
      path: c.req.path,
      status,
      duration_ms: Date.now() - started,
      ...(traceparent ? { trace_id: traceparent.split("-")[1] } : {}),
    });
  });

  app.use("*", async (c, next) => {
    startedAt ??= Date.now();
    const cfg = loadConfig(c.env);
    if (!cfg.ok) throw new HttpError(500, "config_invalid", cfg.message);
    c.set("config", cfg.config);
    c.set("mod", findModule(cfg.config.module));
    if (cfg.config.requireToken && !OPEN_PATHS.has(c.req.path)) {
      const token = secret(c.env, MESH_TOKEN_SECRET);
      if (!token) throw new HttpError(500, "config_invalid", `requireToken is set but the ${MESH_TOKEN_SECRET} secret is missing`);
      if (!(await bearerMatches(c.req.header("authorization"), token))) {
        throw new HttpError(401, "unauthorized", "missing or wrong bearer token (Authorization: Bearer <mesh token>)");
      }
    }
    await next();
  });

  app.get("/health", (c) => {
    const config = c.get("config");
    return c.json({ status: "healthy", agent: config.agent, version: config.version, uptime: Math.round((Date.now() - (startedAt ?? Date.now())) / 1000) });
  });

  for (const path of CARD_PATHS) {
    app.get(path, (c) => c.json(cardJson(buildCard(c.get("config"), c.get("mod"), new URL(c.req.url).origin))));
  }

  app.post("/a2a", async (c) => {
    const raw = await readBody(c.req.raw);
    const headers = c.req.raw.headers;
    const caller = headers.get(CALLER_HEADER) ?? undefined;
    const waitUntil = (work: Promise<unknown>) => c.executionCtx.waitUntil(work);
    return handleA2A(c.env, c.get("config"), c.get("mod"), raw, headers, { hop: hopFrom(headers), trace: traceFrom(headers), waitUntil, ...(caller ? { caller } : {}) });
  });

  app.post("/query", async (c) => {
    const raw = await readBody(c.req.raw);
    const headers = c.req.raw.headers;
    const wantsStream = (headers.get("accept") ?? "").includes("text/event-stream");
    return handleQuery(c.env, raw, wantsStream, hopFrom(headers), traceFrom(headers), c.req.raw.signal);
  });

  app.get("/sessions/:id", async (c) => {
    const id = c.req.param("id");
    if (id.length > MAX_SESSION_ID) throw new HttpError(400, "bad_request", `session id is longer than ${MAX_SESSION_ID} characters`);
    const { sessionId, messages } = await sessionStub(c.env, id).history();
    if (sessionId === null) throw new HttpError(404, "not_found", `no session "${id}"`);
    return c.json({ session_id: sessionId, messages });
  });

  app.notFound((c) => errorResponse(404, "not_found", `no route for ${c.req.method} ${c.req.path}`));
  app.onError((err, c) => {
    const res = toErrorResponse(err);
    if (res.status >= 500) log("error", "request failed", { agent: c.get("config")?.agent, path: c.req.path, error: err instanceof Error ? err.message : String(err) });
    return res;
  });
  return app;
}

/**
 * @module deployer/deploy/health
 * An agent is healthy when `/health` says so and its agent card answers. Every request has a timeout.
 */
import { setTimeout as delay } from "node:timers/promises";

export type Health = { state: "healthy"; uptime?: number } | { state: "unhealthy"; reason: string } | { state: "unreachable"; reason: string };

export async function checkHealth(url: string, timeoutMs = 3000, token?: string): Promise<Health> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  try {
    const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(timeoutMs), headers });
    const body = (await res.json().catch(() => ({}))) as { status?: string; uptime?: number; error?: { message?: string } };
    if (!res.ok || body.status !== "healthy") return { state: "unhealthy", reason: `/health answered ${res.status}${body.error?.message ? `: ${body.error.message}` : ""}` };
    const card = await fetch(`${url}/.well-known/agent-card.json`, { signal: AbortSignal.timeout(timeoutMs), headers });
    await card.body?.cancel();
    if (!card.ok) return { state: "unhealthy", reason: `agent card answered ${card.status}` };
    return { state: "healthy", ...(typeof body.uptime === "number" ? { uptime: body.uptime } : {}) };
  } catch (err) {
    return { state: "unreachable", reason: (err as Error).name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : ((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message) };
  }
}

/** Polls until healthy, up to `retries` more tries `intervalMs` apart. */
export async function waitHealthy(url: string, opts: { intervalMs: number; retries: number; timeoutMs: number; token?: string; signal?: AbortSignal }): Promise<Health> {
  let last: Health = { state: "unreachable", reason: "not checked" };
  for (let i = 0; i <= opts.retries && !opts.signal?.aborted; i++) {
    last = await checkHealth(url, opts.timeoutMs, opts.token);
    if (last.state === "healthy") return last;
    // An abort (Ctrl-C) ends the wait at once; the loop then stops.
    await delay(opts.intervalMs, undefined, opts.signal ? { signal: opts.signal } : {}).catch(() => undefined);
  }
  return last;
}

/**
 * @module deployer/deploy/query
 * Sends a question to a running deployment's entry agent (or a named one) over `POST /query`, as JSON or as
 * a stream of SSE events. Adds the deployment's bearer token when the agent requires it.
 */
import { UserError } from "../errors";
import type { DeploymentRecord } from "../state";

export interface QueryAnswer {
  agent: string;
  response: string;
  session_id: string;
  trace_id?: string;
  usage?: { input_tokens: number; output_tokens: number };
}

export type QueryEvent = { event: string; data: Record<string, unknown> };

export function agentUrl(record: DeploymentRecord, agent?: string): { agent: string; url: string } {
  const name = agent ?? record.entryPoint ?? record.stages.at(-1)?.[0];
  const group = record.groups.find((g) => name && g.urls[name]);
  if (!name || !group) throw new UserError(`no agent "${agent ?? "?"}" in ${record.id}; agents: ${record.groups.flatMap((g) => g.agents).join(", ")}`);
  return { agent: name, url: group.urls[name]! };
}

export async function sendQuery(
  record: DeploymentRecord,
  opts: { query: string; agent?: string; session?: string; timeoutMs?: number; onEvent?: (e: QueryEvent) => void },
): Promise<QueryAnswer> {
  const { agent, url } = agentUrl(record, opts.agent);
  const headers: Record<string, string> = { "content-type": "application/json", ...(record.meshToken ? { authorization: `Bearer ${record.meshToken}` } : {}) };
  if (opts.onEvent) headers.accept = "text/event-stream";
  let res: Response;
  try {
    res = await fetch(`${url}/query`, {
      method: "POST",
      headers,
      body: JSON.stringify({ query: opts.query, ...(opts.session ? { session_id: opts.session } : {}) }),
      signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000),
    });
  } catch (err) {
    throw new UserError(`${agent} at ${url} did not answer: ${(err as Error).name === "TimeoutError" ? "timed out" : ((err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message)}; check \`ade status ${record.job}\``);
  }
  if (!opts.onEvent) {
    const body = (await res.json().catch(() => ({}))) as QueryAnswer & { error?: { message?: string } };
    if (!res.ok) throw new UserError(`${agent} answered ${res.status}: ${body.error?.message ?? "no details"}`);
    return { ...body, agent };
  }
  let done: QueryAnswer | undefined;
  for await (const e of readSse(res)) {
    opts.onEvent(e);
    if (e.event === "done") done = { ...(e.data as unknown as QueryAnswer), agent };
    if (e.event === "error") throw new UserError(`${agent} failed: ${String((e.data.error as { message?: string })?.message ?? "unknown error")}`);
  }
  if (!done) throw new UserError(`${agent} closed the stream without an answer (status ${res.status})`);
  return done;
}

async function* readSse(res: Response): AsyncGenerator<QueryEvent> {
  if (!res.body) return;
  const decoder = new TextDecoder();
  let buffer = "";
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      const event = /^event: (.*)$/m.exec(frame)?.[1] ?? "message";
      const data = /^data: (.*)$/m.exec(frame)?.[1];
      if (data) yield { event, data: JSON.parse(data) as Record<string, unknown> };
    }
  }
}

/**
 * @module deployer/deploy/sample-query
 * A question worth trying on a freshly started mesh, taken from the agent cards' skill examples: the entry
 * point's own, or, for the generic controller (whose examples assume peers it may not have), its first peer's.
 */
import type { JobModel } from "../job/model";
import type { DeploymentRecord } from "../state";

const CARD_TIMEOUT_MS = 2000;

/** The first skill example on the card at `url`, or undefined if the card has none or does not answer. */
async function firstExample(url: string, token?: string): Promise<string | undefined> {
  try {
    const res = await fetch(`${url}/.well-known/agent-card.json`, {
      signal: AbortSignal.timeout(CARD_TIMEOUT_MS),
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
    if (!res.ok) return undefined;
    const card = (await res.json()) as { skills?: { examples?: unknown[] }[] };
    const example = card.skills?.flatMap((s) => s.examples ?? []).find((e): e is string => typeof e === "string" && e.trim() !== "");
    // Examples are written with "\n" spelled out; on a command line they read best on one line.
    return example?.replace(/\\n|\n/g, " ").replace(/\s+/g, " ").trim();
  } catch {
    return undefined;
  }
}

export async function sampleQuery(model: JobModel, record: DeploymentRecord): Promise<string | undefined> {
  const entry = model.agents.find((a) => a.id === record.entryPoint);
  if (!entry) return undefined;
  const urlOf = (id: string) => record.groups.find((g) => g.urls[id])?.urls[id];
  const peers = model.edges.filter((e) => e.from === entry.id).map((e) => e.to);
  const routerOnly = entry.module.kind === "builtin" && entry.module.name === "controller";
  const order = routerOnly && peers.length ? peers : [entry.id];
  for (const id of order) {
    const url = urlOf(id);
    const example = url ? await firstExample(url, record.meshToken) : undefined;
    if (example) return example;
  }
  return undefined;
}

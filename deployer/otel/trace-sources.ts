/**
 * @module deployer/otel/trace-sources
 * All the spans of a deployment, wherever its runners recorded them: the local receiver's file, and the files
 * the runners on SSH hosts keep (read over SSH). One query's spans come from both when it crossed targets.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { adeHome } from "../paths";
import { findDeployment, type DeploymentRecord } from "../state";
import { targetFor } from "../targets/index";
import { readSpans, resolveTraceFile } from "./trace-file";
import { parseSpanLines, type SpanRecord } from "./span-record";

export interface TraceSources {
  /** The local NDJSON file (or, for a deployment with none, where it would be). */
  file: string;
  spans: SpanRecord[];
  /** Hosts whose recorded spans were read, and those that could not be. */
  remote: { group: string; spans: number; error?: string }[];
}

/** `id`: an NDJSON file, a deployment id or a job name (see resolveTraceFile for files alone). */
export async function loadTraceSources(id: string, cwd = process.cwd()): Promise<TraceSources> {
  const deployment = id.endsWith(".ndjson") ? undefined : await findDeployment(adeHome(cwd), id).catch(() => undefined);
  const withRemote = deployment?.groups.some((g) => g.kind === "remote");
  if (!deployment || !withRemote) {
    const file = await resolveTraceFile(id, cwd);
    return { file, spans: await readSpans(file), remote: [] };
  }
  const file = join(adeHome(cwd), "traces", `${deployment.id}.ndjson`);
  const spans = existsSync(file) ? await readSpans(file) : [];
  const remote = await readRemote(deployment);
  for (const r of remote) spans.push(...r.spans);
  return { file, spans, remote: remote.map(({ spans: s, ...r }) => ({ ...r, spans: s.length })) };
}

async function readRemote(d: DeploymentRecord): Promise<{ group: string; spans: SpanRecord[]; error?: string }[]> {
  const out = [];
  for (const g of d.groups) {
    const target = await targetFor(g.kind);
    if (!target.recordedSpans) continue;
    try {
      out.push({ group: g.key, spans: parseSpanLines(await target.recordedSpans(g)) });
    } catch (err) {
      out.push({ group: g.key, spans: [], error: (err as Error).message });
    }
  }
  return out;
}

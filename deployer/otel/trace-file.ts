/**
 * @module deployer/otel/trace-file
 * Finds and reads a deployment's recorded spans: `ade trace ID` accepts an NDJSON path, a deployment id
 * (`.ade/traces/<id>.ndjson`) or a job name (the newest trace file whose spans name that job).
 */
import { existsSync } from "node:fs";
import { open, readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { UserError } from "../errors";
import { adeHome } from "../paths";
import { parseSpanLines, type SpanRecord } from "./span-record";

/** The NDJSON file `id` names; a UserError that lists what was tried when there is none. */
export async function resolveTraceFile(id: string, cwd: string = process.cwd()): Promise<string> {
  const asPath = resolve(cwd, id);
  if ((id.includes("/") || id.endsWith(".ndjson")) && existsSync(asPath)) return asPath;
  const dir = join(adeHome(cwd), "traces");
  const byDeployment = join(dir, `${id}.ndjson`);
  if (existsSync(byDeployment)) return byDeployment;
  const byJob = await newestFileOfJob(dir, id);
  if (byJob) return byJob;
  throw new UserError(
    `no traces for "${id}": it is not an NDJSON file, not a deployment id with ${byDeployment}, and no file in ${dir} has spans of a job named "${id}". ` +
      "Start the job with tracing on (local runs record to .ade/traces/), or pass the path of an NDJSON span file.",
  );
}

export async function readSpans(file: string): Promise<SpanRecord[]> {
  return parseSpanLines(await readFile(file, "utf8"));
}

async function newestFileOfJob(dir: string, job: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".ndjson"));
  } catch {
    return undefined;
  }
  let best: { file: string; mtime: number } | undefined;
  for (const name of names) {
    const file = join(dir, name);
    const first = parseSpanLines(await firstLine(file))[0];
    if (!first || (first.resource["ade.job"] !== job && first.resource["service.namespace"] !== job)) continue;
    const mtime = (await stat(file)).mtimeMs;
    if (!best || mtime > best.mtime) best = { file, mtime };
  }
  return best?.file;
}

/** The first line only: trace files grow without bound and every line of one names the same job. */
async function firstLine(file: string): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buf = Buffer.alloc(64 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead).toString("utf8").split("\n")[0] ?? "";
  } finally {
    await handle.close();
  }
}

/** The spans of the trace whose id is `traceId` or starts with it (at least 4 hex digits). */
export function selectTrace(spans: SpanRecord[], traceId: string, file: string): SpanRecord[] {
  const wanted = traceId.trim().toLowerCase();
  if (!/^[0-9a-f]{4,32}$/.test(wanted)) throw new UserError(`"${traceId}" is not a trace id (4 to 32 hex digits); run \`ade trace <id>\` to list the traces`);
  const ids = [...new Set(spans.map((s) => s.traceId).filter((id) => id.startsWith(wanted)))];
  if (ids.length === 0) throw new UserError(`no trace ${traceId} in ${file}; run \`ade trace <id>\` without a trace id to list the recorded ones`);
  if (ids.length > 1) throw new UserError(`trace id prefix ${traceId} matches ${ids.length} traces (${ids.slice(0, 5).join(", ")}); give more digits`);
  return spans.filter((s) => s.traceId === ids[0]);
}

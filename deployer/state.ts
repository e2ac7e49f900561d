/**
 * @module deployer/state
 * `.ade/deployments/<id>.json`: what runs where, so that status, query, logs and stop work from any later
 * command, and stop leaves no orphans. Written atomically (temp file + rename).
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "./errors";
import type { GroupRecord } from "./targets/target";

export type DeploymentStatus = "starting" | "running" | "stopped" | "failed";

export interface DeploymentRecord {
  id: string;
  job: string;
  file: string;
  status: DeploymentStatus;
  startedAt: string;
  stoppedAt?: string;
  /** Hash of the whole build: same hash = nothing to do on a second start. */
  buildHash: string;
  entryPoint?: string;
  /** Plan order, callees first (stop runs it backwards). */
  stages: string[][];
  groups: GroupRecord[];
  /** Per-deployment bearer token for cross-target calls (0600 file). */
  meshToken?: string;
  traceFile?: string;
  restarts: Record<string, number>;
}

export function deploymentsDir(home: string): string {
  return join(home, "deployments");
}

export function newDeploymentId(job: string, now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${job}-${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}-${p(now.getHours())}${p(now.getMinutes())}${p(now.getSeconds())}`;
}

export async function saveDeployment(home: string, record: DeploymentRecord): Promise<void> {
  const dir = deploymentsDir(home);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${record.id}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(record, null, 2) + "\n", { mode: 0o600 });
  await rename(tmp, file);
}

export async function listDeployments(home: string): Promise<DeploymentRecord[]> {
  let names: string[];
  try {
    names = await readdir(deploymentsDir(home));
  } catch {
    return [];
  }
  const out: DeploymentRecord[] = [];
  for (const n of names.filter((x) => x.endsWith(".json"))) {
    try {
      out.push(JSON.parse(await readFile(join(deploymentsDir(home), n), "utf8")) as DeploymentRecord);
    } catch {
      /* a half-written or foreign file is not a deployment */
    }
  }
  return out.sort((a, b) => b.startedAt.localeCompare(a.startedAt));
}

export async function removeDeployment(home: string, id: string): Promise<void> {
  await rm(join(deploymentsDir(home), `${id}.json`), { force: true });
}

/**
 * Finds a deployment by id, job name or job file (the seed demanded the exact id). A job name or file picks
 * its newest deployment, preferring one that is running.
 */
export async function findDeployment(home: string, ref: string | undefined): Promise<DeploymentRecord> {
  const all = await listDeployments(home);
  if (all.length === 0) throw new UserError("no deployments yet; start one with `ade start JOB.yaml`");
  if (!ref) {
    const running = all.filter((d) => d.status === "running");
    if (running.length === 1) return running[0]!;
    throw new UserError(`say which deployment: ${all.slice(0, 5).map((d) => d.id).join(", ")}${all.length > 5 ? ", …" : ""}`);
  }
  const exact = all.find((d) => d.id === ref);
  if (exact) return exact;
  const matches = all.filter((d) => d.job === ref || d.file === ref || d.file.endsWith(`/${ref}`) || ref.endsWith(`/${d.file}`));
  const pick = matches.find((d) => d.status === "running") ?? matches[0];
  if (pick) return pick;
  throw new UserError(`no deployment "${ref}"; \`ade list\` shows them (ids, job names and job files all work)`);
}

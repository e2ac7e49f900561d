/**
 * @module deployer/job-lock
 * One command at a time changes a job's deployment: `start` and `stop` hold a lock file per job
 * (`.ade/locks/<job>.lock`, created exclusively). A lock whose process is gone (Ctrl-C, a crash) is taken over.
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { UserError } from "./errors";
import { slug } from "./job/model";
import { isAlive } from "./targets/process";

interface Holder {
  pid: number;
  command: string;
  since: string;
}

/** Locks this process holds: a second command in the same process must wait its turn like any other. */
const held = new Set<string>();

export function lockFile(home: string, job: string): string {
  return join(home, "locks", `${slug(job)}.lock`);
}

async function holderOf(file: string): Promise<Holder | undefined> {
  try {
    const h = JSON.parse(await readFile(file, "utf8")) as Partial<Holder>;
    return typeof h.pid === "number" ? { pid: h.pid, command: String(h.command ?? "?"), since: String(h.since ?? "?") } : undefined;
  } catch {
    return undefined;
  }
}

/** Whoever holds `file` right now: a command of this process, or another process that is still alive. */
async function activeHolder(file: string): Promise<Holder | undefined> {
  const holder = await holderOf(file);
  if (held.has(file)) return holder ?? { pid: process.pid, command: "?", since: "?" };
  return holder && holder.pid !== process.pid && isAlive(holder.pid) ? holder : undefined;
}

/** The error for a job that another command is working on right now, or undefined when none is. */
export async function busyError(home: string, job: string): Promise<UserError | undefined> {
  const holder = await activeHolder(lockFile(home, job));
  return holder && busy(job, holder);
}

function busy(job: string, h: Holder): UserError {
  return new UserError(`\`ade ${h.command}\` (pid ${h.pid}) is already working on job "${job}" since ${h.since}; wait for it to finish, then run this again`);
}

export async function withJobLock<T>(home: string, job: string, command: string, work: () => Promise<T>): Promise<T> {
  const file = lockFile(home, job);
  await mkdir(join(home, "locks"), { recursive: true });
  const me: Holder = { pid: process.pid, command, since: new Date().toISOString() };
  for (let attempt = 0; ; attempt++) {
    if (held.has(file)) throw busy(job, (await activeHolder(file))!);
    try {
      await writeFile(file, JSON.stringify(me), { flag: "wx", mode: 0o600 });
      held.add(file);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = await activeHolder(file);
      if (holder) throw busy(job, holder);
      // Left by a process that is gone (or unreadable): take it over, once.
      if (attempt > 0) throw new UserError(`cannot take the lock ${file}; remove it if no other \`ade\` is running`);
      await rm(file, { force: true });
    }
  }
  try {
    return await work();
  } finally {
    held.delete(file);
    await rm(file, { force: true });
  }
}

/**
 * @module deployer/targets/local
 * The `localhost` target: every local agent of a job in ONE workerd (one runner process), peers wired by
 * service bindings, each agent also on its own loopback port. Sessions persist under `.ade/state/<job>/`.
 */
import { spawn } from "node:child_process";
import { closeSync, fstatSync, openSync } from "node:fs";
import { mkdir, open, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InterruptedError, UserError } from "../../errors";
import { bundleRunner } from "../../runtime/bundle-runner";
import { READY_MARKER, restartsIn, supervisorFile, type RunnerSpec } from "../../runtime/runner-spec";
import { readLogFile } from "../log-lines";
import { isPortFree } from "../ports";
import { isAlive, stopProcessGroup } from "../process";
import type { GroupRecord, GroupSpec, Target, TargetContext } from "../target";

export const localTarget: Target = {
  kind: "localhost",

  async start(group: GroupSpec, ctx: TargetContext, previous?: GroupRecord): Promise<GroupRecord> {
    // One workerd holds every local agent: a change anywhere means a new runner (sessions persist on disk).
    if (previous?.pid) await stopProcessGroup(previous.pid);
    for (const a of group.agents) {
      const port = a.agent.port!;
      if (!(await isPortFree(port))) {
        throw new UserError(`agent "${a.agent.id}": port ${port} on 127.0.0.1 is already in use; stop whatever holds it (\`ss -ltnp 'sport = :${port}'\`) or change config.port in the job`);
      }
    }
    const runner = await bundleRunner();
    const runDir = join(ctx.home, "run", ctx.deploymentId);
    await mkdir(runDir, { recursive: true });
    await mkdir(ctx.logDir, { recursive: true });
    const ownBackend = group.agents.some((a) => a.runtime.otel?.endpoint);
    const spec: RunnerSpec = {
      deploymentId: ctx.deploymentId,
      ...(ownBackend ? {} : { traceFile: join(ctx.home, "traces", `${ctx.deploymentId}.ndjson`) }),
      host: "127.0.0.1",
      persistDir: ctx.stateDir,
      agents: group.agents.map((a) => ({
        id: a.agent.id,
        workerName: a.agent.workerName,
        config: a.runtime,
        port: a.agent.port!,
        scriptPath: a.bundle.path,
        secretNames: Object.keys(group.secrets).filter((k) => a.agent.secrets.includes(k) || k === "ADE_MESH_TOKEN"),
        vars: a.agent.vars,
      })),
    };
    const specPath = join(runDir, "local-spec.json");
    await writeFile(specPath, JSON.stringify(spec, null, 2), { mode: 0o600 });
    const logFile = join(ctx.logDir, "local.log");
    const fd = openSync(logFile, "a");
    // The log is appended to across restarts: the ready check reads only what this runner writes.
    const logStart = fstatSync(fd).size;
    // Detached: the runner leads its own process group, so stop() can take workerd down with it and Ctrl-C
    // reaches only the CLI, which then stops the mesh cleanly.
    const child = spawn(process.execPath, [runner, specPath], {
      detached: true,
      stdio: ["ignore", fd, fd],
      env: { ...process.env, ...group.secrets },
    });
    closeSync(fd);
    child.unref();
    const pid = child.pid!;
    const record: GroupRecord = {
      key: group.key,
      kind: "localhost",
      agents: group.agents.map((a) => a.agent.id),
      pid,
      logFile,
      urls: Object.fromEntries(group.agents.map((a) => [a.agent.id, a.planned.url])),
      fingerprints: Object.fromEntries(group.agents.map((a) => [a.agent.id, a.fingerprint])),
      meta: { supervisorFile: supervisorFile(specPath) },
    };
    await ctx.onSpawned?.(record);
    await waitReady(logFile, logStart, pid, ctx.progress, group.agents[0]!.agent.id, ctx.signal);
    return record;
  },

  async stop(record, ctx) {
    if (record.pid) await stopProcessGroup(record.pid, ctx.force ? 0 : undefined);
  },

  async isRunning(record) {
    return record.pid !== undefined && isAlive(record.pid);
  },

  async runtimeState(record) {
    const running = record.pid !== undefined && isAlive(record.pid);
    const file = record.meta?.supervisorFile;
    if (!running || typeof file !== "string") return { running, crashRestarts: 0 };
    return { running, crashRestarts: restartsIn(await readFile(file, "utf8").catch(() => "")) };
  },

  async logs(record, opts, write) {
    if (record.logFile) await readLogFile(record.logFile, opts, write);
  },
};

/** The text of `file` from byte `offset` on ("" when it cannot be read). */
async function readFrom(file: string, offset: number): Promise<string> {
  const handle = await open(file, "r").catch(() => undefined);
  if (!handle) return "";
  try {
    const { size } = await handle.stat();
    const buf = Buffer.alloc(Math.max(0, size - offset));
    await handle.read(buf, 0, buf.length, offset);
    return buf.toString("utf8");
  } finally {
    await handle.close();
  }
}

/** Resolves when the runner prints its ready line; rejects with the log tail when it exits first. */
async function waitReady(logFile: string, from: number, pid: number, progress: TargetContext["progress"], first: string, signal?: AbortSignal, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  progress(first, "starting workerd");
  for (;;) {
    if (signal?.aborted) {
      await stopProcessGroup(pid);
      throw new InterruptedError();
    }
    const log = await readFrom(logFile, from);
    const marker = log.lastIndexOf(READY_MARKER);
    if (marker >= 0 && log.slice(marker).includes(`"pid":${pid}`)) return;
    if (!isAlive(pid)) {
      const tail = log.trim().split("\n").slice(-8).join("\n");
      throw new UserError(`the local runtime exited during start-up (log: ${logFile}):\n${tail}`);
    }
    if (Date.now() > deadline) {
      await stopProcessGroup(pid);
      throw new UserError(`the local runtime did not come up within ${timeoutMs / 1000}s (log: ${logFile})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

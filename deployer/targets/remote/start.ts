/**
 * @module deployer/targets/remote/start
 * `start` for an SSH group: verify the host, ensure Node + miniflare there, upload runner, bundles, spec and a
 * 0600 secrets file, start the runner detached and wait for its ready line. Re-running with the same spec
 * finds the runner already up and returns it untouched.
 */
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InterruptedError, UserError } from "../../errors";
import { bundleRunner } from "../../runtime/bundle-runner";
import type { RunnerSpec } from "../../runtime/runner-spec";
import { MESH_TOKEN_SECRET } from "../../../workers/config";
import type { GroupRecord, GroupSpec, TargetContext } from "../target";
import { isLoopback, resolveEndpoint, type RemoteTargetSpec, type SshEndpoint } from "./endpoint";
import { checkNode, ensureRuntime, pinnedMiniflare } from "./install";
import { absoluteWorkdir, layoutOf, secretsEnv, sq, type RemoteLayout } from "./layout";
import type { RemoteMeta } from "./meta";
import { isRunnerAlive, launchRunner, stopRunner, waitForReady } from "./process";
import { putData, putFile, readData, remoteHashes } from "./sftp";
import { connectSsh, type SshSession } from "./ssh";

/** What runner.json on the host says about the runner it started. */
interface RunnerState {
  pid: number;
  deploymentId: string;
  specHash: string;
  startedAt: string;
}

const READY_TIMEOUT_MS = 90_000;
const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

export async function startRemoteGroup(group: GroupSpec, ctx: TargetContext): Promise<GroupRecord> {
  const first = group.agents[0];
  if (!first) throw new UserError(`group ${group.key} has no agents`);
  const say = (msg: string) => ctx.progress(first.agent.id, msg);
  const ep = resolveEndpoint(sameTarget(group));
  const timings: Record<string, number> = {};
  const t0 = Date.now();
  say(`connecting to ${ep.user}@${ep.hostName}:${ep.port}`);
  const ssh = await connectSsh(ep);
  timings.connectMs = Date.now() - t0;
  const tmp = await mkdtemp(join(tmpdir(), "ade-remote-"));
  try {
    const home = (await ssh.exec(`printf %s "$HOME"`, { timeoutMs: 15_000 })).stdout.trim();
    const layout = layoutOf(absoluteWorkdir(ep.workdir, home || "/"));
    const runnerLocal = await bundleRunner(join(tmp, "ade-runner.mjs"));
    const runnerHash = sha256(await readFile(runnerLocal));
    const spec = runnerSpec(group, ctx, ep, layout);
    const secrets = secretsEnv(group.secrets);
    const fingerprints = group.agents.map((a) => `${a.agent.id}:${a.fingerprint}`);
    const specHash = sha256(JSON.stringify({ spec, fingerprints, runnerHash, miniflare: pinnedMiniflare(), node: ep.node ?? "node" }));
    const traceFile = spec.traceFile;
    const record = (pid: number | undefined, reused: boolean): GroupRecord => recordOf(group, ep, layout, { pid, specHash, timings, reused, ...(traceFile ? { traceFile } : {}) });

    if (ctx.dryRun) {
      await checkNode(ssh, ep.node);
      return record(undefined, false);
    }

    // Same spec, same secrets, still alive: this group is already deployed; do not start a second runner.
    const prev = parseState(await readData(ssh, layout.state));
    if (prev) {
      if (await isRunnerAlive(ssh, prev.pid, layout.runner)) {
        if (prev.specHash === specHash && (await readData(ssh, layout.secrets)) === secrets) {
          say(`already running (pid ${prev.pid} on ${ep.hostName})`);
          timings.totalMs = Date.now() - t0;
          return record(prev.pid, true);
        }
        say(`configuration changed: stopping runner pid ${prev.pid}`);
      }
      // Also when the runner is gone: one killed outright may have left its workerd holding the ports.
      await stopRunner(ssh, prev.pid, layout.runner);
    }

    let t = Date.now();
    say(`checking Node.js and miniflare on ${ep.hostName}`);
    await checkNode(ssh, ep.node);
    const { installed } = await ensureRuntime(ssh, layout, ep.node);
    timings[installed ? "installMs" : "installCheckMs"] = Date.now() - t;

    t = Date.now();
    say(`uploading ${group.agents.length} bundle(s) to ${layout.workdir}`);
    await upload(ssh, layout, group, runnerLocal, runnerHash, spec, secrets);
    timings.uploadMs = Date.now() - t;

    t = Date.now();
    say("starting the runner");
    const shellPid = await launchRunner(ssh, layout, ep.node);
    await ctx.onSpawned?.(record(shellPid, false));
    const ready = await untilAborted(waitForReady(ssh, layout, shellPid, READY_TIMEOUT_MS), ctx.signal, () => stopRunner(ssh, shellPid, layout.runner));
    timings.startMs = Date.now() - t;
    const state: RunnerState = { pid: ready.pid, deploymentId: ctx.deploymentId, specHash, startedAt: new Date().toISOString() };
    await putData(ssh, layout.state, JSON.stringify(state, null, 2) + "\n", 0o600);
    timings.totalMs = Date.now() - t0;
    return record(ready.pid, false);
  } finally {
    ssh.close();
    await rm(tmp, { recursive: true, force: true });
  }
}

/** `work`, unless the user interrupts first: then `cleanup` runs and the start fails as interrupted. */
async function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, cleanup: () => Promise<unknown>): Promise<T> {
  if (!signal) return work;
  let onAbort!: () => void;
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => reject(new InterruptedError());
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } catch (err) {
    if (signal.aborted) {
      work.catch(() => undefined);
      await cleanup().catch(() => undefined);
    }
    throw err;
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

/** One runner per host/user/port means one workdir, node and key for all of its agents. */
function sameTarget(group: GroupSpec): RemoteTargetSpec {
  const targets = group.agents.map((a) => a.agent.target);
  const t = targets[0];
  if (t?.kind !== "remote") throw new UserError(`group ${group.key} is not an SSH group`);
  for (const [i, other] of targets.entries()) {
    if (other.kind !== "remote") throw new UserError(`group ${group.key} mixes targets`);
    for (const field of ["workdir", "node", "sshKey", "knownHosts", "hostKey"] as const) {
      if (other[field] !== t[field]) {
        throw new UserError(`agents "${group.agents[0]!.agent.id}" and "${group.agents[i]!.agent.id}" run on ${group.key} but differ in "${field}"; agents on one SSH host share one runner, so give them the same value`);
      }
    }
  }
  return t;
}

function runnerSpec(group: GroupSpec, ctx: TargetContext, ep: SshEndpoint, layout: RemoteLayout): RunnerSpec {
  // Spans stay on the host unless the job names its own OTLP backend; `ade trace` fetches them over SSH.
  const traceFile = group.agents.some((a) => a.runtime.otel?.endpoint) ? undefined : layout.traces(ctx.deploymentId);
  return {
    deploymentId: ctx.deploymentId,
    ...(traceFile ? { traceFile } : {}),
    // A loopback SSH host is this machine: do not expose the agents on every interface.
    host: isLoopback(ep.hostName) ? "127.0.0.1" : "0.0.0.0",
    persistDir: layout.persist,
    agents: group.agents.map((a) => {
      const port = a.planned.port ?? a.agent.port;
      if (port === undefined) throw new UserError(`agent "${a.agent.id}" on ${group.key} needs config.port`);
      return {
        id: a.agent.id,
        workerName: a.agent.workerName,
        config: a.runtime,
        port,
        scriptPath: layout.bundle(a.agent.id),
        secretNames: Object.keys(group.secrets).filter((k) => a.agent.secrets.includes(k) || k === MESH_TOKEN_SECRET),
        vars: a.agent.vars,
      };
    }),
  };
}

async function upload(ssh: SshSession, layout: RemoteLayout, group: GroupSpec, runnerLocal: string, runnerHash: string, spec: RunnerSpec, secrets: string): Promise<void> {
  const dirs = [layout.logs, layout.persist, ...group.agents.map((a) => layout.bundle(a.agent.id).replace(/\/worker\.js$/, ""))];
  // -m 700 applies only to a workdir we create: an existing shared folder keeps its mode.
  const mk = await ssh.exec(`mkdir -p -m 700 ${sq(layout.workdir)} && mkdir -p ${dirs.map(sq).join(" ")}`, { timeoutMs: 15_000 });
  if (mk.code !== 0) throw new UserError(`cannot create ${layout.workdir} on ${ssh.endpoint.hostName}: ${mk.stderr.trim()}`);
  // Unchanged files (same sha256 there) are not sent again: a restart after a config change stays quick.
  const files = [{ local: runnerLocal, remote: layout.runner, hash: runnerHash }, ...group.agents.map((a) => ({ local: a.bundle.path, remote: layout.bundle(a.agent.id), hash: a.bundle.hash }))];
  const have = await remoteHashes(ssh, files.map((f) => f.remote));
  for (const f of files) if (have.get(f.remote) !== f.hash) await putFile(ssh, f.local, f.remote, 0o644);
  await putData(ssh, layout.spec, JSON.stringify(spec, null, 2) + "\n", 0o600);
  await putData(ssh, layout.secrets, secrets, 0o600);
}

function parseState(text: string | undefined): RunnerState | undefined {
  if (!text) return undefined;
  try {
    const s = JSON.parse(text) as Partial<RunnerState>;
    return typeof s.pid === "number" && s.pid > 1 && typeof s.specHash === "string" ? (s as RunnerState) : undefined;
  } catch {
    return undefined;
  }
}

function recordOf(group: GroupSpec, ep: SshEndpoint, layout: RemoteLayout, r: { pid: number | undefined; specHash: string; timings: Record<string, number>; reused: boolean; traceFile?: string }): GroupRecord {
  const meta: RemoteMeta = { ssh: ep, workdir: layout.workdir, runner: layout.runner, specHash: r.specHash, timings: r.timings, reused: r.reused, ...(r.traceFile ? { traceFile: r.traceFile } : {}) };
  return {
    key: group.key,
    kind: "remote",
    agents: group.agents.map((a) => a.agent.id),
    ...(r.pid !== undefined ? { pid: r.pid } : {}),
    logFile: layout.logFile,
    urls: Object.fromEntries(group.agents.map((a) => [a.agent.id, urlOf(a.planned.url, ep)])),
    fingerprints: Object.fromEntries(group.agents.map((a) => [a.agent.id, a.fingerprint])),
    meta: meta as unknown as Record<string, unknown>,
  };
}

/** An ~/.ssh/config alias is not a DNS name: callers reach the agent at the alias's HostName. */
function urlOf(planned: string, ep: SshEndpoint): string {
  if (ep.hostName === ep.host) return planned;
  const u = new URL(planned);
  u.hostname = ep.hostName;
  return u.toString().replace(/\/$/, "");
}

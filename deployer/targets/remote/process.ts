/**
 * @module deployer/targets/remote/process
 * The runner process on the SSH host: start it detached in its own session, wait for its ready line, check and
 * stop it by its REMOTE pid. Every pid here is only ever signalled through the SSH session, never locally.
 */
import { posix } from "node:path";
import { UserError } from "../../errors";
import { READY_MARKER, restartsIn } from "../../runtime/runner-spec";
import type { RuntimeState } from "../target";
import { nodeCommand } from "./install";
import { sq, type RemoteLayout } from "./layout";
import type { SshSession } from "./ssh";

/** sh functions: is the pid alive, and is it really our runner (not a pid reused after a reboot)? */
function probeFns(pid: number, runner: string): string {
  return [
    `P=${pid}`,
    // A zombie still answers kill -0 (a container's PID 1 may never reap it): treat state Z as gone.
    `alive() { kill -0 "$P" 2>/dev/null || return 1; [ ! -r /proc/$P/stat ] || [ "$(sed 's/^.*) //' /proc/$P/stat | cut -c1)" != Z ]; }`,
    `ours() { if [ -r /proc/$P/cmdline ]; then tr '\\0' ' ' < /proc/$P/cmdline | grep -qF -- ${sq(runner)}; else ps -o args= -p "$P" 2>/dev/null | grep -qF -- ${sq(runner)}; fi; }`,
  ].join("\n");
}

export async function isRunnerAlive(ssh: SshSession, pid: number, runner: string): Promise<boolean> {
  const r = await ssh.exec(`${probeFns(pid, runner)}\nif alive && ours; then echo RUNNING; else echo GONE; fi`, { timeoutMs: 15_000 });
  return r.stdout.includes("RUNNING");
}

/** Alive and ours, and the restart count its supervisor keeps in `supervisorFile`: one command on the host. */
export async function runnerState(ssh: SshSession, pid: number, runner: string, supervisorFile: string): Promise<RuntimeState> {
  const r = await ssh.exec(`${probeFns(pid, runner)}\nif alive && ours; then echo RUNNING; cat ${sq(supervisorFile)} 2>/dev/null; else echo GONE; fi`, { timeoutMs: 15_000 });
  const [first = "", ...rest] = r.stdout.split("\n");
  const running = first.trim() === "RUNNING";
  return { running, crashRestarts: running ? restartsIn(rest.join("\n")) : 0 };
}

/**
 * Starts the runner detached (setsid: own process group, survives the SSH session), secrets only through the
 * environment from the 0600 file. Returns the pid the shell saw; the ready line's pid is authoritative.
 */
export async function launchRunner(ssh: SshSession, layout: RemoteLayout, node: string | undefined): Promise<number> {
  const script = [
    `cd ${sq(layout.workdir)}`,
    `mkdir -p ${sq(layout.logs)}`,
    // Keep the previous run's log for post-mortems; the ready check must only see this run.
    `if [ -f ${sq(layout.logFile)} ]; then mv -f ${sq(layout.logFile)} ${sq(layout.logFile + ".1")}; fi`,
    `set -a && . ./secrets.env && set +a`,
    `S=; command -v setsid >/dev/null 2>&1 && S=setsid`,
    `$S nohup ${nodeCommand(node)} ${sq(layout.runner)} ${sq(layout.spec)} > ${sq(layout.logFile)} 2>&1 < /dev/null &`,
    `echo "PID $!"`,
  ].join("\n");
  const r = await ssh.exec(script, { timeoutMs: 30_000 });
  const pid = Number(/PID (\d+)/.exec(r.stdout)?.[1]);
  if (r.code !== 0 || !pid) throw new UserError(`starting the runner on ${ssh.endpoint.hostName} failed (exit ${r.code}): ${(r.stderr || r.stdout).trim().slice(0, 500)}`);
  return pid;
}

export interface ReadyInfo {
  pid: number;
  urls: Record<string, string>;
}

/**
 * Waits ON THE HOST (one command, 0.1 s checks, no round trip per poll) until the log shows the ready line or
 * the process died; a dead process or the deadline fails with the log tail.
 */
export async function waitForReady(ssh: SshSession, layout: RemoteLayout, shellPid: number, timeoutMs: number): Promise<ReadyInfo> {
  const ticks = Math.ceil(timeoutMs / 100);
  const script = [
    probeFns(shellPid, layout.runner),
    `i=0; while [ $i -lt ${ticks} ]; do`,
    `  L=$(grep -a ${sq(READY_MARKER)} ${sq(layout.logFile)} 2>/dev/null | tail -n 1)`,
    `  if [ -n "$L" ]; then echo "$L"; exit 0; fi`,
    `  if ! alive; then echo STATE=dead; exit 0; fi`,
    `  sleep 0.1; i=$((i+1))`,
    `done`,
    `echo STATE=timeout`,
  ].join("\n");
  const r = await ssh.exec(script, { timeoutMs: timeoutMs + 15_000 });
  const ready = new RegExp(`${READY_MARKER} (\\{.*\\})`).exec(r.stdout);
  if (ready) {
    const info = JSON.parse(ready[1]!) as Partial<ReadyInfo>;
    return { pid: typeof info.pid === "number" ? info.pid : shellPid, urls: info.urls ?? {} };
  }
  if (r.stdout.includes("STATE=dead")) {
    throw new UserError(`the runner on ${ssh.endpoint.hostName} exited before it was ready. Log (${layout.logFile}):\n${await logTail(ssh, layout.logFile)}`);
  }
  await stopRunner(ssh, shellPid, layout.runner);
  throw new UserError(`the runner on ${ssh.endpoint.hostName} was not ready after ${Math.round(timeoutMs / 1000)}s (stopped it). Log (${layout.logFile}):\n${await logTail(ssh, layout.logFile)}`);
}

export async function logTail(ssh: SshSession, file: string, lines = 30): Promise<string> {
  const r = await ssh.exec(`tail -n ${lines} ${sq(file)} 2>&1`, { timeoutMs: 15_000 });
  return r.stdout.trim() || "(empty)";
}

/**
 * TERM the remote pid, wait up to 10 s, then KILL its process group (workerd included). Succeeds when the pid is
 * already gone or now belongs to something else.
 */
export async function stopRunner(ssh: SshSession, pid: number, runner: string, opts: { force?: boolean } = {}): Promise<"stopped" | "killed" | "gone"> {
  const script = [
    probeFns(pid, runner),
    // A runner killed outright leaves its workerd in its process group, holding the agents' ports: members of
    // group $P whose command runs from this workdir's runtime are ours, whatever became of the runner.
    `orphans() { for d in /proc/[0-9]*; do [ "$(sed 's/^.*) //' "$d/stat" 2>/dev/null | cut -d' ' -f3)" = "$P" ] && tr '\\0' ' ' < "$d/cmdline" 2>/dev/null | grep -qF -- ${sq(posix.dirname(runner))} && echo "\${d#/proc/}"; done; }`,
    `if ! alive || ! ours; then if [ -n "$(orphans)" ]; then kill -KILL -- "-$P" 2>/dev/null; echo RESULT=killed; else echo RESULT=gone; fi; exit 0; fi`,
    // --force: no SIGTERM and no grace period, straight to SIGKILL of the group below.
    opts.force ? `:` : `kill -TERM "$P" 2>/dev/null`,
    `i=0; while ${opts.force ? "false" : "alive"} && [ $i -lt 40 ]; do sleep 0.25; i=$((i+1)); done`,
    `R=stopped; if alive; then kill -KILL -- "-$P" 2>/dev/null || kill -KILL "$P" 2>/dev/null; R=killed; fi`,
    // A workerd left behind by a killed runner would keep the agents' ports: it shares the runner's group.
    `kill -KILL -- "-$P" 2>/dev/null`,
    `j=0; while alive && [ $j -lt 20 ]; do sleep 0.1; j=$((j+1)); done`,
    `echo RESULT=$R`,
  ].join("\n");
  const r = await ssh.exec(script, { timeoutMs: 30_000 });
  const result = /RESULT=(\w+)/.exec(r.stdout)?.[1];
  if (result !== "stopped" && result !== "killed" && result !== "gone") {
    throw new UserError(`stopping runner pid ${pid} on ${ssh.endpoint.hostName} failed: ${(r.stderr || r.stdout).trim().slice(0, 300)}`);
  }
  return result;
}

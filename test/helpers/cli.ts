/** Runs the real `ade` binary (bin/ade.js) as a child process, the way a user's shell does. */
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "./mesh";

export const ADE_BIN = join(ROOT, "bin/ade.js");

export interface CliRun {
  child: ChildProcess;
  /** Everything printed so far on stdout and stderr. */
  output(): { stdout: string; stderr: string };
  /** Resolves with the exit code (or the signal's name) once the process ends. */
  exited: Promise<number | string>;
}

export function startCli(args: string[], env: Record<string, string> = {}): CliRun {
  const child = spawn(process.execPath, [ADE_BIN, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: "1", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, output: () => ({ stdout, stderr }), exited };
}

/** Runs `ade ARGS` to the end (killed after `timeoutMs`). */
export async function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 60_000): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const run = startCli(args, env);
  const timer = setTimeout(() => run.child.kill("SIGKILL"), timeoutMs);
  const code = await run.exited;
  clearTimeout(timer);
  return { code, ...run.output() };
}

/** Waits until the child's combined output matches `pattern`. */
export async function waitForOutput(run: CliRun, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(run.output().stdout + run.output().stderr)) {
    if (Date.now() > deadline) throw new Error(`no ${pattern} in the output within ${timeoutMs} ms:\n${run.output().stdout}\n${run.output().stderr}`);
    if (run.child.exitCode !== null) throw new Error(`ade exited (${run.child.exitCode}) before printing ${pattern}:\n${run.output().stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

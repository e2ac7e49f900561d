/** Process helpers for tests that break a running mesh on purpose (Linux: reads /proc). */
import { readdirSync } from "node:fs";
import { isAlive, procStat } from "../../deployer/targets/process";

/** Child processes of `pid` (a runner's workerd). */
export function childrenOf(pid: number): number[] {
  return readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((child) => procStat(child)?.ppid === pid);
}

/** Polls `probe` until it returns a value (not undefined) or the time is up. */
export async function until<T>(probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}

/** True when `pid` has exited: no such process, or a zombie its parent has not reaped yet. */
export function hasExited(pid: number): boolean {
  return !isAlive(pid);
}

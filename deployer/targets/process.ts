/**
 * @module deployer/targets/process
 * Local process helpers: is a pid alive, stop a process group (TERM, then KILL after a grace period).
 */
import { readFileSync } from "node:fs";

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
  // A zombie still answers kill(0) until its parent reaps it (a container's PID 1 may take its time, or never).
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  return procStat(pid)?.state === "Z";
}

/** State, parent and process group of `pid` from /proc (Linux); undefined elsewhere or when it is gone. */
export function procStat(pid: number): { state: string; ppid: number; pgrp: number } | undefined {
  try {
    // After "pid (comm) " — comm may hold spaces and parentheses — come state, ppid, pgrp.
    const [state, ppid, pgrp] = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
    return { state: state!, ppid: Number(ppid), pgrp: Number(pgrp) };
  } catch {
    return undefined;
  }
}

/** Whether any process of the group `pgid` is left (the leader may be gone while workerd lives on). */
export function isGroupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Stops the process group led by `pid` (runners are spawned detached, so workerd dies with them). A runner
 * killed outright leaves its workerd behind in the group, still holding the ports: the group is signalled
 * even when its leader is gone.
 */
export async function stopProcessGroup(pid: number, graceMs = 10_000): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-pid, sig);
    } catch {
      try {
        process.kill(pid, sig);
      } catch {
        /* already gone */
      }
    }
  };
  const anyLeft = () => isAlive(pid) || isGroupAlive(pid);
  if (!anyLeft()) return;
  signal("SIGTERM");
  const deadline = Date.now() + graceMs;
  while (anyLeft() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (anyLeft()) signal("SIGKILL");
  const killDeadline = Date.now() + 5000;
  while (anyLeft() && Date.now() < killDeadline) await new Promise((r) => setTimeout(r, 50));
}

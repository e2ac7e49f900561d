/**
 * @module deployer/targets/process
 * Local process helpers: is a pid alive, stop a process group (TERM, then KILL after a grace period).
 */

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Stops the process group led by `pid` (runners are spawned detached, so workerd dies with them). */
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
  if (!isAlive(pid)) return;
  signal("SIGTERM");
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) signal("SIGKILL");
  // Children of the group (workerd) may outlive the leader by a moment.
  signal("SIGKILL");
  while (isAlive(pid)) await new Promise((r) => setTimeout(r, 50));
}

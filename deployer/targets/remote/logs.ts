/**
 * @module deployer/targets/remote/logs
 * The runner log on the SSH host: `tail -n N`, or `tail -F` until the caller's signal aborts. Agents log JSON
 * lines with an "agent" field; with an agent filter only theirs pass, without one every line (runner's too).
 */
import { lineMatchesAgent as matchesAgent } from "../log-lines";
import type { LogOptions } from "../target";
import { sq } from "./layout";
import type { SshSession } from "./ssh";

export async function streamRemoteLog(ssh: SshSession, logFile: string, opts: LogOptions, write: (line: string) => void): Promise<void> {
  // With a filter the last N lines OF THAT AGENT are wanted, so read more and cut after filtering.
  const n = opts.tail ?? 200;
  const read = opts.agent ? Math.max(n * 20, 2_000) : n;
  const emit = (line: string) => {
    if (line && matchesAgent(line, opts.agent)) write(line);
  };
  if (!opts.follow) {
    const r = await ssh.exec(`tail -n ${read} ${sq(logFile)} 2>/dev/null || echo "(no log at ${logFile.replace(/["$`\\]/g, "")} yet)"`, { timeoutMs: 30_000 });
    const lines = r.stdout.split("\n").filter((l) => l && (matchesAgent(l, opts.agent) || l.startsWith("(no log at")));
    for (const l of lines.slice(-n)) write(l);
    return;
  }
  if (opts.signal?.aborted) return;
  // tail -F survives the log being rotated by the next start; `cat` returns when we close stdin on abort,
  // and then the remote tail is killed instead of lingering until its next write.
  const script = `tail -n ${read} -F ${sq(logFile)} 2>/dev/null & T=$!\ncat >/dev/null\nkill $T 2>/dev/null`;
  await ssh.exec(script, { timeoutMs: 2_147_000_000, onLine: emit, ...(opts.signal ? { signal: opts.signal } : {}) });
}

/**
 * @module deployer/targets/log-lines
 * Agents log JSON lines with an "agent" field; the runner's own lines have none. Filtering and following a
 * log file are the same for every target that has a local file.
 */
import { open, stat } from "node:fs/promises";

export function lineMatchesAgent(line: string, agent: string | undefined): boolean {
  if (!agent) return true;
  const start = line.indexOf("{");
  if (start < 0) return false;
  try {
    const parsed = JSON.parse(line.slice(start)) as { agent?: unknown };
    return parsed.agent === agent;
  } catch {
    return line.includes(`"agent":"${agent}"`);
  }
}

export async function readLogFile(
  path: string,
  opts: { agent?: string; tail?: number; follow?: boolean; signal?: AbortSignal },
  write: (line: string) => void,
): Promise<void> {
  let size = 0;
  let text = "";
  try {
    const handle = await open(path, "r");
    text = (await handle.readFile()).toString("utf8");
    size = Buffer.byteLength(text);
    await handle.close();
  } catch {
    write(`(no log at ${path} yet)`);
  }
  const lines = text.split("\n").filter((l) => l && lineMatchesAgent(l, opts.agent));
  for (const l of opts.tail ? lines.slice(-opts.tail) : lines) write(l);
  if (!opts.follow) return;
  let partial = "";
  while (!opts.signal?.aborted) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await stat(path).catch(() => undefined);
    if (!now || now.size <= size) continue;
    const handle = await open(path, "r");
    const buf = Buffer.alloc(now.size - size);
    await handle.read(buf, 0, buf.length, size);
    await handle.close();
    size = now.size;
    const chunk = partial + buf.toString("utf8");
    const parts = chunk.split("\n");
    partial = parts.pop() ?? "";
    for (const l of parts) if (l && lineMatchesAgent(l, opts.agent)) write(l);
  }
}

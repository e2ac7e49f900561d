/**
 * @module bench/mesh
 * The local 11-agent mesh under load: time from `start` to all healthy, RSS of the whole mesh, and 100
 * concurrent queries through the controller with an LLM that answers after a fixed delay (the fake Anthropic
 * server). Each query is three LLM turns (controller → weather → controller); the ideal per-query time is what
 * one query takes alone on the idle mesh (≈ 3 × delay plus the engine's own time).
 */
import { mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import start from "../deployer/cli/commands/start";
import stop from "../deployer/cli/commands/stop";
import { sendQuery } from "../deployer/deploy/query";
import { findDeployment } from "../deployer/state";
import { startFakeAnthropic } from "../test/fakes/anthropic-server";

const LATENCY_MS = 200;
const QUERIES = 100;

async function rssOfTree(pid: number): Promise<number> {
  const children = new Map<number, number[]>();
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let total = 0;
  for (const stack = [pid]; stack.length; ) {
    const p = stack.pop()!;
    const status = await readFile(`/proc/${p}/status`, "utf8").catch(() => "");
    total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    stack.push(...(children.get(p) ?? []));
  }
  return total;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function runMeshBench(): Promise<void> {
  const llm = await startFakeAnthropic({
    latencyMs: LATENCY_MS,
    chunkDelayMs: 0,
    script: (body: { tools?: Array<{ name: string }>; messages: unknown[] }) => {
      const hub = body.tools?.some((t) => t.name === "query_agent");
      const answered = JSON.stringify(body.messages).includes("tool_result");
      if (hub && !answered) return { toolCalls: [{ name: "query_agent", arguments: { agent: "weather", query: "weather in Tokyo" } }] };
      return { text: hub ? "It is 22°C and partly cloudy in Tokyo." : "Tokyo: 22°C, partly cloudy." };
    },
  });
  const home = await mkdtemp(join(tmpdir(), "ade-bench-"));
  process.env.ADE_HOME = home;
  process.env.ANTHROPIC_API_KEY = "sk-bench-not-real";
  const job = join(home, "large-mesh.yaml");
  await writeFile(job, (await readFile("jobs/large-mesh.yaml", "utf8")).replace("backend:\n  type: offline", `backend:\n  type: anthropic\n  base_url: ${llm.url}`));
  try {
    const t0 = performance.now();
    await start.run([job], { detach: true, json: true });
    const startMs = performance.now() - t0;
    const record = await findDeployment(home, "large-mesh");
    const rss = await rssOfTree(record.groups[0]!.pid!);

    await sendQuery(record, { query: "warm-up", session: "warm" });
    const s0 = performance.now();
    await sendQuery(record, { query: "What's the weather in Tokyo?", session: "alone" });
    const ideal = performance.now() - s0;
    const latencies: number[] = [];
    let errors = 0;
    const t1 = performance.now();
    await Promise.all(
      Array.from({ length: QUERIES }, async (_, i) => {
        const q0 = performance.now();
        try {
          await sendQuery(record, { query: "What's the weather in Tokyo?", session: `bench-${i}` });
          latencies.push(performance.now() - q0);
        } catch {
          errors++;
        }
      }),
    );
    const total = performance.now() - t1;
    const sorted = latencies.sort((a, b) => a - b);
    console.log(`mesh: local large-mesh (11 agents, one workerd), LLM delay ${LATENCY_MS} ms per turn`);
    console.log(`  start → all healthy        ${(startMs / 1000).toFixed(1)} s`);
    console.log(`  RSS of the mesh            ${(rss / 1024 / 1024).toFixed(0)} MiB (runner + workerd)`);
    console.log(`  ${QUERIES} concurrent queries    total ${total.toFixed(0)} ms, errors ${errors}`);
    console.log(`  per query                  p50 ${pct(sorted, 50).toFixed(0)} ms, p99 ${pct(sorted, 99).toFixed(0)} ms (one query alone: ${ideal.toFixed(0)} ms)`);
    console.log(`  engine overhead            ${(pct(sorted, 50) / ideal).toFixed(2)}× at p50, ${(total / ideal).toFixed(2)}× for the batch`);
    console.log(`  LLM requests served        ${llm.requests.length}`);
  } finally {
    await stop.run(["large-mesh"], {}).catch(() => undefined);
    await llm.close();
  }
}

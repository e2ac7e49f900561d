/**
 * @module deployer/runtime/runner
 * A mesh runner: one process, one workerd, every agent of a target group, until SIGTERM/SIGINT. `ade start`
 * spawns it locally and over SSH on remote hosts (bundled to a single .mjs that only needs `miniflare`).
 * SIGHUP re-reads the spec and reloads in place (state persists); a workerd that dies is started again
 * (./supervisor). Usage: node runner.mjs SPEC.json
 */
import { readFile } from "node:fs/promises";
import { Miniflare } from "miniflare";
import { startTraceReceiver, type TraceReceiver } from "../otel/receiver";
import { meshOptions, type MeshAgent } from "./miniflare-mesh";
import { READY_MARKER, supervisorFile, type RunnerSpec } from "./runner-spec";
import { Supervisor } from "./supervisor";

async function readSpec(path: string): Promise<RunnerSpec> {
  return JSON.parse(await readFile(path, "utf8")) as RunnerSpec;
}

function optionsOf(spec: RunnerSpec, traces?: TraceReceiver) {
  const agents: MeshAgent[] = spec.agents.map((a) => {
    const secrets: Record<string, string> = { ...(a.vars ?? {}) };
    for (const name of a.secretNames) {
      const value = process.env[name];
      if (value !== undefined) secrets[name] = value;
    }
    // The local receiver stands in for an OTLP backend the job did not name.
    const config = traces ? { ...a.config, otel: { ...a.config.otel, enabled: true, endpoint: traces.url } } : a.config;
    return { workerName: a.workerName, config, port: a.port, scriptPath: a.scriptPath, secrets };
  });
  return meshOptions(agents, { persistDir: spec.persistDir, host: spec.host });
}

async function main(): Promise<void> {
  const specPath = process.argv[2];
  if (!specPath) throw new Error("usage: runner SPEC.json");
  let spec = await readSpec(specPath);
  const traces = spec.traceFile ? await startTraceReceiver({ file: spec.traceFile }) : undefined;
  const mf = new Miniflare(optionsOf(spec, traces));
  await mf.ready;
  const urls = Object.fromEntries(spec.agents.map((a) => [a.id, `http://${spec.host === "0.0.0.0" ? "127.0.0.1" : spec.host}:${a.port}`]));
  console.log(`${READY_MARKER} ${JSON.stringify({ pid: process.pid, urls })}`);
  const log = (level: string, msg: string, extra: Record<string, unknown> = {}) =>
    console.log(JSON.stringify({ ts: new Date().toISOString(), level, msg, deployment: spec.deploymentId, ...extra }));

  let stopping = false;
  const stop = async (signal: string, code = 0) => {
    if (stopping) return;
    stopping = true;
    supervisor.stop();
    log("info", `runner stopping on ${signal}`);
    // Bounded: a wedged workerd must not keep the ports.
    const timer = setTimeout(() => process.exit(1), 10_000);
    await mf.dispose().catch(() => undefined);
    await traces?.close().catch(() => undefined);
    clearTimeout(timer);
    process.exit(code);
  };
  const supervisor = new Supervisor({
    host: spec.host === "0.0.0.0" ? "127.0.0.1" : spec.host,
    port: spec.agents[0]!.port,
    restart: () => mf.setOptions(optionsOf(spec, traces)),
    stateFile: supervisorFile(specPath),
    log,
    giveUp: () => void stop("repeated workerd exits", 1),
  });
  supervisor.start();
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGHUP", () => {
    void (async () => {
      spec = await readSpec(specPath);
      await supervisor.pause(() => mf.setOptions(optionsOf(spec, traces)));
      console.log(`${READY_MARKER} ${JSON.stringify({ pid: process.pid, urls, reloaded: true })}`);
    })().catch((err: unknown) => console.error(JSON.stringify({ level: "error", msg: `reload failed: ${(err as Error).message}` })));
  });
}

main().catch((err: unknown) => {
  console.error(JSON.stringify({ level: "error", msg: `runner failed: ${(err as Error)?.message ?? String(err)}` }));
  process.exit(1);
});

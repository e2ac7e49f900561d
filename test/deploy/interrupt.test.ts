// Ctrl-C while `ade start` is bringing a mesh up stops what it started and exits 130; an `ade start` killed
// outright has already recorded its runner, so `ade stop` still finds it. Nothing is left running either way.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listDeployments } from "../../deployer/state";
import { isPortFree } from "../../deployer/targets/ports";
import { isAlive, isGroupAlive } from "../../deployer/targets/process";
import { runCli, startCli, waitForOutput } from "../helpers/cli";

const PORTS = [19681, 19682];
let dir: string;
let env: Record<string, string>;
let file: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ade-interrupt-"));
  env = { ADE_HOME: join(dir, ".ade") };
  file = join(dir, "interrupted.yaml");
  await writeFile(file, `job: {name: interrupted, version: 1.0.0, description: Ctrl-C during start}
backend: {type: offline}
agents:
  - {id: weather, module: weather, config: {port: ${PORTS[0]}}, deployment: {target: localhost}}
  - {id: controller, module: controller, config: {port: ${PORTS[1]}}, deployment: {target: localhost}}
topology: {type: hub-spoke, hub: controller, spokes: [weather]}
`);
});

async function runnerPid(): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const pid = (await listDeployments(env.ADE_HOME!)).find((d) => d.job === "interrupted" && d.status === "starting")?.groups[0]?.pid;
    if (pid) return pid;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("the runner was never recorded");
}

describe("interrupting ade start", () => {
  it("Ctrl-C while the runtime comes up: rolled back, exit 130, ports free", async () => {
    const run = startCli(["start", file], env);
    await waitForOutput(run, /starting workerd/);
    const pid = await runnerPid();
    run.child.kill("SIGINT");
    expect(await run.exited).toBe(130);
    expect(run.output().stderr).toContain("interrupted: stopping what was started");
    expect(isAlive(pid) || isGroupAlive(pid)).toBe(false);
    for (const port of PORTS) expect(await isPortFree(port)).toBe(true);
    const record = (await listDeployments(env.ADE_HOME!)).find((d) => d.job === "interrupted")!;
    expect(record.status).toBe("stopped");
    // The lock went with it: the next start is not refused.
    const again = await runCli(["start", file, "--detach"], env);
    expect(again.code).toBe(0);
    // The seed's short flags: -a agent, -s session, -t timeout, -r the answer alone.
    const asked = await runCli(["query", "interrupted", "weather in Paris", "-a", "weather", "-s", "seed-style", "-t", "30", "-r"], env);
    expect(asked.code).toBe(0);
    expect(asked.stdout).toMatch(/^Paris, France: .*\n$/);
    // stop -f: SIGKILL at once, the seed's --force; nothing is left either.
    const runner = (await listDeployments(env.ADE_HOME!)).find((d) => d.job === "interrupted" && d.status === "running")!.groups[0]!.pid!;
    const forced = await runCli(["stop", "interrupted", "-f"], env);
    expect(forced.code).toBe(0);
    expect(isAlive(runner) || isGroupAlive(runner)).toBe(false);
    for (const port of PORTS) expect(await isPortFree(port)).toBe(true);
  });

  it("an ade start killed outright: stop still finds and stops its runner", async () => {
    const run = startCli(["start", file], env);
    await waitForOutput(run, /starting workerd/);
    const pid = await runnerPid();
    run.child.kill("SIGKILL");
    await run.exited;
    expect(isAlive(pid)).toBe(true);
    const stopped = await runCli(["stop", "interrupted"], env);
    expect(stopped.code).toBe(0);
    expect(isAlive(pid) || isGroupAlive(pid)).toBe(false);
    for (const port of PORTS) expect(await isPortFree(port)).toBe(true);
  });
});

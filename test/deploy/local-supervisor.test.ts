// A workerd that dies under a running mesh (crash, OOM kill, kill -9) is started again by its runner, with the
// sessions it had; `ade status` counts the restart.
import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import list from "../../deployer/cli/commands/list";
import start from "../../deployer/cli/commands/start";
import status from "../../deployer/cli/commands/status";
import stop from "../../deployer/cli/commands/stop";
import { sendQuery } from "../../deployer/deploy/query";
import { isAlive } from "../../deployer/targets/process";
import { childrenOf, until } from "../helpers/processes";

const PORTS = { weather: 19661, controller: 19660 };

afterAll(async () => {
  await stop.run(["supervised"], {}).catch(() => undefined);
});

describe.skipIf(process.platform !== "linux")("a local runner supervising its workerd", () => {
  it("restarts a killed workerd, keeps the sessions and reports the restart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ade-supervise-"));
    process.env.ADE_HOME = join(dir, ".ade");
    const file = join(dir, "supervised.yaml");
    await writeFile(file, `job: {name: supervised, version: 1.0.0, description: crash recovery}
backend: {type: offline}
agents:
  - {id: weather, module: weather, config: {port: ${PORTS.weather}}, deployment: {target: localhost}}
  - {id: controller, module: controller, config: {port: ${PORTS.controller}}, deployment: {target: localhost}}
topology: {type: hub-spoke, hub: controller, spokes: [weather]}
`);
    const started = await start.run([file], { detach: true, json: true });
    const runnerPid = started.deployment.groups[0]!.pid!;
    await sendQuery(started.deployment, { query: "weather in Oslo", session: "kept" });

    const [workerd] = childrenOf(runnerPid);
    expect(workerd).toBeGreaterThan(0);
    process.kill(workerd!, "SIGKILL");
    const down = await until(async () => ((await fetch(`http://127.0.0.1:${PORTS.controller}/health`).catch(() => undefined)) ? undefined : true), 5000);
    expect(down).toBe(true);

    // Back on the same ports, from the same runner, with a new workerd.
    const back = await until(async () => ((await fetch(`http://127.0.0.1:${PORTS.controller}/health`)).ok ? true : undefined), 20_000);
    expect(back).toBe(true);
    expect(childrenOf(runnerPid)).not.toContain(workerd);

    const history = (await (await fetch(`http://127.0.0.1:${PORTS.controller}/sessions/kept`)).json()) as { messages: { content: string }[] };
    expect(JSON.stringify(history)).toContain("weather in Oslo");
    const answer = await sendQuery(started.deployment, { query: "weather in Paris", session: "kept" });
    expect(answer.response).toContain("Paris");

    const view = await status.run(["supervised"], { json: true });
    expect(view.agents.map((a) => [a.id, a.health, a.restarts])).toEqual([
      ["weather", "healthy", 1],
      ["controller", "healthy", 1],
    ]);
    const log = readFileSync(started.deployment.groups[0]!.logFile!, "utf8");
    expect(log).toMatch(/workerd is gone \(port \d+ refused connections\); restarting it \(restart 1\)/);
  });

  it("a runner killed outright: status says its runtime is gone, and start brings the agents back without the orphan", async () => {
    const before = await status.run(["supervised"], { json: true });
    const runnerPid = before.agents[0]!.pid!;
    const [orphan] = childrenOf(runnerPid);
    process.kill(runnerPid, "SIGKILL");
    await until(async () => (isAlive(runnerPid) ? undefined : true), 5000);

    const view = await status.run(["supervised"], { json: true });
    expect(view.agents.map((a) => a.health)).toEqual(["unreachable", "unreachable"]);
    expect(view.agents[0]!.reason).toBe(`its runtime (pid ${runnerPid}) is gone; \`ade logs ${view.id}\` shows why, \`ade start\` brings it back`);
    expect((await list.run([], {})).find((d) => d.id === view.id)?.live).toBe("down");
    const text = status.render(view, {});
    expect(text).toContain(`✗ weather, controller: its runtime (pid ${runnerPid}) is gone`);
    expect(text).toMatch(/0 of 2 agents healthy$/);

    // The workerd the runner left behind still holds the ports; start clears it and starts afresh.
    expect(isAlive(orphan!)).toBe(true);
    const again = await start.run([join(process.env.ADE_HOME!, "..", "supervised.yaml")], { detach: true, json: true });
    expect(again.deployment.id).toBe(view.id);
    expect(again.agents.map((a) => a.state)).toEqual(["healthy", "healthy"]);
    expect(isAlive(orphan!)).toBe(false);
  });
});

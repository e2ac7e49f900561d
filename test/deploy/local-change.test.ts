// Starting a job again after editing it: the changed agent is counted as restarted, the others are not, and
// the mesh comes back healthy with its new configuration.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import start from "../../deployer/cli/commands/start";
import status from "../../deployer/cli/commands/status";
import stop from "../../deployer/cli/commands/stop";
import { isAlive } from "../../deployer/targets/process";

const job = (units: string) => `job: {name: changing, version: 1.0.0, description: edit and start again}
backend: {type: offline}
agents:
  - {id: weather, module: weather, config: {port: 19661, units: ${units}}, deployment: {target: localhost}}
  - {id: hub, module: controller, config: {port: 19660}, deployment: {target: localhost}}
topology: {type: hub-spoke, hub: hub, spokes: [weather]}
`;

afterAll(async () => {
  await stop.run(["changing"], {}).catch(() => undefined);
});

describe("start after a change", () => {
  it("restarts the changed agent's runtime and counts only that agent as restarted", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ade-change-"));
    process.env.ADE_HOME = join(dir, ".ade");
    const file = join(dir, "job.yaml");
    await writeFile(file, job("metric"));
    const first = await start.run([file], { detach: true, json: true });
    const oldPid = first.deployment.groups[0]!.pid!;

    await writeFile(file, job("imperial"));
    const second = await start.run([file], { detach: true, json: true });
    expect(second.noop).toBe(false);
    expect(second.deployment.id).toBe(first.deployment.id);
    expect(second.agents.map((a) => a.state)).toEqual(["healthy", "healthy"]);
    expect(isAlive(oldPid)).toBe(false);
    expect(second.deployment.groups[0]!.pid).not.toBe(oldPid);

    const s = await status.run(["changing"], {});
    expect(Object.fromEntries(s.agents.map((a) => [a.id, a.restarts]))).toEqual({ weather: 1, hub: 0 });
    expect(s.healthy).toBe(2);
  });
});

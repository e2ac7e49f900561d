// What `ade start` does when the machine or the job's own code gets in the way: a port already taken, an agent
// whose module crashes at start. Each case: a clear error naming the culprit, nothing left running.
import { mkdtemp, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import start from "../../deployer/cli/commands/start";
import stop from "../../deployer/cli/commands/stop";
import { listDeployments } from "../../deployer/state";
import { isPortFree } from "../../deployer/targets/ports";

let home: string;
let blocker: Server;

const job = (name: string, second: string) => `job: {name: ${name}, version: 1.0.0, description: failure case}
backend: {type: offline}
agents:
  - {id: weather, module: weather, config: {port: 19611}, deployment: {target: localhost}}
  - {id: other, module: ${second}, config: {port: 19612}, deployment: {target: localhost}}
topology: {type: hub-spoke, hub: other, spokes: [weather]}
`;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "ade-fail-"));
  process.env.ADE_HOME = home;
});

afterAll(() => new Promise<void>((r) => (blocker ? blocker.close(() => r()) : r())));

describe("local start failures", () => {
  it("refuses a port that is already in use, naming the agent, and starts nothing", async () => {
    blocker = createServer();
    await new Promise<void>((r) => blocker.listen(19612, "127.0.0.1", r));
    const file = join(home, "busy.yaml");
    await writeFile(file, job("busy", "controller"));
    await expect(start.run([file], { detach: true, json: true })).rejects.toThrow(/agent "other": port 19612 on 127.0.0.1 is already in use/);
    expect(await isPortFree(19611)).toBe(true);
    const record = (await listDeployments(home)).find((d) => d.job === "busy")!;
    expect(record.status).toBe("failed");
    await new Promise<void>((r) => blocker.close(() => r()));
  });

  it("rolls back when an agent's module crashes at start, and says why", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ade-crash-"));
    await writeFile(join(dir, "crash.ts"), 'throw new Error("boom while loading the agent");\nexport default {};\n');
    const file = join(dir, "crash.yaml");
    await writeFile(file, job("crash", "./crash.ts"));
    const err = (await start.run([file], { detach: true, json: true }).catch((e: unknown) => e)) as Error;
    expect(err.message).toMatch(/boom while loading the agent/);
    expect(err.message).toMatch(/log: .*local\.log/);
    expect(await isPortFree(19611)).toBe(true);
    expect(await isPortFree(19612)).toBe(true);
    expect((await listDeployments(home)).find((d) => d.job === "crash")!.status).toBe("failed");
  });

  it("refuses a second start of a job while the first is still starting it, and a stop in between", async () => {
    const file = join(home, "twice.yaml");
    await writeFile(file, job("twice", "controller"));
    const first = start.run([file], { detach: true, json: true });
    await new Promise((r) => setTimeout(r, 50));
    await expect(start.run([file], { detach: true, json: true })).rejects.toThrow(/`ade start` \(pid \d+\) is already working on job "twice"/);
    await expect(stop.run(["twice"], {})).rejects.toThrow(/`ade start` \(pid \d+\) is already working on job "twice"/);
    const started = await first;
    expect(started.agents.map((a) => a.state)).toEqual(["healthy", "healthy"]);
    expect((await listDeployments(home)).filter((d) => d.job === "twice")).toHaveLength(1);
    const stopped = await stop.run(["twice"], {});
    expect(stopped.stopped).toHaveLength(2);
    expect(await isPortFree(19611)).toBe(true);
  });
});

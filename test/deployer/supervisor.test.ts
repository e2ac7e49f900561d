// The runner's watchdog against a real TCP listener on loopback: a refused port is restarted, a busy one is
// left alone, and restarts that keep failing end in giving up.
import { createServer, type Server } from "node:net";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Supervisor, type SupervisorOptions } from "../../deployer/runtime/supervisor";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

function listen(port = 0): Promise<Server> {
  return new Promise((resolve, reject) => {
    const s = createServer((c) => c.destroy());
    s.once("error", reject);
    s.listen(port, "127.0.0.1", () => {
      servers.push(s);
      resolve(s);
    });
  });
}

const portOf = (s: Server) => (s.address() as { port: number }).port;
const close = (s: Server) => new Promise((r) => s.close(r));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function supervisor(port: number, overrides: Partial<SupervisorOptions> = {}) {
  const lines: string[] = [];
  const stateFile = join(await mkdtemp(join(tmpdir(), "ade-sv-")), "state.json");
  let gaveUp = false;
  const sv = new Supervisor({
    host: "127.0.0.1",
    port,
    stateFile,
    intervalMs: 50,
    restart: async () => undefined,
    log: (level, msg) => lines.push(`${level} ${msg}`),
    giveUp: () => (gaveUp = true),
    ...overrides,
  });
  sv.start();
  return { sv, lines, stateFile, gaveUp: () => gaveUp };
}

describe("runner supervisor", () => {
  it("leaves a listening runtime alone", async () => {
    const server = await listen();
    const { sv, lines } = await supervisor(portOf(server));
    await sleep(400);
    sv.stop();
    expect(sv.state.restarts).toBe(0);
    expect(lines).toEqual([]);
  });

  it("restarts once the port refuses connections, and records the count", async () => {
    const server = await listen();
    const port = portOf(server);
    await close(server);
    const { sv, lines, stateFile } = await supervisor(port, { restart: async () => void (await listen(port)) });
    await sleep(600);
    sv.stop();
    expect(sv.state.restarts).toBe(1);
    expect(lines).toEqual([`warn workerd is gone (port ${port} refused connections); restarting it (restart 1)`]);
    expect(JSON.parse(await readFile(stateFile, "utf8"))).toMatchObject({ restarts: 1, lastReason: `port ${port} refused connections` });
  });

  it("does not count a planned absence (a reload) as a crash", async () => {
    const server = await listen();
    const port = portOf(server);
    const { sv } = await supervisor(port);
    await sv.pause(async () => {
      await close(server);
      await sleep(300);
      await listen(port);
    });
    await sleep(200);
    sv.stop();
    expect(sv.state.restarts).toBe(0);
  });

  it("gives up after too many restarts in the window", async () => {
    const server = await listen();
    const port = portOf(server);
    await close(server);
    const { sv, lines, gaveUp } = await supervisor(port, { maxRestarts: 2 });
    await sleep(1000);
    sv.stop();
    expect(sv.state.restarts).toBe(2);
    expect(gaveUp()).toBe(true);
    expect(lines.at(-1)).toMatch(/^error workerd keeps exiting \(2 restarts in 300s\); giving up$/);
  });
});

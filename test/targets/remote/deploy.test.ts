/**
 * A whole SSH deployment against a real sshd on 127.0.0.1: Node check, miniflare install into the workdir,
 * SFTP upload, the runner started detached, the weather agent answering over HTTP, logs, an idempotent second
 * start, and stop killing the REMOTE pid and freeing the port.
 */
import { readFileSync, statSync } from "node:fs";
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAlive } from "../../../deployer/targets/process";
import { remoteTarget, type RemoteMeta } from "../../../deployer/targets/remote/index";
import type { GroupRecord, GroupSpec } from "../../../deployer/targets/target";
import { postJson } from "../../helpers/mesh";
import { childrenOf, hasExited, until } from "../../helpers/processes";
import { freePort, sshdMissing, startSshd, type Sshd } from "../../helpers/sshd";
import { remoteGroup, testContext } from "./group";

const missing = sshdMissing();
/** Observes the test host only (the target signals pids over SSH); a zombie awaiting its reaper counts as gone. */
const alive = (pid: number) => {
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

describe.skipIf(missing)(`remote target over sshd${missing ? ` (skipped: ${missing})` : ""}`, () => {
  let sshd: Sshd;
  let tmp: string;
  let workdir: string;
  let group: GroupSpec;
  let record: GroupRecord;
  let port: number;
  const progress: string[] = [];
  const SECRET = "s3cret-value-never-in-logs";

  beforeAll(async () => {
    sshd = await startSshd();
    tmp = await mkdtemp(join(tmpdir(), "ade-remote-deploy-"));
    workdir = join(tmp, "work");
    port = await freePort(19300, 19398);
    group = await remoteGroup(sshd, [{ id: "weather", module: "weather", port }, { id: "maps", module: "maps", port: port + 1 }], { workdir }, { ADE_MESH_TOKEN: SECRET });
  });
  afterAll(async () => {
    if (record?.pid) await remoteTarget.stop(record, { home: tmp }).catch(() => undefined);
    await sshd?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it("starts the group: installs, uploads and runs the agent, which answers /health and /query", async () => {
    const t = Date.now();
    record = await remoteTarget.start(group, testContext(tmp, progress));
    const meta = record.meta as unknown as RemoteMeta;
    console.log(`remote start: ${Date.now() - t} ms`, JSON.stringify(meta.timings));
    expect(record).toMatchObject({ kind: "remote", agents: ["weather", "maps"], logFile: join(workdir, "logs/runner.log"), urls: { weather: `http://127.0.0.1:${port}`, maps: `http://127.0.0.1:${port + 1}` } });
    expect(record.pid).toBeGreaterThan(1);
    expect(meta).toMatchObject({ workdir, ssh: { hostName: "127.0.0.1", port: sshd.port, user: sshd.user, keyPath: sshd.clientKey, knownHosts: sshd.knownHosts } });

    const health = await fetch(`${record.urls.weather}/health`, { signal: AbortSignal.timeout(10_000) });
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "healthy", agent: "weather" });
    const maps = await fetch(`${record.urls.maps}/health`, { signal: AbortSignal.timeout(10_000) });
    expect(await maps.json()).toMatchObject({ status: "healthy", agent: "maps" });
    const { status, body } = await postJson(`${record.urls.weather}/query`, { query: "What's the weather in Tokyo?" });
    expect(status).toBe(200);
    expect(body.response).toMatch(/Tokyo/);
    // The agent listens on loopback only: the SSH host is this machine.
    expect(JSON.parse(await readFile(join(workdir, "spec.json"), "utf8")).host).toBe("127.0.0.1");
  }, 300_000); // the first start runs a real npm install of miniflare on the host

  it("writes secrets only to a 0600 file, never into argv, spec or progress", async () => {
    expect(statSync(join(workdir, "secrets.env")).mode & 0o777).toBe(0o600);
    expect(await readFile(join(workdir, "secrets.env"), "utf8")).toBe(`ADE_MESH_TOKEN='${SECRET}'\n`);
    expect(await readFile(join(workdir, "spec.json"), "utf8")).not.toContain(SECRET);
    expect(await readFile(`/proc/${record.pid}/cmdline`, "utf8")).not.toContain(SECRET);
    expect(JSON.stringify(record)).not.toContain(SECRET);
    expect(progress.join("\n")).not.toContain(SECRET);
    expect(statSync(join(workdir, "spec.json")).mode & 0o777).toBe(0o600);
    expect(statSync(join(workdir, "runtime/ade-runner.mjs")).mode & 0o777).toBe(0o644);
  });

  it("logs: the runner's lines, the last N, and one agent's JSON lines", async () => {
    const all: string[] = [];
    await remoteTarget.logs(record, {}, (l) => all.push(l));
    expect(all.some((l) => l.startsWith("ADE_RUNNER_READY"))).toBe(true);
    await appendFile(record.logFile!, `${JSON.stringify({ level: "info", msg: "hello", agent: "weather" })}\n${JSON.stringify({ level: "info", msg: "other", agent: "maps" })}\n`);
    const weather: string[] = [];
    await remoteTarget.logs(record, { agent: "weather" }, (l) => weather.push(l));
    expect(weather.map((l) => JSON.parse(l).msg)).toContain("hello");
    expect(weather.join("\n")).not.toMatch(/ADE_RUNNER_READY|"other"/);
    const last: string[] = [];
    await remoteTarget.logs(record, { tail: 1 }, (l) => last.push(l));
    expect(last).toHaveLength(1);
    expect(JSON.parse(last[0]!).agent).toBe("maps");
  });

  it("a workerd killed on the host is started again by its runner; the count is read over SSH", async () => {
    expect((await remoteTarget.runtimeState!(record)).crashRestarts).toBe(0);
    const [workerd] = childrenOf(record.pid!);
    process.kill(workerd!, "SIGKILL");
    const back = await until(async () => {
      const restarts = (await remoteTarget.runtimeState!(record)).crashRestarts;
      const ok = restarts === 1 && (await fetch(`${record.urls.weather}/health`, { signal: AbortSignal.timeout(2000) })).ok;
      return ok ? true : undefined;
    }, 30_000);
    expect(back).toBe(true);
    expect(await remoteTarget.isRunning(record)).toBe(true);
  }, 60_000);

  it("logs --follow streams new lines until the signal aborts", async () => {
    const seen: string[] = [];
    const ac = new AbortController();
    const following = remoteTarget.logs(record, { follow: true, tail: 1, signal: ac.signal }, (l) => seen.push(l));
    await new Promise((r) => setTimeout(r, 800));
    await appendFile(record.logFile!, `${JSON.stringify({ msg: "followed", agent: "weather" })}\n`);
    const deadline = Date.now() + 10_000;
    while (!seen.some((l) => l.includes("followed")) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    ac.abort();
    await following;
    expect(seen.some((l) => l.includes("followed"))).toBe(true);
  });

  it("a second start with the same spec is a no-op: same pid, no second runner", async () => {
    expect(await remoteTarget.isRunning(record)).toBe(true);
    const t = Date.now();
    const again = await remoteTarget.start(group, testContext(tmp));
    console.log(`remote second start: ${Date.now() - t} ms`);
    expect(again.pid).toBe(record.pid);
    expect((again.meta as unknown as RemoteMeta).reused).toBe(true);
    expect(Date.now() - t).toBeLessThan(10_000);
  });

  it("a changed agent (new fingerprint) replaces the runner: old pid gone, new one healthy", async () => {
    const old = record.pid!;
    const a = group.agents[0]!;
    const changed: GroupSpec = { ...group, agents: [{ ...a, runtime: { ...a.runtime, description: "Weather, revised" }, fingerprint: `${a.fingerprint}-2` }, ...group.agents.slice(1)] };
    record = await remoteTarget.start(changed, testContext(tmp));
    expect(record.pid).not.toBe(old);
    expect(alive(old)).toBe(false);
    const card = await fetch(`${record.urls.weather}/.well-known/agent-card.json`, { signal: AbortSignal.timeout(10_000) });
    expect(((await card.json()) as { description: string }).description).toBe("Weather, revised");
    expect(record.fingerprints.weather).toBe(`${a.fingerprint}-2`);
  });

  it("stop kills the remote pid and frees the port; a second stop is fine", async () => {
    const pid = record.pid!;
    await remoteTarget.stop(record, { home: tmp });
    expect(alive(pid)).toBe(false);
    expect(await remoteTarget.isRunning(record)).toBe(false);
    const bound = await fetch(`${record.urls.weather}/health`, { signal: AbortSignal.timeout(2_000) }).then(() => true, () => false);
    expect(bound).toBe(false);
    expect(await freePort(port, port + 1)).toBe(port);
    expect(await freePort(port + 1, port + 2)).toBe(port + 1);
    await remoteTarget.stop(record, { home: tmp });
  });

  it("starting again after stop brings the agent back (install skipped)", async () => {
    record = await remoteTarget.start(group, testContext(tmp));
    const meta = record.meta as unknown as RemoteMeta;
    console.log("remote restart timings", JSON.stringify(meta.timings));
    expect(meta.timings?.installMs).toBeUndefined();
    expect((await fetch(`${record.urls.weather}/health`, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);
  });

  it("a runner killed outright: its orphaned workerd is cleared by the next start, and by stop", async () => {
    const [orphan] = childrenOf(record.pid!);
    process.kill(record.pid!, "SIGKILL");
    expect(await until(async () => ((await remoteTarget.isRunning(record)) ? undefined : true), 10_000)).toBe(true);
    // The orphan still answers on the agent's port; a new runner could not bind it.
    expect((await fetch(`${record.urls.weather}/health`, { signal: AbortSignal.timeout(5000) })).status).toBe(200);
    record = await remoteTarget.start(group, testContext(tmp));
    expect(isAlive(orphan!)).toBe(false);
    expect((await fetch(`${record.urls.weather}/health`, { signal: AbortSignal.timeout(10_000) })).status).toBe(200);

    const [next] = childrenOf(record.pid!);
    process.kill(record.pid!, "SIGKILL");
    await remoteTarget.stop(record, { home: tmp });
    expect(await until(async () => (isAlive(next!) ? undefined : true), 5000)).toBe(true);
    expect(await fetch(`${record.urls.weather}/health`, { signal: AbortSignal.timeout(2000) }).catch(() => "refused")).toBe("refused");
  }, 120_000);

  it("stop with force kills the runner and its workerd at once, over SSH", async () => {
    record = await remoteTarget.start(group, testContext(tmp));
    const [workerd] = childrenOf(record.pid!);
    await remoteTarget.stop(record, { home: tmp, force: true });
    expect(hasExited(record.pid!)).toBe(true);
    expect(await until(async () => (hasExited(workerd!) ? true : undefined), 5000)).toBe(true);
    expect(await fetch(`${record.urls.weather}/health`, { signal: AbortSignal.timeout(2000) }).catch(() => "refused")).toBe("refused");
  }, 120_000);

  it("a runner that dies before ready fails with its log tail and the log's path", async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(port, "127.0.0.1", r));
    try {
      const changed: GroupSpec = { ...group, agents: group.agents.map((a) => ({ ...a, fingerprint: `${a.fingerprint}-busy` })) };
      const err = await remoteTarget.start(changed, testContext(tmp)).catch((e: unknown) => e as Error);
      expect(err).toBeInstanceOf(Error);
      expect((err as Error).message).toContain(`exited before it was ready. Log (${join(workdir, "logs/runner.log")})`);
      expect((err as Error).message).toMatch(/runner failed|address already in use|EADDRINUSE/i);
    } finally {
      busy.close();
    }
  });
});

/**
 * Connecting to a real sshd on 127.0.0.1: a known key passes; an unknown, changed or mis-pinned key is refused
 * with the server's fingerprint and the fix, and nothing reaches the host; a closed or silent port fails fast.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, readFileSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UserError } from "../../../deployer/errors";
import { resolveEndpoint } from "../../../deployer/targets/remote/endpoint";
import { remoteTarget } from "../../../deployer/targets/remote/index";
import { checkNode } from "../../../deployer/targets/remote/install";
import { connectSsh } from "../../../deployer/targets/remote/ssh";
import { freePort, sshdMissing, startSshd, type Sshd } from "../../helpers/sshd";
import { remoteGroup, testContext } from "./group";

const missing = sshdMissing();

describe.skipIf(missing)(`SSH connection${missing ? ` (skipped: ${missing})` : ""}`, () => {
  let sshd: Sshd;
  let tmp: string;
  beforeAll(async () => {
    sshd = await startSshd();
    tmp = await mkdtemp(join(tmpdir(), "ade-remote-connect-"));
  });
  afterAll(async () => {
    await sshd?.stop();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  const endpoint = (over: { knownHosts?: string; hostKey?: string; port?: number; timeoutSec?: number } = {}) =>
    resolveEndpoint({
      kind: "remote",
      host: "127.0.0.1",
      user: sshd.user,
      sshPort: over.port ?? sshd.port,
      sshKey: sshd.clientKey,
      workdir: join(tmp, "work"),
      knownHosts: over.knownHosts ?? sshd.knownHosts,
      ...(over.hostKey ? { hostKey: over.hostKey } : {}),
      timeoutSec: over.timeoutSec ?? 10,
    });

  it("connects when known_hosts has the key, and runs commands with exit codes", async () => {
    const ssh = await connectSsh(endpoint());
    try {
      const r = await ssh.exec("echo out; echo err >&2; exit 3");
      expect(r).toEqual({ code: 3, stdout: "out\n", stderr: "err\n" });
    } finally {
      ssh.close();
    }
  });

  it("connects when the known_hosts entry is hashed (ssh-keygen -H)", async () => {
    const hashed = join(tmp, "hashed_known_hosts");
    copyFileSync(sshd.knownHosts, hashed);
    execFileSync("ssh-keygen", ["-H", "-f", hashed], { stdio: "ignore" });
    expect(readFileSync(hashed, "utf8")).toMatch(/^\|1\|/);
    const ssh = await connectSsh(endpoint({ knownHosts: hashed }));
    ssh.close();
  });

  it("checks the remote Node: this one passes, a missing or old one is refused with the fix", async () => {
    const old = join(tmp, "node18");
    await writeFile(old, "#!/bin/sh\necho v18.19.0\n");
    await chmod(old, 0o755);
    const ssh = await connectSsh(endpoint());
    try {
      expect(await checkNode(ssh, process.execPath)).toBe(process.version);
      await expect(checkNode(ssh, old)).rejects.toThrow(/Node\.js 20\+ is needed on .*found v18\.19\.0/);
      await expect(checkNode(ssh, join(tmp, "no-such-node"))).rejects.toThrow(/did not run.*set "node: \/path\/to\/node"/);
    } finally {
      ssh.close();
    }
  });

  it("resolves a ~/.ssh/config alias (HostName, Port, User, IdentityFile, UserKnownHostsFile) and connects", async () => {
    const home = join(tmp, "home");
    execFileSync("mkdir", ["-p", join(home, ".ssh")]);
    await writeFile(join(home, ".ssh/config"), `Host testbox\n  HostName 127.0.0.1\n  Port ${sshd.port}\n  User ${sshd.user}\n  IdentityFile ${sshd.clientKey}\n  UserKnownHostsFile ${sshd.knownHosts}\n`);
    const ep = resolveEndpoint({ kind: "remote", host: "testbox", sshPort: 22, workdir: "~/w", timeoutSec: 10 }, { home });
    expect(ep).toMatchObject({ hostName: "127.0.0.1", port: sshd.port, keyPath: sshd.clientKey, knownHosts: sshd.knownHosts });
    const ssh = await connectSsh(ep);
    expect((await ssh.exec("echo ok")).stdout).toBe("ok\n");
    ssh.close();
  });

  it("authenticates through ssh-agent when no key file is given", async () => {
    const sock = join(tmp, "agent.sock");
    const out = execFileSync("ssh-agent", ["-a", sock, "-s"], { encoding: "utf8" });
    const agentPid = Number(/SSH_AGENT_PID=(\d+)/.exec(out)?.[1]);
    const saved = process.env.SSH_AUTH_SOCK;
    try {
      execFileSync("ssh-add", [sshd.clientKey], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: "ignore" });
      process.env.SSH_AUTH_SOCK = sock;
      const { keyPath: _none, ...ep } = endpoint();
      const ssh = await connectSsh(ep);
      expect((await ssh.exec("echo agent")).stdout).toBe("agent\n");
      ssh.close();
    } finally {
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
      if (agentPid) process.kill(agentPid, "SIGTERM"); // the agent this test started, by its pid
    }
  });

  it("connects with a pinned fingerprint instead of known_hosts", async () => {
    const ssh = await connectSsh(endpoint({ hostKey: sshd.fingerprint, knownHosts: join(tmp, "none") }));
    ssh.close();
  });

  it("unknown host key: refused with the fingerprint and the fix, and nothing is uploaded", async () => {
    const empty = join(tmp, "empty_known_hosts");
    await writeFile(empty, "");
    const workdir = join(tmp, "never-created");
    const group = await remoteGroup(sshd, [{ id: "weather", module: "weather", port: 19311 }], { workdir, knownHosts: empty });
    const err = await remoteTarget.start(group, testContext(tmp)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const msg = (err as Error).message;
    expect(msg).toContain(sshd.fingerprint);
    expect(msg).toContain(`ssh-keyscan -p ${sshd.port} 127.0.0.1 >> ${empty}`);
    expect(msg).toContain(`host_key: ${sshd.fingerprint}`);
    expect(msg).toMatch(/not in .*empty_known_hosts.*Nothing was uploaded/s);
    expect(existsSync(workdir)).toBe(false);
  });

  it("changed host key: refused as CHANGED", async () => {
    const wrong = join(tmp, "wrong_known_hosts");
    await writeFile(wrong, `[127.0.0.1]:${sshd.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKc0bW9ja2tleW1vY2trZXltb2Nra2V5bW9ja2tleW1v\n`);
    await expect(connectSsh(endpoint({ knownHosts: wrong }))).rejects.toThrow(/host key CHANGED[\s\S]*SHA256:/);
  });

  it("a pin that does not match is refused", async () => {
    await expect(connectSsh(endpoint({ hostKey: "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" }))).rejects.toThrow(new RegExp(`does not match the pinned host_key[\\s\\S]*${sshd.fingerprint.replace(/[+/]/g, "\\$&")}`));
  });

  it("a closed port fails at once, naming host:port", async () => {
    const port = await freePort(19900, 19990);
    const t = Date.now();
    await expect(connectSsh(endpoint({ port }))).rejects.toThrow(`cannot reach SSH at 127.0.0.1:${port}: connection refused`);
    expect(Date.now() - t).toBeLessThan(2_000);
  });

  it("a port that never speaks SSH times out after timeoutSec, naming host:port", async () => {
    const port = await freePort(19900, 19990);
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(port, "127.0.0.1", r));
    try {
      const t = Date.now();
      await expect(connectSsh(endpoint({ port, timeoutSec: 1 }))).rejects.toThrow(`timed out after 1s connecting to SSH at 127.0.0.1:${port}`);
      expect(Date.now() - t).toBeLessThan(4_000);
    } finally {
      silent.close();
    }
  });

  it("stop and isRunning on an unreachable host fail clearly instead of touching local pids", async () => {
    const port = await freePort(19900, 19990);
    const record = { key: `ssh:u@127.0.0.1:${port}`, kind: "remote" as const, agents: ["a"], pid: process.pid, urls: {}, fingerprints: {}, meta: { ssh: endpoint({ port }), workdir: join(tmp, "w"), runner: "/x/ade-runner.mjs", specHash: "h" } };
    await expect(remoteTarget.stop(record, { home: tmp })).rejects.toThrow(`cannot stop ssh:u@127.0.0.1:${port}: cannot reach SSH at 127.0.0.1:${port}`);
    await expect(remoteTarget.isRunning(record)).rejects.toThrow(/connection refused/);
  });

  it("a key sshd does not accept fails authentication with the fix", async () => {
    const ep = { ...endpoint(), keyPath: join(sshd.dir, "host_ed25519") };
    await expect(connectSsh(ep)).rejects.toThrow(/authentication as ".*" at 127\.0\.0\.1:\d+ failed .*authorized_keys/);
  });
});

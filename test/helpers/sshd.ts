/**
 * Test harness: a real OpenSSH sshd on 127.0.0.1 at a free port, with its own host key, authorized_keys,
 * client key and known_hosts in a temp dir. Foreground (-D -e), stopped by its own pid after the tests.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

export const SSHD = "/usr/sbin/sshd";

/** Why the SSH tests cannot run here, or undefined when they can. */
export function sshdMissing(): string | undefined {
  if (!existsSync(SSHD)) return `${SSHD} not found (apt-get install -y openssh-server)`;
  if (!existsSync("/usr/bin/ssh-keygen")) return "ssh-keygen not found (apt-get install -y openssh-client)";
  if (process.getuid?.() !== 0 && !existsSync("/run/sshd")) return "/run/sshd is missing and only root can create it";
  return undefined;
}

export interface Sshd {
  dir: string;
  port: number;
  user: string;
  clientKey: string;
  /** known_hosts holding this sshd's host key as `[127.0.0.1]:port`. */
  knownHosts: string;
  hostPublicKey: string;
  /** `SHA256:…` of the host key, as ssh-keygen prints it. */
  fingerprint: string;
  /** Captured sshd stderr (for failing tests). */
  log(): string;
  stop(): Promise<void>;
}

/** A free port in [from, to), checked by binding it on 127.0.0.1. */
export async function freePort(from = 19200, to = 19900): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = from + Math.floor(Math.random() * (to - from));
    const ok = await new Promise<boolean>((res) => {
      const s = createServer();
      s.once("error", () => res(false));
      s.listen(port, "127.0.0.1", () => s.close(() => res(true)));
    });
    if (ok) return port;
  }
  throw new Error(`no free port in ${from}-${to}`);
}

function keygen(path: string, type = "ed25519"): void {
  execFileSync("ssh-keygen", ["-q", "-t", type, "-N", "", "-C", "ade-test", "-f", path], { stdio: "ignore" });
}

export async function startSshd(): Promise<Sshd> {
  const dir = await mkdtemp(join(tmpdir(), "ade-sshd-"));
  await mkdir("/run/sshd", { recursive: true, mode: 0o755 }); // privilege separation dir sshd insists on
  keygen(join(dir, "host_ed25519"));
  keygen(join(dir, "client_ed25519"));
  await writeFile(join(dir, "authorized_keys"), await readFile(join(dir, "client_ed25519.pub")), { mode: 0o600 });
  const port = await freePort();
  const config = [
    `Port ${port}`,
    "ListenAddress 127.0.0.1",
    `HostKey ${join(dir, "host_ed25519")}`,
    `PidFile ${join(dir, "sshd.pid")}`,
    `AuthorizedKeysFile ${join(dir, "authorized_keys")}`,
    "PermitRootLogin prohibit-password",
    "PubkeyAuthentication yes",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "UsePAM no",
    "StrictModes no",
    "Subsystem sftp internal-sftp",
    "LogLevel VERBOSE",
    "",
  ].join("\n");
  await writeFile(join(dir, "sshd_config"), config, { mode: 0o600 });
  const hostPublicKey = (await readFile(join(dir, "host_ed25519.pub"), "utf8")).trim();
  const knownHosts = join(dir, "known_hosts");
  await writeFile(knownHosts, `[127.0.0.1]:${port} ${hostPublicKey}\n`, { mode: 0o600 });
  const fingerprint = execFileSync("ssh-keygen", ["-lf", join(dir, "host_ed25519.pub")], { encoding: "utf8" }).split(" ")[1]!;

  const child: ChildProcess = spawn(SSHD, ["-D", "-e", "-f", join(dir, "sshd_config")], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => void (stderr += c.toString()));
  await waitListening(port, child, () => stderr);
  return {
    dir,
    port,
    user: userInfo().username,
    clientKey: join(dir, "client_ed25519"),
    knownHosts,
    hostPublicKey,
    fingerprint,
    log: () => stderr,
    async stop() {
      if (child.exitCode === null && child.pid) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function waitListening(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}):\n${log()}`);
    const up = await new Promise<boolean>((res) => {
      const s = connect(port, "127.0.0.1");
      s.once("connect", () => (s.destroy(), res(true)));
      s.once("error", () => res(false));
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  throw new Error(`sshd did not listen on ${port} within 10s:\n${log()}`);
}

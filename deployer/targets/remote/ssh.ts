/**
 * @module deployer/targets/remote/ssh
 * One SSH connection with strict host key checking, bounded commands and SFTP writes with explicit modes.
 * Key files or ssh-agent only, never passwords. Every failure becomes a UserError naming host:port and the fix.
 */
import { readFileSync } from "node:fs";
import ssh2 from "ssh2"; // CommonJS: named ESM imports of ssh2 fail
import type { ClientChannel, ConnectConfig, SFTPWrapper } from "ssh2";
import { UserError } from "../../errors";
import type { SshEndpoint } from "./endpoint";
import { algorithmsFor, knownKeyTypes, parseKnownHosts, verifyKnownHost, verifyPinned, type HostKeyVerdict } from "./known-hosts";
import { hostKeyError } from "./messages";

const { Client } = ssh2;

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ExecOptions {
  timeoutMs?: number;
  /** Called per complete stdout line (streaming); stdout is then not accumulated. */
  onLine?: (line: string) => void;
  signal?: AbortSignal;
}

export interface SshSession {
  endpoint: SshEndpoint;
  exec(command: string, opts?: ExecOptions): Promise<ExecResult>;
  sftp(): Promise<SFTPWrapper>;
  close(): void;
}

/** Opens a verified connection; nothing is sent to the host before its key passes. */
export async function connectSsh(ep: SshEndpoint): Promise<SshSession> {
  const { verify, preferred } = hostVerifierFor(ep);
  let verdict: HostKeyVerdict | undefined;
  const config: ConnectConfig = {
    host: ep.hostName,
    port: ep.port,
    username: ep.user,
    readyTimeout: ep.timeoutSec * 1000,
    keepaliveInterval: 15_000,
    keepaliveCountMax: 4,
    hostVerifier: (key: Buffer) => {
      verdict = verify(key);
      return verdict.ok;
    },
    ...(preferred.length ? { algorithms: { serverHostKey: { remove: preferred, prepend: preferred } as never } } : {}),
  };
  if (ep.keyPath) {
    try {
      config.privateKey = readFileSync(ep.keyPath);
    } catch (err) {
      throw new UserError(`cannot read SSH key ${ep.keyPath}: ${(err as Error).message}; fix "ssh_key" in the job`);
    }
  } else if (process.env.SSH_AUTH_SOCK) {
    config.agent = process.env.SSH_AUTH_SOCK;
  } else {
    throw new UserError(`no SSH key for ${ep.user}@${ep.host}: set "ssh_key" in the job, an IdentityFile in ~/.ssh/config, or start ssh-agent`);
  }
  const client = new Client();
  await new Promise<void>((resolvePromise, reject) => {
    // readyTimeout covers TCP connect + handshake + auth; this timer is only a backstop.
    const backstop = setTimeout(() => fail(new Error("Timed out while waiting for handshake")), ep.timeoutSec * 1000 + 5_000);
    let settled = false;
    function fail(err: Error & { level?: string; code?: string }) {
      if (settled) return;
      settled = true;
      clearTimeout(backstop);
      client.end();
      reject(verdict && !verdict.ok ? hostKeyError(ep, verdict) : connectError(ep, err));
    }
    client.once("ready", () => {
      settled = true;
      clearTimeout(backstop);
      resolvePromise();
    });
    // Kept for the client's whole life: ssh2 can emit a second error (e.g. "connection lost") after the first.
    client.on("error", fail);
    try {
      client.connect(config);
    } catch (err) {
      fail(err as Error);
    }
  });
  return sessionOf(client, ep);
}

function hostVerifierFor(ep: SshEndpoint): { verify: (key: Buffer) => HostKeyVerdict; preferred: string[] } {
  if (ep.hostKey) return { verify: (key) => verifyPinned(ep.hostKey!, key), preferred: [] };
  let text = "";
  try {
    text = readFileSync(ep.knownHosts, "utf8");
  } catch {
    // A missing known_hosts file means every host is unknown: refused below with the fingerprint and the fix.
  }
  const entries = parseKnownHosts(text);
  return {
    verify: (key) => verifyKnownHost(entries, ep.hostKeyName, ep.port, key),
    // Ask for a key type we already know first, as OpenSSH does, so an ed25519/RSA mix is not "unknown".
    preferred: algorithmsFor(knownKeyTypes(entries, ep.hostKeyName, ep.port)),
  };
}

function connectError(ep: SshEndpoint, err: Error & { level?: string; code?: string }): UserError {
  const where = `${ep.hostName}:${ep.port}`;
  if (err.code === "ECONNREFUSED") return new UserError(`cannot reach SSH at ${where}: connection refused (is sshd running there, and is the port right?)`);
  if (err.code === "ENOTFOUND" || err.code === "EAI_AGAIN") return new UserError(`cannot resolve SSH host "${ep.hostName}" (from "${ep.host}"): check the job's host or ~/.ssh/config`);
  if (err.code === "EHOSTUNREACH" || err.code === "ENETUNREACH" || err.code === "ETIMEDOUT") return new UserError(`cannot reach SSH at ${where}: ${err.code}`);
  if (/timed out/i.test(err.message)) {
    return new UserError(`timed out after ${ep.timeoutSec}s connecting to SSH at ${where} (no SSH handshake); check the host and port, or raise deployment.ssh.timeout`);
  }
  if (err.level === "client-authentication") {
    const how = ep.keyPath ? `key ${ep.keyPath}` : "the keys in ssh-agent";
    return new UserError(`SSH authentication as "${ep.user}" at ${where} failed with ${how}: add its public key to ~${ep.user}/.ssh/authorized_keys there, or set "ssh_key"/"user" in the job`);
  }
  if (/passphrase|encrypted/i.test(err.message)) return new UserError(`SSH key ${ep.keyPath} is encrypted: load it into ssh-agent (ssh-add) and leave "ssh_key" out`);
  return new UserError(`SSH to ${where} failed: ${err.message}`);
}

function sessionOf(client: InstanceType<typeof Client>, ep: SshEndpoint): SshSession {
  let sftp: Promise<SFTPWrapper> | undefined;
  return {
    endpoint: ep,
    exec: (command, opts = {}) => execOn(client, ep, command, opts),
    sftp() {
      sftp ??= new Promise((res, rej) => client.sftp((err, s) => (err ? rej(new UserError(`SFTP on ${ep.hostName}:${ep.port} failed: ${err.message}`)) : res(s))));
      return sftp;
    },
    close: () => client.end(),
  };
}

function execOn(client: InstanceType<typeof Client>, ep: SshEndpoint, command: string, opts: ExecOptions): Promise<ExecResult> {
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return new Promise((resolvePromise, reject) => {
    client.exec(command, (err, ch: ClientChannel) => {
      if (err) return reject(new UserError(`SSH command on ${ep.hostName}:${ep.port} failed to start: ${err.message}`));
      let stdout = "";
      let stderr = "";
      let partial = "";
      let settled = false;
      const finish = (fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        opts.signal?.removeEventListener("abort", onAbort);
        fn();
      };
      const timer = setTimeout(() => {
        ch.close();
        finish(() => reject(new UserError(`remote command timed out after ${Math.round(timeoutMs / 1000)}s on ${ep.hostName}: ${command.split("\n")[0]!.slice(0, 120)}`)));
      }, timeoutMs);
      // Abort = end stdin; the follow scripts exit when their stdin closes.
      const onAbort = () => ch.end();
      opts.signal?.addEventListener("abort", onAbort, { once: true });
      if (opts.signal?.aborted) onAbort();
      ch.on("data", (chunk: Buffer) => {
        if (!opts.onLine) return void (stdout += chunk.toString("utf8"));
        const lines = (partial + chunk.toString("utf8")).split("\n");
        partial = lines.pop() ?? "";
        for (const l of lines) opts.onLine(l);
      });
      ch.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString("utf8")));
      ch.on("close", (code: number | null) => {
        if (partial && opts.onLine) opts.onLine(partial);
        finish(() => resolvePromise({ code: code ?? -1, stdout, stderr }));
      });
    });
  });
}

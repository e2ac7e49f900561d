/**
 * @module deployer/targets/remote/endpoint
 * Where and as whom to connect: the job's `remote` target merged with `~/.ssh/config` (HostName, User, Port,
 * IdentityFile, HostKeyAlias). Job fields win. The result is plain data, stored in the group record's meta so
 * a later `ade stop` in another process reconnects the same way.
 */
import { existsSync, readFileSync } from "node:fs";
import { homedir, userInfo } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import SSHConfig from "ssh-config";
import type { TargetSpec } from "../../job/model";

export type RemoteTargetSpec = Extract<TargetSpec, { kind: "remote" }>;

export interface SshEndpoint {
  /** Host as written in the job (may be a ~/.ssh/config alias). */
  host: string;
  /** Address actually dialled (HostName from ~/.ssh/config, else `host`). */
  hostName: string;
  port: number;
  user: string;
  /** Absolute private key path; absent = ssh-agent. */
  keyPath?: string;
  /** Absolute known_hosts path (used when no pinned fingerprint). */
  knownHosts: string;
  /** Pinned `SHA256:…` fingerprint; wins over known_hosts. */
  hostKey?: string;
  /** Name looked up in known_hosts (HostKeyAlias, else hostName). */
  hostKeyName: string;
  /** Workdir as written in the job (`~` is the remote home). */
  workdir: string;
  node?: string;
  timeoutSec: number;
}

export interface ResolveOptions {
  /** `~/.ssh/config` by default. */
  sshConfigPath?: string;
  /** Local home for `~` (tests). */
  home?: string;
}

/** `~` and `~/x` → the local home. */
export function expandHome(path: string, home = homedir()): string {
  if (path === "~") return home;
  if (path.startsWith("~/")) return join(home, path.slice(2));
  return isAbsolute(path) ? path : resolve(path);
}

export function resolveEndpoint(target: RemoteTargetSpec, opts: ResolveOptions = {}): SshEndpoint {
  const home = opts.home ?? homedir();
  const cfg = readSshConfig(opts.sshConfigPath ?? join(home, ".ssh/config"), target.host);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const hostName = first(cfg.hostname)?.replace(/%h/g, target.host) ?? target.host;
  // The job's sshPort defaults to 22 in the model, so 22 there means "not said": let the config's Port speak.
  const cfgPort = Number(first(cfg.port));
  const port = target.sshPort !== 22 || !cfgPort ? target.sshPort : cfgPort;
  const user = target.user ?? first(cfg.user) ?? userInfo().username;
  const keyFromConfig = (Array.isArray(cfg.identityfile) ? cfg.identityfile : cfg.identityfile ? [cfg.identityfile] : [])
    .map((p) => expandHome(p, home))
    .find((p) => existsSync(p));
  const keyPath = target.sshKey ? expandHome(target.sshKey, home) : (keyFromConfig ?? defaultKey(home));
  const knownHosts = expandHome(target.knownHosts ?? first(cfg.userknownhostsfile)?.split(/\s+/)[0] ?? "~/.ssh/known_hosts", home);
  return {
    host: target.host,
    hostName,
    port,
    user,
    ...(keyPath ? { keyPath } : {}),
    knownHosts,
    ...(target.hostKey ? { hostKey: target.hostKey } : {}),
    hostKeyName: first(cfg.hostkeyalias) ?? hostName,
    workdir: target.workdir,
    ...(target.node ? { node: target.node } : {}),
    timeoutSec: target.timeoutSec,
  };
}

/** Lower-cased directives that apply to `host`; a missing or unreadable file means none. */
function readSshConfig(path: string, host: string): Record<string, string | string[]> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    return {};
  }
  // matchExec off: resolving a deploy target must never run commands from a config file.
  const computed = SSHConfig.parse(text).compute(host, { ignoreCase: true, matchExec: false });
  return Object.fromEntries(Object.entries(computed).map(([k, v]) => [k.toLowerCase(), v]));
}

/**
 * Without a key in the job or config, ssh-agent is used when it runs (OpenSSH's order); otherwise the first
 * default identity that exists.
 */
function defaultKey(home: string): string | undefined {
  if (process.env.SSH_AUTH_SOCK) return undefined;
  return ["id_ed25519", "id_ecdsa", "id_rsa"].map((n) => join(home, ".ssh", n)).find((p) => existsSync(p));
}

/** Loopback SSH hosts get agents bound to 127.0.0.1; anything else must listen where peers can reach it. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

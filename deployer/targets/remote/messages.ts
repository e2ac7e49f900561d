/**
 * @module deployer/targets/remote/messages
 * The refusal a user sees when a host key does not check out: the server's fingerprint, why it was refused,
 * and the two ways to trust it (after checking the fingerprint out of band, never blindly).
 */
import { UserError } from "../../errors";
import type { SshEndpoint } from "./endpoint";
import type { HostKeyVerdict } from "./known-hosts";

export function hostKeyError(ep: SshEndpoint, v: Extract<HostKeyVerdict, { ok: false }>): UserError {
  const where = `${ep.hostName}:${ep.port}`;
  const shown = `${v.keyType} ${v.fingerprint}`;
  const scan = `ssh-keyscan -p ${ep.port} ${ep.hostKeyName} >> ${ep.knownHosts}`;
  const fixes = [
    `  - compare it with the host's own (on the host: ssh-keygen -lf /etc/ssh/ssh_host_${v.keyType.replace(/^ssh-|-sha2-nistp\d+$/g, "")}_key.pub), then`,
    `  - either add it to known_hosts: ${scan}`,
    `  - or pin it in the job: deployment.host_key: ${v.fingerprint}`,
  ];
  const head = {
    unknown: `refusing to connect to ${where}: its host key is not in ${ep.knownHosts}${v.knownTypes.length ? ` (known types there: ${v.knownTypes.join(", ")})` : ""}.`,
    changed: `refusing to connect to ${where}: its host key CHANGED from the one in ${ep.knownHosts}. Someone may be intercepting the connection, or the host was reinstalled.`,
    revoked: `refusing to connect to ${where}: its host key is marked @revoked in ${ep.knownHosts}.`,
    "pin-mismatch": `refusing to connect to ${where}: its host key does not match the pinned host_key ${ep.hostKey}.`,
  }[v.reason];
  const tail = v.reason === "revoked" ? ["  - a revoked key must not be trusted again; ask the host's administrator for its new key"] : v.reason === "changed" ? [...fixes.slice(0, 1), `  - if the change is expected: ssh-keygen -R '${ep.port === 22 ? ep.hostKeyName : `[${ep.hostKeyName}]:${ep.port}`}' -f ${ep.knownHosts}, then ${scan}`] : fixes;
  return new UserError([head, `The server offered ${shown}. Nothing was uploaded.`, ...tail].join("\n"));
}

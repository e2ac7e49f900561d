/**
 * @module deployer/targets/remote/sftp
 * SFTP writes that land whole and with the mode we chose: write a temp file created with the mode, chmod it
 * (an existing file keeps its old mode otherwise), then rename over the target. Each step is time-bounded.
 */
import { randomBytes } from "node:crypto";
import type { SFTPWrapper } from "ssh2";
import { UserError } from "../../errors";
import { sq } from "./layout";
import type { SshSession } from "./ssh";

function bounded<T>(label: string, ms: number, run: (done: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new UserError(`SFTP ${label} timed out after ${Math.round(ms / 1000)}s`)), ms);
    run((err, value) => {
      clearTimeout(timer);
      if (err) reject(new UserError(`SFTP ${label} failed: ${err.message}`));
      else resolvePromise(value as T);
    });
  });
}

async function replace(sftp: SFTPWrapper, tmp: string, path: string, mode: number): Promise<void> {
  await bounded(`chmod ${tmp}`, 15_000, (cb) => sftp.chmod(tmp, mode, cb));
  try {
    // posix-rename overwrites atomically; plain SFTP rename refuses an existing target.
    await bounded(`rename ${path}`, 15_000, (cb) => sftp.ext_openssh_rename(tmp, path, cb));
  } catch {
    await bounded<void>(`unlink ${path}`, 15_000, (cb) => sftp.unlink(path, () => cb(null)));
    await bounded(`rename ${path}`, 15_000, (cb) => sftp.rename(tmp, path, cb));
  }
}

/** Writes `data` to the remote `path` with exactly `mode`. */
export async function putData(ssh: SshSession, path: string, data: string | Buffer, mode: number): Promise<void> {
  const sftp = await ssh.sftp();
  const tmp = `${path}.tmp-${randomBytes(4).toString("hex")}`;
  await bounded(`write ${path}`, 60_000, (cb) => sftp.writeFile(tmp, data, { mode, flag: "w" }, cb));
  await replace(sftp, tmp, path, mode);
}

/** Copies a local file to the remote `path` with exactly `mode`. */
export async function putFile(ssh: SshSession, local: string, path: string, mode: number): Promise<void> {
  const sftp = await ssh.sftp();
  const tmp = `${path}.tmp-${randomBytes(4).toString("hex")}`;
  await bounded(`upload ${path}`, 5 * 60_000, (cb) => sftp.fastPut(local, tmp, { mode }, cb));
  await replace(sftp, tmp, path, mode);
}

/** Reads a small remote file; undefined when it does not exist. */
export async function readData(ssh: SshSession, path: string): Promise<string | undefined> {
  const sftp = await ssh.sftp();
  try {
    const buf = await bounded<Buffer>(`read ${path}`, 30_000, (cb) => sftp.readFile(path, cb));
    return buf.toString("utf8");
  } catch {
    return undefined;
  }
}

/** sha256 (hex) of remote files that exist (sha256sum, or shasum on BSD/macOS); missing files are absent. */
export async function remoteHashes(ssh: SshSession, paths: string[]): Promise<Map<string, string>> {
  const files = paths.map(sq).join(" ");
  const r = await ssh.exec(`(command -v sha256sum >/dev/null && sha256sum ${files} || shasum -a 256 ${files}) 2>/dev/null; true`, { timeoutMs: 60_000 });
  const out = new Map<string, string>();
  for (const line of r.stdout.split("\n")) {
    const m = /^([0-9a-f]{64})\s+\*?(.+)$/.exec(line.trim());
    if (m) out.set(m[2]!, m[1]!);
  }
  return out;
}

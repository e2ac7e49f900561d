/**
 * @module deployer/targets/remote
 * The `remote` target: a job's agents on one SSH host/user/port run in one workerd under the mesh runner.
 * Every operation reconnects from the group record's meta, so stop/status/logs work from any later process.
 */
import { UserError } from "../../errors";
import { supervisorFile } from "../../runtime/runner-spec";
import type { GroupRecord, Target } from "../target";
import { streamRemoteLog } from "./logs";
import { metaOf } from "./meta";
import { isRunnerAlive, runnerState, stopRunner } from "./process";
import { layoutOf, sq } from "./layout";
import { connectSsh, type SshSession } from "./ssh";
import { startRemoteGroup } from "./start";

async function withSession<T>(record: GroupRecord, what: string, run: (ssh: SshSession) => Promise<T>): Promise<T> {
  const meta = metaOf(record);
  let ssh: SshSession;
  try {
    ssh = await connectSsh(meta.ssh);
  } catch (err) {
    if (err instanceof UserError) throw new UserError(`cannot ${what} ${record.key}: ${err.message}`);
    throw err;
  }
  try {
    return await run(ssh);
  } finally {
    ssh.close();
  }
}

export const remoteTarget: Target = {
  kind: "remote",

  start: startRemoteGroup,

  async stop(record, ctx) {
    if (record.pid === undefined) return;
    const meta = metaOf(record);
    await withSession(record, "stop", async (ssh) => {
      // The pid lives on the SSH host: it is signalled there, over SSH, never on this machine.
      await stopRunner(ssh, record.pid!, meta.runner, { force: Boolean(ctx.force) });
      // Forget the runner so the next start does not mistake a reused pid for it.
      await ssh.exec(`rm -f ${sq(layoutOf(meta.workdir).state)}`, { timeoutMs: 15_000 });
    });
  },

  async isRunning(record) {
    if (record.pid === undefined) return false;
    const meta = metaOf(record);
    return withSession(record, "check", (ssh) => isRunnerAlive(ssh, record.pid!, meta.runner));
  },

  async runtimeState(record) {
    if (record.pid === undefined) return { running: false, crashRestarts: 0 };
    const meta = metaOf(record);
    const file = supervisorFile(layoutOf(meta.workdir).spec);
    return withSession(record, "check", (ssh) => runnerState(ssh, record.pid!, meta.runner, file));
  },

  async recordedSpans(record) {
    const file = metaOf(record).traceFile;
    if (!file) return "";
    // The newest spans are what a user asks about; a long-running mesh's file is cut to its last 32 MiB.
    const r = await withSession(record, "read the traces of", (ssh) => ssh.exec(`tail -c 33554432 ${sq(file)} 2>/dev/null || true`, { timeoutMs: 60_000 }));
    return r.stdout;
  },

  async logs(record, opts, write) {
    if (!record.logFile) return;
    const logFile = record.logFile;
    await withSession(record, "read the logs of", (ssh) => streamRemoteLog(ssh, logFile, opts, write));
  },
};

export { resolveEndpoint, type SshEndpoint } from "./endpoint";
export { fingerprintOf, parseKnownHosts, verifyKnownHost, verifyPinned } from "./known-hosts";
export type { RemoteMeta } from "./meta";

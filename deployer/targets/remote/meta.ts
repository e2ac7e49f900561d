/**
 * @module deployer/targets/remote/meta
 * What a remote group record carries in `meta` so another process can reconnect (same host, port, user, key,
 * host key policy) and find the runner (absolute workdir). No secret values ever go in here.
 */
import { UserError } from "../../errors";
import type { GroupRecord } from "../target";
import type { SshEndpoint } from "./endpoint";

export interface RemoteMeta {
  ssh: SshEndpoint;
  /** Absolute workdir on the host (`~` already resolved there). */
  workdir: string;
  runner: string;
  specHash: string;
  /** Milliseconds per phase of the start that produced this record. */
  timings?: Record<string, number>;
  /** True when start found this runner already up with the same spec and did nothing. */
  reused?: boolean;
  /** Where the runner records spans on the host (absent when the job sends them to its own OTLP backend). */
  traceFile?: string;
}

export function metaOf(record: GroupRecord): RemoteMeta {
  const m = record.meta as Partial<RemoteMeta> | undefined;
  if (!m?.ssh?.hostName || !m.ssh.port || !m.ssh.user || !m.workdir || !m.runner) {
    throw new UserError(`the record of group ${record.key} has no SSH details (written by an older ade?); stop the runner on that host by hand`);
  }
  return m as RemoteMeta;
}

/**
 * @module deployer/deploy/stop
 * Stops every group of a deployment, callers before callees (reverse plan order), and confirms local ports are
 * free. Stopping a stopped deployment is fine. One group failing to stop does not stop the others.
 */
import { saveDeployment, type DeploymentRecord } from "../state";
import { targetFor } from "../targets/index";
import { waitPortsFree } from "../targets/ports";

export interface StopResult {
  id: string;
  stopped: string[];
  failures: Array<{ group: string; reason: string }>;
  portsStillBound: number[];
}

/** `force`: no grace period (SIGKILL at once), for a mesh that does not stop on SIGTERM. */
export async function stopDeployment(home: string, record: DeploymentRecord, opts: { force?: boolean } = {}): Promise<StopResult> {
  const stageOf = new Map(record.stages.flatMap((agents, i) => agents.map((a) => [a, i] as const)));
  const groups = [...record.groups].sort((a, b) => maxStage(b, stageOf) - maxStage(a, stageOf));
  const failures: StopResult["failures"] = [];
  const stopped: string[] = [];
  for (const g of groups) {
    try {
      await (await targetFor(g.kind)).stop(g, { home, ...(opts.force ? { force: true } : {}) });
      stopped.push(...g.agents);
    } catch (err) {
      failures.push({ group: g.key, reason: (err as Error).message });
    }
  }
  const localPorts = record.groups
    .filter((g) => g.kind === "localhost")
    .flatMap((g) => Object.values(g.urls).map((u) => Number(new URL(u).port)))
    .filter((p) => p > 0);
  const portsStillBound = await waitPortsFree(localPorts);
  if (failures.length === 0) {
    record.status = "stopped";
    record.stoppedAt = new Date().toISOString();
  }
  await saveDeployment(home, record);
  return { id: record.id, stopped, failures, portsStillBound };
}

function maxStage(g: { agents: string[] }, stageOf: Map<string, number>): number {
  return Math.max(0, ...g.agents.map((a) => stageOf.get(a) ?? 0));
}

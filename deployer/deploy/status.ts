/**
 * @module deployer/deploy/status
 * Live status of a deployment: per agent its target, URL, health (checked now), runner pid, uptime, restarts.
 */
import type { DeploymentRecord } from "../state";
import { targetFor } from "../targets/index";
import { checkHealth } from "./health";

export interface AgentStatus {
  id: string;
  target: string;
  url: string;
  health: "healthy" | "unhealthy" | "unreachable" | "stopped";
  reason?: string;
  pid?: number;
  /** The Worker's name, for agents on Cloudflare. */
  worker?: string;
  uptimeSec?: number;
  restarts: number;
}

export interface DeploymentStatusView {
  id: string;
  job: string;
  status: DeploymentRecord["status"];
  startedAt: string;
  entryPoint?: string;
  agents: AgentStatus[];
  healthy: number;
}

export async function deploymentStatus(record: DeploymentRecord): Promise<DeploymentStatusView> {
  const agents: AgentStatus[] = [];
  for (const g of record.groups) {
    const target = await targetFor(g.kind);
    const down = { running: false, crashRestarts: 0 };
    const look = () => (target.runtimeState ? target.runtimeState(g) : target.isRunning(g).then((running) => ({ running, crashRestarts: 0 })));
    // Restarts: the deployer's (a changed agent) plus the runner's own (a crashed workerd started again).
    const { running, crashRestarts: crashes } = record.status === "stopped" ? down : await look().catch(() => down);
    const checks = await Promise.all(
      g.agents.map(async (id) => {
        const url = g.urls[id]!;
        const worker = (g.meta?.workers as Record<string, string> | undefined)?.[id];
        const base = { id, target: g.kind === "remote" ? `remote ${String(g.meta?.host ?? g.key)}` : g.kind, url, ...(g.pid ? { pid: g.pid } : {}), ...(worker ? { worker } : {}), restarts: (record.restarts[id] ?? 0) + crashes };
        if (!running && g.kind !== "cloudflare") {
          // Stopped on purpose, or gone while the deployment was meant to run (a crash the runner gave up on).
          if (record.status !== "running") return { ...base, health: "stopped" as const };
          return { ...base, health: "unreachable" as const, reason: `its runtime${g.pid ? ` (pid ${g.pid})` : ""} is gone; \`ade logs ${record.id}\` shows why, \`ade start\` brings it back` };
        }
        const h = await checkHealth(url, 2000);
        return h.state === "healthy" ? { ...base, health: h.state, ...(h.uptime !== undefined ? { uptimeSec: Math.round(h.uptime) } : {}) } : { ...base, health: h.state, reason: h.reason };
      }),
    );
    agents.push(...checks);
  }
  const order = record.stages.flat();
  agents.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  return {
    id: record.id,
    job: record.job,
    status: record.status,
    startedAt: record.startedAt,
    ...(record.entryPoint ? { entryPoint: record.entryPoint } : {}),
    agents,
    healthy: agents.filter((a) => a.health === "healthy").length,
  };
}

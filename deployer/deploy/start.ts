/**
 * @module deployer/deploy/start
 * Runs a plan: groups started in dependency order, every stage health-gated before the next, a failure rolled
 * back (or kept with --keep-going), state recorded in `.ade/deployments/`. A second start of an unchanged job
 * is a no-op; a changed one restarts only the groups whose agents changed.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { InterruptedError, UserError } from "../errors";
import type { JobModel } from "../job/model";
import { listDeployments, newDeploymentId, saveDeployment, type DeploymentRecord } from "../state";
import { targetFor } from "../targets/index";
import type { GroupRecord, TargetContext } from "../targets/target";
import { waitHealthy, type Health } from "./health";
import { prepareDeployment } from "./prepare";

export interface StartOptions {
  home: string;
  dryRun?: boolean;
  keepGoing?: boolean;
  progress?: (agent: string, message: string) => void;
  otelEndpoint?: string;
  /** Aborted on Ctrl-C: what this start brought up is rolled back and it throws `interrupted` (exit 130). */
  signal?: AbortSignal;
}

export interface AgentOutcome {
  id: string;
  target: string;
  url: string;
  state: "healthy" | "failed" | "unchanged" | "built";
  reason?: string;
}

export interface StartResult {
  deployment: DeploymentRecord;
  agents: AgentOutcome[];
  noop: boolean;
  /** A question to try, from the entry point's agent card (set by the start command once the mesh answers). */
  sampleQuery?: string;
}

export async function startDeployment(model: JobModel, opts: StartOptions): Promise<StartResult> {
  const progress = opts.progress ?? (() => undefined);
  const previous = (await listDeployments(opts.home)).find((d) => d.job === model.name && d.status === "running");
  const id = previous?.id ?? newDeploymentId(model.name);
  const prepared = await prepareDeployment(model, { home: opts.home, deploymentId: id, dryRun: Boolean(opts.dryRun), ...(previous?.meshToken ? { meshToken: previous.meshToken } : {}), ...(opts.otelEndpoint ? { otelEndpoint: opts.otelEndpoint } : {}) });
  const ctxBase = {
    deploymentId: id,
    job: model.name,
    home: opts.home,
    logDir: join(opts.home, "logs", id),
    stateDir: join(opts.home, "state", model.name),
    progress,
    dryRun: Boolean(opts.dryRun),
    ...(opts.signal ? { signal: opts.signal } : {}),
  } satisfies TargetContext;
  await mkdir(ctxBase.logDir, { recursive: true });

  const record: DeploymentRecord = previous ?? {
    id,
    job: model.name,
    file: model.file,
    status: "starting",
    startedAt: new Date().toISOString(),
    buildHash: prepared.buildHash,
    ...(model.entryPoint ? { entryPoint: model.entryPoint } : {}),
    stages: prepared.plan.stages.map((s) => s.agents),
    groups: [],
    ...(prepared.meshToken ? { meshToken: prepared.meshToken } : {}),
    restarts: {},
  };
  if (previous && previous.buildHash === prepared.buildHash && (await allRunning(previous))) {
    return { deployment: previous, agents: outcomes(previous, "unchanged"), noop: true };
  }
  if (!opts.dryRun) await saveDeployment(opts.home, record);

  const started: GroupRecord[] = [];
  const results = new Map<string, AgentOutcome>();
  const interrupted = () => {
    if (opts.signal?.aborted) throw new InterruptedError();
  };
  try {
    for (const group of prepared.groups) {
      interrupted();
      const target = await targetFor(group.kind);
      const old = record.groups.find((g) => g.key === group.key);
      const unchanged = old && group.agents.every((a) => old.fingerprints[a.agent.id] === a.fingerprint) && Object.keys(old.fingerprints).length === group.agents.length && (await target.isRunning(old));
      if (unchanged) {
        for (const a of group.agents) results.set(a.agent.id, { id: a.agent.id, target: a.planned.target, url: old.urls[a.agent.id]!, state: "unchanged" });
        continue;
      }
      const changed = group.agents.filter((a) => old?.fingerprints[a.agent.id] !== a.fingerprint);
      for (const a of old ? changed : []) record.restarts[a.agent.id] = (record.restarts[a.agent.id] ?? 0) + 1;
      for (const a of group.agents) progress(a.agent.id, old ? (changed.includes(a) ? "changed: restarting" : "restarting with its group") : "starting");
      const remember = async (rec: GroupRecord) => {
        // Only what this start brought up is rolled back; a group that ran before is not torn down on failure.
        const i = started.findIndex((g) => g.key === rec.key);
        if (i >= 0) started[i] = rec;
        else if (!old) started.push(rec);
        record.groups = [...record.groups.filter((g) => g.key !== group.key), rec];
        if (!opts.dryRun) await saveDeployment(opts.home, record);
      };
      const rec = await target.start(group, { ...ctxBase, onSpawned: remember }, old);
      await remember(rec);
      // Health-gate in stage order: callees first.
      for (const a of group.agents) {
        if (opts.dryRun || group.kind === "cloudflare" && rec.meta?.dryRun) {
          results.set(a.agent.id, { id: a.agent.id, target: a.planned.target, url: rec.urls[a.agent.id]!, state: "built" });
          continue;
        }
        const url = rec.urls[a.agent.id]!;
        const health = await waitHealthy(url, {
          intervalMs: Math.min(model.healthCheck.intervalSec * 1000, 1000),
          retries: Math.max(model.healthCheck.retries, Math.ceil(model.timeoutSec)),
          timeoutMs: model.healthCheck.timeoutSec * 1000,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
        interrupted();
        const outcome = toOutcome(a.agent.id, a.planned.target, url, health, rec.logFile);
        results.set(a.agent.id, outcome);
        progress(a.agent.id, outcome.state === "healthy" ? "healthy" : `failed: ${outcome.reason}`);
        if (outcome.state === "failed" && !opts.keepGoing) throw new UserError(`agent "${a.agent.id}" did not become healthy: ${outcome.reason}${rec.logFile ? ` (log: ${rec.logFile})` : ""}`);
      }
    }
  } catch (err) {
    if (!opts.keepGoing || opts.signal?.aborted) {
      for (const rec of started.reverse()) await (await targetFor(rec.kind)).stop(rec, { home: opts.home }).catch(() => undefined);
      record.groups = record.groups.filter((g) => !started.includes(g));
      record.status = record.groups.length ? "running" : opts.signal?.aborted ? "stopped" : "failed";
      if (record.status === "stopped") record.stoppedAt = new Date().toISOString();
      if (!opts.dryRun) await saveDeployment(opts.home, record);
      throw err instanceof UserError ? new UserError(`${err.message}\nrolled back: ${started.flatMap((g) => g.agents).join(", ") || "nothing had started"}`, err.exitCode) : err;
    }
  }
  record.status = "running";
  record.buildHash = prepared.buildHash;
  record.stages = prepared.plan.stages.map((s) => s.agents);
  if (!opts.dryRun) await saveDeployment(opts.home, record);
  const order = prepared.plan.agents.map((a) => a.id);
  return { deployment: record, agents: order.map((id) => results.get(id)!).filter(Boolean), noop: false };
}

async function allRunning(d: DeploymentRecord): Promise<boolean> {
  for (const g of d.groups) if (!(await (await targetFor(g.kind)).isRunning(g))) return false;
  return d.groups.length > 0;
}

function outcomes(d: DeploymentRecord, state: AgentOutcome["state"]): AgentOutcome[] {
  return d.groups.flatMap((g) => g.agents.map((id) => ({ id, target: g.kind, url: g.urls[id]!, state })));
}

function toOutcome(id: string, target: string, url: string, h: Health, log?: string): AgentOutcome {
  if (h.state === "healthy") return { id, target, url, state: "healthy" };
  return { id, target, url, state: "failed", reason: `${h.state}: ${h.reason}${log ? ` (log: ${log})` : ""}` };
}

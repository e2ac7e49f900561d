/**
 * @module deployer/plan
 * PURE: the resolved job → the deployment plan. Agents are grouped in stages so that every callee is up before
 * its callers (a service binding's target must exist when its caller is deployed); call cycles are detected
 * and deployed as one stage, and the plan says how. No I/O here.
 */
import { peerBindingName } from "../workers/config";
import type { JobModel, ResolvedAgent, TargetSpec } from "./job/model";

export interface PlannedPeer {
  name: string;
  via: "service-binding" | "http";
  binding?: string;
  url?: string;
}

export interface PlannedAgent {
  id: string;
  workerName: string;
  stage: number;
  target: string;
  group: string;
  module: string;
  backend: { type: string; model: string; baseUrl?: string };
  port?: number;
  url: string;
  peers: PlannedPeer[];
  secrets: string[];
}

export interface PlanStage {
  index: number;
  agents: string[];
  /** Present when the stage holds agents that call each other in a cycle. */
  cycle?: { members: string[]; resolution: string };
}

export interface Plan {
  job: string;
  version: string;
  file: string;
  entryPoint?: string;
  maxHops: number;
  strategy: JobModel["strategy"];
  stages: PlanStage[];
  agents: PlannedAgent[];
  connections: Array<{ from: string; to: string; via: PlannedPeer["via"] }>;
  notes: string[];
}

export function planDeployment(model: JobModel): Plan {
  const byId = new Map(model.agents.map((a) => [a.id, a]));
  const callees = new Map<string, string[]>(model.agents.map((a) => [a.id, []]));
  for (const e of model.edges) callees.get(e.from)?.push(e.to);
  const components = stronglyConnected(model.agents.map((a) => a.id), callees);
  const stageOf = levels(components, callees);
  const notes: string[] = [];
  const stages: PlanStage[] = [];
  components.forEach((members, ci) => {
    const level = stageOf[ci]!;
    while (stages.length <= level) stages.push({ index: stages.length, agents: [] });
    const stage = stages[level]!;
    stage.agents.push(...members);
    if (members.length > 1 || callees.get(members[0]!)?.includes(members[0]!)) {
      const cycle = { members: [...members].sort(), resolution: cycleResolution(members.map((m) => byId.get(m)!)) };
      stage.cycle = stage.cycle ? { members: [...stage.cycle.members, ...cycle.members].sort(), resolution: cycle.resolution } : cycle;
    }
  });
  const componentOf = new Map<string, number>();
  components.forEach((c, i) => c.forEach((id) => componentOf.set(id, i)));
  const addresses = new Map(model.edges.filter((e) => e.address).map((e) => [`${e.from}\u0000${e.to}`, e.address!]));
  const order = new Map(model.agents.map((a, i) => [a.id, i]));
  for (const s of stages) s.agents.sort((a, b) => order.get(a)! - order.get(b)!);

  const agents = model.agents.map((agent): PlannedAgent => {
    const peers = (callees.get(agent.id) ?? []).map((to) => peerOf(agent, byId.get(to)!, addresses.get(`${agent.id}\u0000${to}`), notes));
    return {
      id: agent.id,
      workerName: agent.workerName,
      stage: stageOf[componentOf.get(agent.id)!]!,
      target: targetLabel(agent.target),
      group: targetGroup(agent.target),
      module: agent.module.kind === "builtin" ? agent.module.name : agent.module.spec,
      backend: { type: agent.backend.type, model: agent.backend.model, ...(agent.backend.baseUrl ? { baseUrl: agent.backend.baseUrl } : {}) },
      ...(agent.port !== undefined ? { port: agent.port } : {}),
      url: agentUrl(agent),
      peers,
      secrets: agent.secrets,
    };
  });
  return {
    job: model.name,
    version: model.version,
    file: model.file,
    ...(model.entryPoint ? { entryPoint: model.entryPoint } : {}),
    maxHops: model.maxHops,
    strategy: model.strategy,
    stages,
    agents,
    connections: agents.flatMap((a) => a.peers.map((p) => ({ from: a.id, to: p.name, via: p.via }))),
    notes,
  };
}

/** Agents that share a target group run in one runtime and reach each other by service binding. */
export function targetGroup(t: TargetSpec): string {
  if (t.kind === "localhost") return "local";
  if (t.kind === "remote") return `ssh:${t.user ? t.user + "@" : ""}${t.host}:${t.sshPort}`;
  return `cloudflare:${t.accountId ?? "default"}`;
}

export function targetLabel(t: TargetSpec): string {
  if (t.kind === "localhost") return "localhost";
  if (t.kind === "remote") return `remote ${t.user ? t.user + "@" : ""}${t.host}`;
  return "cloudflare";
}

export function agentUrl(agent: ResolvedAgent): string {
  const t = agent.target;
  if (t.kind === "localhost") return `http://127.0.0.1:${agent.port}`;
  if (t.kind === "remote") return `http://${t.host}:${agent.port}`;
  if (t.route) return `https://${t.route.replace(/^https?:\/\//, "").replace(/\/?\*?$/, "")}`;
  return `https://${agent.workerName}.<subdomain>.workers.dev`;
}

function peerOf(from: ResolvedAgent, to: ResolvedAgent, address: string | undefined, notes: string[]): PlannedPeer {
  if (targetGroup(from.target) === targetGroup(to.target)) return { name: to.id, via: "service-binding", binding: peerBindingName(to.id) };
  const url = address ? (/^https?:\/\//.test(address) ? address : `http://${address}`) : agentUrl(to);
  if (!address && to.target.kind === "localhost" && from.target.kind !== "remote") {
    notes.push(`${from.id} (${targetLabel(from.target)}) calls ${to.id} on this machine: give topology.connections[].address a URL the caller can reach`);
  }
  return { name: to.id, via: "http", url };
}

function cycleResolution(members: ResolvedAgent[]): string {
  const edge = members.filter((m) => m.target.kind === "cloudflare").map((m) => m.id);
  const local = "started together in one runtime, where all their bindings resolve at once";
  if (edge.length === 0) return local;
  return `on Cloudflare, ${edge.join(", ")} are first deployed without the bindings that close the cycle, then redeployed with them; elsewhere ${local}`;
}

/** Tarjan's algorithm, iterative (a 1,000-agent chain must not overflow the stack). Components come out callees-first. */
function stronglyConnected(ids: string[], edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const out: string[][] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const w = targets[frame.next++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ id: w, next: 0 });
        } else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        out.push(component);
      }
    }
  }
  return out;
}

/** Stage of each component: 0 for components that call nobody outside themselves, else 1 + their deepest callee. */
function levels(components: string[][], edges: Map<string, string[]>): number[] {
  const componentOf = new Map<string, number>();
  components.forEach((c, i) => c.forEach((id) => componentOf.set(id, i)));
  const level: number[] = [];
  // Tarjan emits a component only after every component it reaches, so one pass in order suffices.
  components.forEach((members, ci) => {
    let l = 0;
    for (const m of members) for (const t of edges.get(m) ?? []) {
      const cj = componentOf.get(t)!;
      if (cj !== ci) l = Math.max(l, level[cj]! + 1);
    }
    level[ci] = l;
  });
  return level;
}

/**
 * @module deployer/job/topology
 * Who may call whom, derived from the topology: hub → spokes, stage i → stage i+1, dag edges, everyone in a
 * mesh, parent → children. The peer list of every agent comes from here and nowhere else.
 */
import type { Topology } from "./schema";

export interface Edge {
  from: string;
  to: string;
  /** Reachable address of the callee for cross-target calls (the seed's `connections[].address`). */
  address?: string;
}

/** Every agent id the topology mentions, with the path of the mention (for dangling-reference errors). */
export function topologyRefs(t: Partial<Topology>): Array<{ id: string; path: (string | number)[] }> {
  const refs: Array<{ id: string; path: (string | number)[] }> = [];
  const add = (id: unknown, path: (string | number)[]) => typeof id === "string" && refs.push({ id, path });
  add(t.hub, ["topology", "hub"]);
  t.spokes?.forEach((s, i) => add(s, ["topology", "spokes", i]));
  t.stages?.forEach((s, i) => (Array.isArray(s) ? s.forEach((x, j) => add(x, ["topology", "stages", i, j])) : add(s, ["topology", "stages", i])));
  t.connections?.forEach((c, i) => {
    add(c.from, ["topology", "connections", i, "from"]);
    if (Array.isArray(c.to)) c.to.forEach((x, j) => add(x, ["topology", "connections", i, "to", j]));
    else add(c.to, ["topology", "connections", i, "to"]);
  });
  t.agents?.forEach((a, i) => add(a, ["topology", "agents", i]));
  add(t.root, ["topology", "root"]);
  t.levels?.forEach((level, i) => {
    if (Array.isArray(level)) level.forEach((x, j) => add(x, ["topology", "levels", i, j]));
    else {
      add(level.parent, ["topology", "levels", i, "parent"]);
      level.children.forEach((x, j) => add(x, ["topology", "levels", i, "children", j]));
    }
  });
  return refs;
}

/** Caller → callee edges, deduplicated, in a stable order. `ids` are all agent ids (mesh/dynamic use them). */
export function topologyEdges(t: Topology, ids: readonly string[]): Edge[] {
  const edges = new Map<string, Edge>();
  const add = (from: string, to: string, address?: string) => {
    if (from === to) return;
    const key = `${from}\u0000${to}`;
    const prev = edges.get(key);
    edges.set(key, { from, to, ...((address ?? prev?.address) ? { address: address ?? prev?.address } : {}) });
  };
  const list = (x: string | string[]) => (Array.isArray(x) ? x : [x]);
  switch (t.type) {
    case "hub-spoke":
      for (const s of t.spokes ?? []) if (t.hub) add(t.hub, s);
      break;
    case "pipeline": {
      const stages = t.stages ?? [];
      for (let i = 0; i + 1 < stages.length; i++) for (const a of list(stages[i]!)) for (const b of list(stages[i + 1]!)) add(a, b);
      break;
    }
    case "mesh":
    case "dynamic": {
      const members = t.type === "mesh" ? (t.agents ?? []) : (t.agents ?? ids);
      for (const a of members) for (const b of members) add(a, b);
      break;
    }
    case "hierarchical": {
      const levels = t.levels ?? [];
      let previous: string[] = t.root ? [t.root] : [];
      for (const level of levels) {
        if (Array.isArray(level)) {
          for (const p of previous) for (const c of level) add(p, c);
          previous = level;
        } else for (const c of level.children) add(level.parent, c);
      }
      break;
    }
    case "dag":
      break;
  }
  // Explicit connections add edges in any topology (the seed's hybrid jobs list them beside hub/spokes).
  for (const c of t.connections ?? []) for (const to of list(c.to)) add(c.from, to, c.address);
  return [...edges.values()];
}

/** The agent a user's query goes to when none is named. */
export function defaultEntryPoint(t: Topology, ids: readonly string[], edges: readonly Edge[]): string | undefined {
  if (t.type === "hub-spoke" && t.hub) return t.hub;
  if (t.type === "hierarchical" && t.root) return t.root;
  if (t.type === "pipeline" && t.stages?.[0] !== undefined) {
    const first = t.stages[0];
    return Array.isArray(first) ? first[0] : first;
  }
  const called = new Set(edges.map((e) => e.to));
  return ids.find((id) => !called.has(id)) ?? ids[0];
}

/**
 * @module workers/backends/offline-plan
 * Chooses which tools (or which peers through `query_agent`) the offline backend calls for a request, by word overlap
 * between the request and each tool's name + description (each peer's name + description for the peer tool).
 */
import type { ToolCall, ToolSpec } from "./backend";
import { fillArguments, isSpecificProp, placeRole } from "./offline-args";
import { clauses, escapeRegExp, hasPayload, instruction, mentions, overlap, places, queryTokens, refersBack, resolveReferences, stem, tokens } from "./offline-text";

/** A tool, or one peer behind the peer tool, that a request may be routed to. */
export interface Candidate {
  tool: ToolSpec;
  /** Set when the candidate is a peer reached through the peer tool. */
  peer?: string;
  /** Text the request is scored against. */
  doc: string;
  /** Literal name a request may use to address it ("ask weather …", "use get_quote"). */
  handle: string;
}

/** A bonus large enough that naming a peer or tool beats any description overlap. */
const NAMED_BONUS = 5;
/** Minimum score to call anything: one shared content word. */
const THRESHOLD = 1;

/** The peer tool is any tool whose `agent` parameter is an enum: the runtime's `query_agent`. */
function peerEnum(tool: ToolSpec): string[] | undefined {
  const agent = (tool.parameters.properties as Record<string, { enum?: unknown[] }> | undefined)?.agent;
  return Array.isArray(agent?.enum) ? agent.enum.filter((e): e is string => typeof e === "string") : undefined;
}

/** Peer descriptions from the peer tool's description lines `- name: description`. */
export function peerDescriptions(tool: ToolSpec): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tool.description.matchAll(/^\s*[-*•]\s*`?([\w.-]+)`?\s*[:—–-]\s*(.+)$/gm)) out.set(m[1]!, m[2]!.trim());
  return out;
}

export function candidates(tools: ToolSpec[]): Candidate[] {
  const out: Candidate[] = [];
  for (const tool of tools) {
    const peers = peerEnum(tool);
    if (!peers) {
      out.push({ tool, doc: `${tool.name} ${tool.description}`, handle: tool.name });
      continue;
    }
    const descriptions = peerDescriptions(tool);
    for (const peer of peers) out.push({ tool, peer, doc: `${peer} ${descriptions.get(peer) ?? ""}`, handle: peer });
  }
  return out;
}

const QUESTION = /^(what|who|whom|whose|which|when|where|why|how|explain|describe|define)\b|\?$/i;
const SEARCH_HINTS = ["search", "find", "look"].map(stem);

/** Larger still: the request addresses it ("ask maps …", "use the weather agent"), whatever else it mentions. */
const ADDRESSED_BONUS = 10;

function addressed(text: string, handle: string): boolean {
  const name = handle.toLowerCase().split(/[_\-\s]+/).map(escapeRegExp).join("[\\s_\\-]*");
  return new RegExp(`\\b(ask|use|via|using|query|tell|have)\\s+(the\\s+)?${name}\\b`, "i").test(text);
}

/** `hints` adds aliases and content hints (./offline-text queryTokens). */
export function score(c: Candidate, text: string, hints = true, extra: string[] = []): number {
  const named = addressed(text, c.handle) ? ADDRESSED_BONUS : mentions(text, c.handle) ? NAMED_BONUS : 0;
  return overlap([...(hints ? queryTokens(text) : tokens(text)), ...extra], c.doc) + named;
}

/** Candidates scoring at or above the threshold, best first; ties keep declaration order. */
export function ranked(cands: Candidate[], text: string, hints = true, extra: string[] = []): { c: Candidate; s: number }[] {
  return cands
    .map((c) => ({ c, s: score(c, text, hints, extra) }))
    .filter((x) => x.s >= THRESHOLD)
    .sort((a, b) => b.s - a.s);
}

export interface PlannedCall {
  candidate: Candidate;
  arguments: Record<string, unknown>;
  /**
   * Set on a clause that works on what the calls before it return ("… and summarise the key points"): it is
   * made in a second round, with those results appended to `clause`.
   */
  after?: { clause: string };
}

/** The call for a deferred clause, its request text followed by the first round's results. */
export function chainedCall(planned: PlannedCall, results: string[]): PlannedCall | undefined {
  if (!planned.after) return undefined;
  const args = argsFor(planned.candidate, `${planned.after.clause}:\n${results.join("\n")}`, []);
  return args ? { candidate: planned.candidate, arguments: args } : undefined;
}

function argsFor(c: Candidate, text: string, notPlaces: string[]): Record<string, unknown> | undefined {
  return fillArguments(c.tool.parameters, { text, notPlaces, ...(c.peer ? { agent: c.peer } : {}) });
}

/**
 * The best candidate whose required arguments can be filled from `text`. A candidate whose required arguments come
 * from precise extractors (a URL, a ticker, a place) gains two points: the request holds exactly what it needs.
 */
function best(cands: Candidate[], text: string, notPlaces: string[], extra: string[] = []): PlannedCall | undefined {
  let top: (PlannedCall & { total: number }) | undefined;
  for (const { c, s } of ranked(cands, text, true, extra)) {
    const args = argsFor(c, text, notPlaces);
    if (!args) continue;
    const specific = (c.tool.parameters.required ?? []).some((r) => isSpecificProp(r) && args[r] !== undefined) ? 2 : 0;
    if (!top || s + specific > top.total) top = { candidate: c, arguments: args, total: s + specific };
  }
  return top && { candidate: top.candidate, arguments: top.arguments };
}

/**
 * Plans the calls for a request. When it splits into clauses ("X and Y") that each clearly want a different tool
 * or peer, one call per clause (clauses matching nothing attach to the clause before them); otherwise one call.
 */
export function plan(tools: ToolSpec[], text: string): PlannedCall[] {
  const cands = candidates(tools);
  const notPlaces = cands.flatMap((c) => [c.handle, c.tool.name]);
  const parts = hasPayload(text) ? [text] : clauses(text);
  if (parts.length > 1) {
    const segments: { c?: Candidate; text: string }[] = [];
    for (const part of parts) {
      const top = ranked(cands, part)[0]?.c;
      const prev = segments[segments.length - 1];
      if (!top && prev) prev.text += ` and ${part}`;
      else if (top && prev && !prev.c) segments[segments.length - 1] = { c: top, text: `${prev.text} and ${part}` };
      else segments.push({ ...(top ? { c: top } : {}), text: part });
    }
    const calls: PlannedCall[] = [];
    let referred = 0;
    for (const [i, seg] of segments.entries()) {
      if (!seg.c) continue;
      const earlier = segments.slice(0, i).filter((e) => e.c);
      if (earlier.length && refersBack(seg.text, seg.c.doc)) {
        // No subject of its own: it works on what the others return; to a tool already called it adds nothing,
        // and a peer already asked gets the whole request instead of its first clause.
        referred++;
        const same = calls.find((k) => k.candidate === seg.c && !k.after);
        if (!same) calls.push({ candidate: seg.c, arguments: {}, after: { clause: seg.text } });
        else if (seg.c.peer) same.arguments = argsFor(seg.c, text, notPlaces) ?? same.arguments;
        continue;
      }
      const own = resolveReferences(seg.text, segments.slice(0, i).map((e) => e.text).join(" "), notPlaces);
      const args = argsFor(seg.c, own, notPlaces) ?? argsFor(seg.c, text, notPlaces);
      if (!args) continue;
      const same = calls.find((k) => k.candidate === seg.c && !k.after);
      // One question per peer: a peer picked by two clauses gets the whole request once.
      if (same && seg.c.peer) same.arguments = argsFor(seg.c, text, notPlaces) ?? same.arguments;
      else {
        for (const call of perPlace({ candidate: seg.c, arguments: args }, own, notPlaces)) {
          if (!calls.some((k) => k.candidate === call.candidate && JSON.stringify(k.arguments) === JSON.stringify(call.arguments))) calls.push(call);
        }
      }
    }
    if ((calls.length > 1 || referred > 0) && calls.some((k) => !k.after)) return calls;
  }
  // Material to look at (code, a text) that several peers are equally suited to: each of them gets it, the way
  // a review hub asks every reviewer rather than the first one listed.
  if (hasPayload(text)) {
    // Ranked on what the user asks for, not on the words inside the code or text they sent.
    const asked = instruction(text);
    const top = ranked(cands, tokens(asked).length ? asked : text);
    const tied = top.filter((x) => x.c.peer && x.s === top[0]!.s);
    const calls = tied.flatMap((x) => {
      const args = argsFor(x.c, text, notPlaces);
      return args ? [{ candidate: x.c, arguments: args }] : [];
    });
    if (calls.length > 1) return calls;
  }
  // A question nothing else fits is a research question: whatever searches may answer it.
  const one = best(cands, text, notPlaces) ?? (QUESTION.test(text.trim()) ? best(cands, text, notPlaces, SEARCH_HINTS) : undefined);
  return one ? perPlace(one, text, notPlaces) : [];
}

/** At most this many calls for one request that names several places. */
const MAX_PLACES = 5;

/**
 * A tool that takes one place, asked about several ("the weather in Berlin and Rome"): one call per place.
 * Route tools (an origin and a destination) are not split.
 */
function perPlace(call: PlannedCall, text: string, notPlaces: string[]): PlannedCall[] {
  if (call.candidate.peer) return [call];
  const roles = Object.keys(call.candidate.tool.parameters.properties ?? {}).map((name) => ({ name, role: placeRole(name) }));
  const single = roles.filter((r) => r.role === "place");
  if (single.length !== 1 || roles.some((r) => r.role === "origin" || r.role === "destination")) return [call];
  const prop = single[0]!.name;
  const pool = places(text, notPlaces).slice(0, MAX_PLACES);
  if (pool.length < 2 || call.arguments[prop] !== pool[0]!.name) return [call];
  return pool.map((p) => ({ ...call, arguments: { ...call.arguments, [prop]: p.name } }));
}

/** Peer names listed in a tool error ("unknown agent 'x'; valid agents: weather, maps"), in order. */
export function validOptions(error: string): string[] {
  const m = error.match(/valid (?:agents?|peers?|options?|names?|values?)\s*(?:are|is)?\s*[:=]?\s*(.+)$/im);
  if (!m) return [];
  return m[1]!
    .split(/[,;|]|\s+or\s+|\s+and\s+/)
    .map((s) => s.trim().replace(/^[\s'"`[(]+|[\s'"`\]).]+$/g, ""))
    .filter((s) => /^[\w.-]+$/.test(s));
}

/**
 * The retry for a call that failed with a list of valid options: the option resembling the value that failed
 * ("weather_agent" → "weather"), else the one that best matches the user's request; undefined if none does.
 */
export function retryCall(failed: ToolCall, error: string, userText: string, id: string): ToolCall | undefined {
  const options = validOptions(error);
  if (!options.length) return undefined;
  const [key, bad] = Object.entries(failed.arguments).find(([, v]) => typeof v === "string" && (error.includes(v) || !options.includes(v))) ?? [];
  if (key === undefined || typeof bad !== "string") return undefined;
  const b = bad.toLowerCase();
  const similar = options.find((o) => b.includes(o.toLowerCase()) || o.toLowerCase().includes(b));
  const byQuery = options.map((o) => ({ o, s: overlap(tokens(userText), o) + (mentions(userText, o) ? NAMED_BONUS : 0) })).filter((x) => x.s > 0).sort((x, y) => y.s - x.s)[0]?.o;
  const pick = similar ?? byQuery;
  if (!pick || pick === bad) return undefined;
  return { id, name: failed.name, arguments: { ...failed.arguments, [key]: pick } };
}

/**
 * @module workers/backends/offline-args
 * Fills a tool's arguments from the user's text by reading its JSON Schema: enums from words mentioned, free text for
 * query-like fields, places, tickers, numbers and URLs by name and type, schema defaults otherwise.
 * Returns undefined when a required property cannot be filled, so the caller does not call that tool.
 */
import type { JsonSchema } from "./backend";
import { arithmetic, codePayload, mentions, numbers, payload, places, tickers, urls, type Place } from "./offline-text";

type Prop = { type?: string | string[]; enum?: unknown[]; default?: unknown; items?: Prop; description?: string };

/** Property names that take the request's free text. */
const TEXT_PROPS = /^(query|q|question|text|content|claim|statement|prompt|message|input|topic|body|document|search|keywords?|request|task)$/i;
const CODE_PROPS = /^(code|source_code|source|snippet|program)$/i;
const ORIGIN_PROPS = /^(origin|from|start|source_city|from_city|departure)$/i;
const DEST_PROPS = /^(destination|to|end|target_city|to_city|arrival|dest)$/i;
const PLACE_PROPS = /^(location|city|place|region|country|area|where)$/i;
const PLACE_LIST_PROPS = /^(locations|cities|places)$/i;
/** Stops between an origin and a destination: the places those two did not take, in order. */
const WAYPOINT_PROPS = /^(waypoints|stops|via|through)$/i;
const TICKER_PROPS = /^(symbol|ticker|stock)_?\d*$/i;
const TICKER_LIST_PROPS = /^(symbols|tickers|stocks)$/i;
const URL_PROPS = /^(url|uri|link|href)$/i;

export interface FillContext {
  /** The text this call is about (the whole query or one clause of it). */
  text: string;
  /** Names that must never be read as places (peer names, tool names). */
  notPlaces?: string[];
  /** Value for the peer tool's `agent` enum, chosen by the caller. */
  agent?: string;
}

function typeOf(p: Prop): string | undefined {
  return Array.isArray(p.type) ? p.type.find((t) => t !== "null") : p.type;
}

/** Picks origin/destination by their prepositions ("to Paris from Tokyo" still works), others by order. */
function takePlace(pool: Place[], used: Set<string>, kind: "origin" | "dest" | "any"): string | undefined {
  const free = pool.filter((p) => !used.has(p.name));
  const want = kind === "origin" ? ["from"] : kind === "dest" ? ["to", "and"] : ["in", "at", "for", "near", "of", "around"];
  // In order of preference: "to Rome" names a destination more surely than "and Rome".
  const pick = want.map((w) => free.find((p) => p.preposition === w)).find(Boolean) ?? free[0];
  if (pick) used.add(pick.name);
  return pick?.name;
}

export function fillArguments(schema: JsonSchema, ctx: FillContext): Record<string, unknown> | undefined {
  const props = (schema.properties ?? {}) as Record<string, Prop>;
  const required = new Set(schema.required ?? []);
  const pool = places(ctx.text, ctx.notPlaces);
  const usedPlaces = new Set<string>();
  const nums = numbers(ctx.text);
  let numIdx = 0;
  const tickerList = tickers(ctx.text);
  let tickerIdx = 0;
  const args: Record<string, unknown> = {};

  for (const [name, prop] of Object.entries(props)) {
    const type = typeOf(prop);
    let value: unknown;
    if (Array.isArray(prop.enum)) {
      if (name === "agent" && ctx.agent !== undefined && prop.enum.includes(ctx.agent)) value = ctx.agent;
      else value = prop.enum.find((e) => typeof e === "string" && mentions(ctx.text, e)) ?? prop.enum.find((e) => typeof e !== "string" && ctx.text.includes(String(e)));
    } else if (type === "string" && /^(expression|expr|formula)$/i.test(name)) {
      value = arithmetic(ctx.text);
    } else if (type === "string" && /^(query|q|question|request|task|prompt|message)$/i.test(name)) {
      value = ctx.text.trim();
    } else if (type === "string" && CODE_PROPS.test(name)) {
      value = codePayload(ctx.text);
    } else if (type === "string" && TEXT_PROPS.test(name)) {
      value = payload(ctx.text);
    } else if (type === "string" && ORIGIN_PROPS.test(name)) {
      value = takePlace(pool, usedPlaces, "origin");
    } else if (type === "string" && DEST_PROPS.test(name)) {
      value = takePlace(pool, usedPlaces, "dest");
    } else if (type === "string" && PLACE_PROPS.test(name)) {
      value = takePlace(pool, usedPlaces, "any");
    } else if (type === "array" && WAYPOINT_PROPS.test(name)) {
      const rest = pool.filter((p) => !usedPlaces.has(p.name)).map((p) => p.name);
      value = rest.length ? rest : undefined;
    } else if (type === "array" && PLACE_LIST_PROPS.test(name)) {
      value = pool.length ? pool.map((p) => p.name) : undefined;
    } else if (type === "string" && TICKER_PROPS.test(name)) {
      value = tickerList[tickerIdx++];
    } else if (type === "array" && TICKER_LIST_PROPS.test(name)) {
      value = tickerList.length ? tickerList : undefined;
    } else if (type === "string" && URL_PROPS.test(name)) {
      value = urls(ctx.text)[0];
    } else if (type === "number" || type === "integer") {
      const n = nums[numIdx];
      if (n !== undefined) {
        numIdx++;
        value = type === "integer" ? Math.round(n) : n;
      }
    }
    if (value === undefined && prop.default !== undefined) value = prop.default;
    if (value === undefined) {
      if (required.has(name)) return undefined;
      continue;
    }
    args[name] = value;
  }
  return args;
}

/** Properties filled by a precise extractor (place, ticker, URL, arithmetic), not just the request text. */
export function isSpecificProp(name: string): boolean {
  return [ORIGIN_PROPS, DEST_PROPS, PLACE_PROPS, PLACE_LIST_PROPS, TICKER_PROPS, TICKER_LIST_PROPS, URL_PROPS].some((re) => re.test(name)) || /^(expression|expr|formula)$/i.test(name);
}

/** What a property holds when it is a place: one place, or an end of a route. */
export function placeRole(name: string): "place" | "origin" | "destination" | undefined {
  if (PLACE_PROPS.test(name)) return "place";
  if (ORIGIN_PROPS.test(name)) return "origin";
  if (DEST_PROPS.test(name)) return "destination";
  return undefined;
}

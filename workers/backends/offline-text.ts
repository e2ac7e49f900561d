/**
 * @module workers/backends/offline-text
 * The small text toolkit the offline backend reasons with: tokens with stop words removed and crude stemming,
 * overlap scores, and extractors for places, tickers, numbers and arithmetic. Deterministic, no dictionaries.
 */

const STOP_WORDS = new Set(
  (
    "a an the and or but of in on at to for from by with about into over under between is are was were be been being am " +
    "do does did have has had what whats which who whom whose when where why how can could would should will shall may " +
    "might must me my i you your we our us it its this that these those there here please tell give show let get find " +
    "some any all much many more most also just then than so as if not no yes very really ask agent agents tool tools " +
    "use using query question know want need like"
  ).split(" "),
);

/** Words that start a request and are capitalised only because they start it (never place names). */
const COMMAND_WORDS = new Set(
  "what whats how tell please ask show give find get compare check summarize summarise lint scan search is are can could would will which who where when why calculate compute measure review explain list fetch and the in route plan distance drive travel weather forecast research verify quote".split(" "),
);

/** Crude suffix stripping: enough to match "cities"/"city", "checking"/"check", "distances"/"distance". */
export function stem(word: string): string {
  let w = word.toLowerCase();
  if (w.length > 4 && w.endsWith("ies")) return w.slice(0, -3) + "y";
  if (w.length > 5 && w.endsWith("ing")) w = w.slice(0, -3);
  else if (w.length > 4 && w.endsWith("ed")) w = w.slice(0, -2);
  else if (w.length > 4 && w.endsWith("es") && /(ss|sh|ch|x|z)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith("s") && !w.endsWith("ss")) w = w.slice(0, -1);
  // British and American spellings meet ("summarize"/"summarises"), and a final "e" never decides a match.
  w = w.replace(/iz(e?)$/, "is$1");
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1);
  return w;
}

/** A few everyday words mapped to the words tool descriptions use ("how far" is about distance). */
const RAW_ALIASES: Record<string, string[]> = {
  far: ["distance"], km: ["distance"], miles: ["distance"], kilometers: ["distance"],
  hot: ["weather"], cold: ["weather"], warm: ["weather"], rain: ["weather"], sunny: ["weather"], temperature: ["weather"], forecast: ["weather"], humid: ["weather"], wind: ["weather"],
  price: ["stock", "quote"], share: ["stock", "quote"], ticker: ["stock", "quote", "symbol"],
  true: ["claim", "check", "fact"], false: ["claim", "check", "fact"], verify: ["claim", "check", "fact"], accurate: ["claim", "check"], correct: ["claim", "check"],
  research: ["search"], investigate: ["search"],
  drive: ["route", "travel"], driving: ["route", "travel"], walk: ["route", "travel"], train: ["route", "travel"], fly: ["route", "travel"], flight: ["route", "travel"], trip: ["route", "travel"], journey: ["route", "travel"],
  safe: ["security"], secure: ["security"], vulnerable: ["security"], vulnerability: ["security"], review: ["code"],
  tldr: ["summarise"], shorten: ["summarise"], math: ["arithmetic", "calculate"], compute: ["calculate", "arithmetic"],
};
const ALIASES: Record<string, string[]> = Object.fromEntries(Object.entries(RAW_ALIASES).map(([k, v]) => [stem(k), v.map(stem)]));

/**
 * The query's tokens plus aliases and hints from what the text contains: arithmetic suggests a calculator, a
 * ticker a stock tool, a URL a fetcher, a code block a code tool.
 */
export function queryTokens(text: string): string[] {
  const base = tokens(text);
  const extra = base.flatMap((t) => ALIASES[t] ?? []);
  if (arithmetic(text)) extra.push(...["arithmetic", "expression", "calculate", "math"].map(stem));
  // One hint word only: hints tip a tie towards a kind of tool, they must not outvote the request's own words.
  if (tickers(text).length) extra.push(stem("stock"));
  if (urls(text).length) extra.push(...["url", "fetch", "document"].map(stem));
  if (/\bfrom\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*\s+to\s+[A-Z]/.test(text)) extra.push(stem("route"));
  if (/```|\bfunction\b|=>|;\s*$/m.test(text)) extra.push(...["code", "source"].map(stem));
  return [...base, ...extra];
}

/** Content-word stems of `text`; `snake_case` and `camelCase` names split into words. */
export function tokens(text: string): string[] {
  const words = text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  return words.map(stem);
}

/** How many distinct query stems appear in the document: the whole relevance model. */
export function overlap(queryTokens: string[], docText: string): number {
  const doc = new Set(tokens(docText));
  return new Set(queryTokens.filter((t) => doc.has(t))).size;
}

/** True when `name` (e.g. `fact_checker`) appears in the text as words, with `_`/`-` read as spaces or kept. */
export function mentions(text: string, name: string): boolean {
  const words = name.toLowerCase().split(/[_\-\s]+/).filter(Boolean).map(escapeRegExp);
  if (!words.length) return false;
  return new RegExp(`(^|[^a-z0-9])${words.join("[\\s_\\-]*")}([^a-z0-9]|$)`, "i").test(text);
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export interface Place {
  name: string;
  /** The lowercase word right before the place ("from", "to", "in", …), if any. */
  preposition?: string;
}

/**
 * Capitalised words or runs of them ("New York"), skipping sentence-initial command words ("What", "Tell") and
 * all-caps tickers. Order is the order of appearance; repeats are dropped.
 */
export function places(text: string, exclude: string[] = []): Place[] {
  const excluded = new Set(exclude.map((e) => e.toLowerCase()));
  const out: Place[] = [];
  const re = /\b([A-Z][a-zà-ÿ'’\-]+(?:\s+[A-Z][a-zà-ÿ'’\-]+)*)/g;
  for (const m of text.matchAll(re)) {
    let name = m[1] ?? "";
    let index = m.index ?? 0;
    // Drop leading command words: "Compare Tokyo" → "Tokyo"; "What" → nothing.
    while (name && COMMAND_WORDS.has(name.split(/\s+/)[0]!.toLowerCase().replace(/['’]/g, ""))) {
      const rest = name.replace(/^\S+\s*/, "");
      index += name.length - rest.length;
      name = rest;
    }
    const lower = name.toLowerCase().replace(/['’]s?$/, "");
    if (!name || name.length < 2 || excluded.has(lower) || STOP_WORDS.has(lower) || COMMAND_WORDS.has(lower)) continue;
    if (out.some((p) => p.name === name)) continue;
    const before = text.slice(0, index).match(/([A-Za-z]+)\s*$/);
    out.push({ name, ...(before?.[1] ? { preposition: before[1].toLowerCase() } : {}) });
  }
  return out;
}

/** Words that are written in capitals but are not tickers. */
const NOT_TICKERS = new Set(["I", "A", "OK", "AND", "OR", "THE", "IS", "IT", "US", "USA", "UK", "EU", "PE", "AI", "API", "URL", "CEO", "ETF", "USD", "EUR", "GDP", "FAQ", "TODO", "JSON", "HTTP"]);

/** Upper-case tickers of 2–5 letters, or `$X` for one-letter ones ("A" alone is usually a word). */
export function tickers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(\$)?\b([A-Z]{1,5})\b(?!\/)/g)) {
    const t = m[2]!;
    if (!m[1] && (t.length < 2 || NOT_TICKERS.has(t))) continue;
    if (/[/]$/.test(text.slice(0, m.index ?? 0))) continue;
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** Numbers in order of appearance; "1,200" is 1200 and "5%" is 5. */
export function numbers(text: string): number[] {
  return [...text.matchAll(/-?\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, ""))).filter(Number.isFinite);
}

/** The longest arithmetic run in the text ("what is (2+3)*4?" → "(2+3)*4"); needs a digit and an operator. */
export function arithmetic(text: string): string | undefined {
  // "15% of 200" is arithmetic in words; the calculator reads it as written.
  const percentOf = /\d+(?:\.\d+)?\s*%\s*of\s*\d+(?:\.\d+)?/i.exec(text)?.[0];
  if (percentOf) return percentOf;
  const runs = text.match(/[\d(][\d\s.+\-*/^%()x×÷]*[\d)%]/g) ?? [];
  // A lone "5%" or "2024" is a number, not arithmetic: require a real operator between operands.
  const candidates = runs.map((r) => r.trim()).filter((r) => /\d/.test(r) && /[+\-*/^×÷]|\d\s*x\s*\d/.test(r.replace(/^-/, "")));
  const best = candidates.sort((a, b) => b.length - a.length)[0];
  return best?.replace(/×|(?<=\d\s*)x(?=\s*\d)/g, "*").replace(/÷/g, "/");
}

/** The substantive part of a request: a fenced code block, else what follows the first "label:", else it all. */
export function payload(text: string): string {
  const fenced = text.match(/```[a-zA-Z0-9_-]*\n?([\s\S]*?)```/);
  if (fenced?.[1]?.trim()) return fenced[1].replace(/\n$/, "");
  const colon = text.indexOf(":");
  if (colon >= 0 && text.length - colon > 10 && !/https?$/i.test(text.slice(0, colon))) return text.slice(colon + 1).trim();
  return text.trim();
}

/** Code in a request: a fenced block, else after "label:", else from the first code-looking line or sentence on. */
export function codePayload(text: string): string {
  const p = payload(text);
  if (p !== text.trim()) return p;
  const start = text.search(/(^|[?.!]\s+)(?=(function|def|class|const|let|var|import|export|async|if|for|while|return|public|package|#include)\b|[\w.]+\s*\()/m);
  return start > 0 ? text.slice(start).replace(/^[?.!\s]+/, "") : text.trim();
}

/** The request without its payload: what the user asks to be done with it ("Review this code"). */
export function instruction(text: string): string {
  const fenced = text.replace(/```[a-zA-Z0-9_-]*\n?[\s\S]*?```/g, " ").trim();
  if (fenced !== text.trim()) return fenced;
  const p = codePayload(text);
  if (p === text.trim()) return text.trim();
  const at = text.lastIndexOf(p);
  return (at > 0 ? text.slice(0, at) : "").replace(/[:\s]+$/, "").trim();
}

/** True when the request carries code or a labelled payload, whose `;`/`and` must not split it into clauses. */
export function hasPayload(text: string): boolean {
  return payload(text) !== text.trim() || /[{}=]|```|\n/.test(text);
}

/** URLs in order of appearance. */
export function urls(text: string): string[] {
  return [...text.matchAll(/https?:\/\/[^\s"'<>)]+/g)].map((m) => m[0].replace(/[.,;]$/, ""));
}

/** Words by which a clause points back at what earlier clauses found ("summarise the key points"). */
const BACK_REFERENCES = new Set(["them", "result", "finding", "answer", "output", "point", "key", "main", "above", "previous", "found"].map(stem));

/**
 * True when a clause asks for something to be done to earlier results rather than naming its own subject: it
 * holds no place, ticker, number, URL or code, and every word is either the tool's own vocabulary (`doc`) or
 * a back reference.
 */
export function refersBack(clause: string, doc: string): boolean {
  if (hasPayload(clause) || places(clause).length || tickers(clause).length || numbers(clause).length || urls(clause).length) return false;
  const words = tokens(clause);
  const vocabulary = new Set(tokens(doc));
  return words.length > 0 && words.every((w) => vocabulary.has(w) || BACK_REFERENCES.has(w));
}

/** Splits a request into parts that may each want a different tool ("X and Y", "X; also Y"). */
export function clauses(text: string): string[] {
  return text
    .split(/\s*(?:[;?]|\band also\b|\balso\b|\band then\b|\bthen\b|\band\b)\s*/i)
    .map((c) => c.trim())
    // "What's 2+2" has no word to match, but it is a question of its own.
    .filter((c) => tokens(c).length > 0 || arithmetic(c) !== undefined || places(c).length > 0);
}

/**
 * What a clause's "there" or "it" stands for, from the clauses before it: "is it raining there" is about the
 * last place named; "how far is it from London" after "the weather in Tokyo" measures from London to Tokyo.
 */
export function resolveReferences(clause: string, before: string, exclude: string[] = []): string {
  const own = places(clause, exclude);
  const last = places(before, exclude).at(-1);
  if (!last || own.some((p) => p.name === last.name)) return clause;
  if (/\bthere\b/i.test(clause) && !own.length) return clause.replace(/\b(over |up |down |out )?there\b/i, `in ${last.name}`);
  // "how far is it from London", after "the weather in Tokyo": "it" is Tokyo, the route's other end.
  const end = own.length === 1 && /\b(it|that)\b/i.test(clause) ? own[0]!.preposition : undefined;
  if (end === "from") return clause.replace(/[?.!\s]*$/, ` to ${last.name}`);
  if (end === "to") return clause.replace(/[?.!\s]*$/, ` from ${last.name}`);
  return clause;
}

/**
 * @module workers/tools/text/words
 * Word-level text processing shared by search, summarising and fact checking: tokens, stop words, a light stemmer.
 */

export const STOP_WORDS = new Set(
  ("a about above after again against all am an and any are as at be because been before being below between both but by " +
    "can could did do does doing down during each few for from further had has have having he her here hers herself him himself " +
    "his how i if in into is it its itself just me more most my myself nor of off on once only or other our ours ourselves out " +
    "over own same she should so some such than that the their theirs them themselves then there these they this those through " +
    "to too under until up very was we were what when where which while who whom why will with would you your yours yourself " +
    "also may might must shall us per via etc what's it's").split(" "),
);

/** Words that flip a statement's meaning; kept out of STOP_WORDS' reach by the fact checker. */
export const NEGATIONS = new Set(["not", "no", "never", "none", "neither", "nor", "cannot", "isn't", "aren't", "wasn't", "weren't", "doesn't", "don't", "didn't", "won't", "can't", "without"]);

/** Removes common English suffixes so "cities"/"city" and "running"/"run" meet. Deliberately crude but stable. */
export function stem(w: string): string {
  if (w.length <= 3 || /\d/.test(w)) return w;
  if (w.endsWith("ies") && w.length > 4) return w.slice(0, -3) + "y";
  if (w.endsWith("sses")) return w.slice(0, -2);
  if (w.endsWith("ing") && w.length > 5) return undouble(w.slice(0, -3));
  if (w.endsWith("ed") && w.length > 4) return undouble(w.slice(0, -2));
  if (w.endsWith("es") && /(sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) return w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  return /([bdgmnprt])\1$/.test(w) ? w.slice(0, -1) : w;
}

/** Lower-cased word tokens, numbers included ("8,849" → "8849"); keeps apostrophes inside words. */
export function words(text: string): string[] {
  const out: string[] = [];
  const re = /\d[\d,]*(?:\.\d+)?|[\p{L}][\p{L}\p{N}'’]*/gu;
  for (const m of text.toLowerCase().matchAll(re)) {
    let w = m[0].replace(/’/g, "'");
    if (/^\d/.test(w)) w = w.replace(/,(?=\d{3}\b)/g, "").replace(/,$/, "");
    out.push(w.replace(/'s$/, ""));
  }
  return out;
}

/** Content terms: words minus stop words, stemmed. */
export function terms(text: string): string[] {
  return words(text)
    .filter((w) => !STOP_WORDS.has(w) && (w.length > 1 || /\d/.test(w)))
    .map(stem);
}

/** Numbers mentioned in a text, e.g. "8,849 m and 1.1°C" → [8849, 1.1]. */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(/(?<![\w.])\d[\d,]*(?:\.\d+)?/g)].map((m) => Number(m[0].replace(/,/g, ""))).filter(Number.isFinite);
}

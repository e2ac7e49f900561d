/**
 * @module workers/tools/text/sentences
 * Sentence splitting that survives abbreviations ("e.g.", "Dr.", "U.S."), decimals and initials.
 */

const ABBREVIATIONS = new Set(["e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "inc", "ltd", "co", "corp", "no", "fig", "approx", "u.s", "u.k", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"]);

/** Splits text into trimmed sentences, in order. Newline-separated lines (bullets, headings) count as sentences too. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)/)) {
    const flat = block.replace(/\s+/g, " ").trim();
    if (!flat) continue;
    let start = 0;
    const re = /[.!?]+["')\]]*(?=\s+|$)/g;
    for (const m of flat.matchAll(re)) {
      const end = m.index + m[0].length;
      const before = flat.slice(start, m.index);
      const lastWord = (/(\S+)$/.exec(before)?.[1] ?? "").toLowerCase();
      const next = flat.slice(end).trimStart();
      // An abbreviation or a single initial ("J. Smith") does not end a sentence unless nothing follows.
      if (next && m[0] === "." && (ABBREVIATIONS.has(lastWord.replace(/^[("']/, "")) || /^[a-z]$/i.test(lastWord))) continue;
      // A lower-case continuation usually means the period was not a sentence end.
      if (next && /^[a-z]/.test(next) && m[0] === ".") continue;
      const s = flat.slice(start, end).trim();
      if (s) out.push(s);
      start = end;
    }
    const rest = flat.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out.map((s) => s.replace(/^[-*•]\s+/, ""));
}

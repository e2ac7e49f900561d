/**
 * @module workers/tools/text/extractive
 * Luhn-style extractive summarisation: score sentences by the normalised frequency of their content words,
 * keep the best ones, and return them in their original order. No rewriting, so nothing can be invented.
 */
import { splitSentences } from "./sentences";
import { terms } from "./words";

export interface ScoredSentence {
  index: number;
  text: string;
  score: number;
}

/** Jaccard similarity of two sentences' term sets, used to drop near-duplicates. */
function similarity(a: Set<string>, b: Set<string>): number {
  let inter = 0;
  for (const t of a) if (b.has(t)) inter++;
  return inter / Math.max(1, a.size + b.size - inter);
}

export function scoreSentences(text: string): ScoredSentence[] {
  const sentences = splitSentences(text);
  const freq = new Map<string, number>();
  for (const s of sentences) for (const t of terms(s)) freq.set(t, (freq.get(t) ?? 0) + 1);
  const max = Math.max(1, ...freq.values());
  return sentences.map((s, index) => {
    const ts = terms(s);
    const sum = ts.reduce((acc, t) => acc + (freq.get(t) ?? 0) / max, 0);
    // Dividing by sqrt(length) rewards dense sentences without favouring fragments; the lead sentence gets a nudge
    // because it usually states the topic.
    const lead = index === 0 ? 1.15 : 1;
    const score = ts.length === 0 ? 0 : (sum / Math.sqrt(ts.length)) * lead;
    return { index, text: s, score };
  });
}

/** The `n` best sentences (skipping near-duplicates), in original order. */
export function topSentences(text: string, n: number): { picked: ScoredSentence[]; total: number } {
  const scored = scoreSentences(text);
  const ranked = [...scored].sort((a, b) => b.score - a.score || a.index - b.index);
  const picked: ScoredSentence[] = [];
  const pickedTerms: Set<string>[] = [];
  for (const s of ranked) {
    if (picked.length >= n) break;
    const ts = new Set(terms(s.text));
    if (pickedTerms.some((p) => similarity(p, ts) > 0.7)) continue;
    picked.push(s);
    pickedTerms.push(ts);
  }
  picked.sort((a, b) => a.index - b.index);
  return { picked, total: scored.length };
}

/** The most frequent content words (unstemmed surface forms are not kept; stems are fine as topic hints). */
export function topTerms(text: string, n: number): string[] {
  const freq = new Map<string, number>();
  for (const t of terms(text)) if (!/^\d/.test(t)) freq.set(t, (freq.get(t) ?? 0) + 1);
  return [...freq.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([t]) => t);
}

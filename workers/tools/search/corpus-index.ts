/**
 * @module workers/tools/search/corpus-index
 * The shared BM25 index over the offline corpus (title counted twice so a title match outranks a passing mention)
 * and helpers for picking the sentence of a document that best matches a query.
 */
import { CORPUS, type CorpusDoc } from "../../data/corpus";
import { splitSentences } from "../text/sentences";
import { terms } from "../text/words";
import { Bm25Index } from "./bm25";

let index: Bm25Index | undefined;

export function corpusIndex(): Bm25Index {
  index ??= new Bm25Index(CORPUS.map((d) => `${d.title} ${d.title} ${d.text}`));
  return index;
}

/** The sentence sharing the most query terms; the first sentence when none match. */
export function bestSentence(doc: CorpusDoc, query: string): string {
  const q = new Set(terms(query));
  let best = "";
  let bestScore = -1;
  for (const s of splitSentences(doc.text)) {
    const score = new Set(terms(s).filter((t) => q.has(t))).size;
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/** Canonical form of a URL for lookups: no scheme, no "www.", no trailing slash, no fragment, lower-case host. */
export function normalizeUrl(url: string): string {
  const trimmed = url.trim().replace(/#.*$/, "");
  const noScheme = trimmed.replace(/^[a-z]+:\/\//i, "").replace(/^www\./i, "");
  const slash = noScheme.indexOf("/");
  const host = (slash < 0 ? noScheme : noScheme.slice(0, slash)).toLowerCase();
  const path = slash < 0 ? "" : noScheme.slice(slash);
  return (host + path).replace(/\/+$/, "");
}

export function findDocByUrl(url: string): CorpusDoc | undefined {
  const key = normalizeUrl(url);
  return CORPUS.find((d) => normalizeUrl(d.url) === key);
}

/**
 * @module workers/tools/factcheck/verify
 * Claim verification against the offline corpus. Evidence = corpus sentences ranked by idf-weighted coverage of the
 * claim's terms. A verdict is "contradicted" only on a concrete conflict (a number, a negation or a swapped name
 * in otherwise matching evidence), "supported" only on high coverage, and "unverifiable" otherwise.
 */
import { CORPUS, type CorpusDoc } from "../../data/corpus";
import { corpusIndex } from "../search/corpus-index";
import { splitSentences } from "../text/sentences";
import { NEGATIONS, numbersIn, stem, STOP_WORDS, terms, words } from "../text/words";

export type Verdict = "supported" | "contradicted" | "unverifiable";

interface Candidate {
  doc: CorpusDoc;
  sentence: string;
  coverage: number;
  /** Coverage ignoring numeric terms, used to decide whether a number mismatch is about the same fact. */
  textCoverage: number;
  known: Set<string>;
}

export interface Verification {
  verdict: Verdict;
  confidence: number;
  reason: string;
  evidence: { sentence: string; url: string; title: string }[];
}

const isNumeric = (t: string) => /^\d/.test(t);

function claimTerms(claim: string): string[] {
  return [...new Set(terms(claim).filter((t) => !NEGATIONS.has(t)))];
}

let sentenceIndex: { doc: CorpusDoc; sentence: string; terms: Set<string> }[] | undefined;
function sentences() {
  sentenceIndex ??= CORPUS.flatMap((doc) => {
    const titleTerms = terms(doc.title);
    return splitSentences(doc.text).map((sentence) => ({ doc, sentence, terms: new Set([...terms(sentence), ...titleTerms]) }));
  });
  return sentenceIndex;
}

function coverage(ts: string[], known: Set<string>): number {
  const idx = corpusIndex();
  let hit = 0;
  let all = 0;
  for (const t of ts) {
    const w = idx.idf(t);
    all += w;
    if (known.has(t)) hit += w;
  }
  return all === 0 ? 0 : hit / all;
}

function hasNegation(text: string): boolean {
  return words(text).some((w) => NEGATIONS.has(w));
}

/** Capitalised words after the first one ("Tokyo is the capital of China" → ["china"]), stemmed like terms. */
function properNouns(text: string): string[] {
  const out: string[] = [];
  const tokens = [...text.matchAll(/[\p{L}][\p{L}\p{N}'-]*/gu)].map((m) => m[0]);
  tokens.forEach((t, i) => {
    const lower = t.toLowerCase();
    if (i > 0 && /^\p{Lu}/u.test(t) && !STOP_WORDS.has(lower)) out.push(stem(lower.replace(/'s$/, "")));
  });
  return out;
}

/** Whether a claim's number matches one in the evidence: years exactly, other numbers within 2%. */
function numberMatches(n: number, candidates: number[]): boolean {
  const isYear = Number.isInteger(n) && n >= 1000 && n <= 2100;
  return candidates.some((c) => (isYear ? c === n : Math.abs(c - n) <= Math.max(1e-9, Math.abs(n) * 0.02)));
}

function judge(claim: string, c: Candidate): { verdict: Verdict; reason: string } | undefined {
  const claimNums = numbersIn(claim);
  const evNums = numbersIn(c.sentence);
  if (c.textCoverage >= 0.6) {
    const missing = claimNums.filter((n) => !numberMatches(n, evNums));
    if (missing.length > 0 && evNums.length > 0) {
      return { verdict: "contradicted", reason: `the source gives ${evNums.join(", ")} where the claim says ${missing.join(", ")}` };
    }
    if (hasNegation(claim) !== hasNegation(c.sentence) && c.textCoverage >= 0.7) {
      return { verdict: "contradicted", reason: "the source states the opposite (negation differs)" };
    }
    const claimNames = properNouns(claim);
    const absent = claimNames.filter((n) => !c.known.has(n));
    const evNames = properNouns(c.sentence).filter((n) => !claimNames.includes(n));
    const rest = claimTerms(claim).filter((t) => !absent.includes(t));
    if (absent.length > 0 && evNames.length > 0 && coverage(rest, c.known) >= 0.75) {
      return { verdict: "contradicted", reason: `the source names ${evNames.join(", ")}, not ${absent.join(", ")}` };
    }
  }
  if (c.coverage >= 0.7 && claimNums.every((n) => numberMatches(n, evNums))) {
    return { verdict: "supported", reason: "a source sentence states the same facts" };
  }
  return undefined;
}

/** Drops question framing ("Is it true that …?", "Verify: …") so only the statement itself is scored. */
export function stripFraming(text: string): string {
  return text
    .replace(/^\s*(?:please\s+)?(?:(?:fact[- ]?check|verify|check|confirm)(?:\s+(?:whether|if|that))?|is it (?:true|correct|right|a fact) that|true or false)\s*[:,-]?\s*/i, "")
    .replace(/\?+\s*$/, "")
    .trim();
}

export function verifyClaim(rawClaim: string): Verification {
  const claim = stripFraming(rawClaim) || rawClaim;
  const ts = claimTerms(claim);
  const textTerms = ts.filter((t) => !isNumeric(t));
  const candidates: Candidate[] = sentences()
    .map(({ doc, sentence, terms: known }) => ({ doc, sentence, known, coverage: coverage(ts, known), textCoverage: coverage(textTerms, known) }))
    .filter((c) => c.coverage >= 0.3)
    .sort((a, b) => b.coverage - a.coverage || b.textCoverage - a.textCoverage);
  const evidence = (list: Candidate[]) => list.slice(0, 3).map((c) => ({ sentence: c.sentence, url: c.doc.url, title: c.doc.title }));
  for (const c of candidates.slice(0, 5)) {
    const v = judge(claim, c);
    if (v) {
      const rest = candidates.filter((x) => x !== c && x.coverage >= 0.5);
      return { ...v, confidence: Math.round(Math.max(c.coverage, c.textCoverage) * 100) / 100, evidence: evidence([c, ...rest]) };
    }
  }
  return {
    verdict: "unverifiable",
    confidence: 0,
    reason: candidates.length ? "related sources exist but none states or refutes this claim" : "no source in the reference corpus covers this claim",
    evidence: evidence(candidates),
  };
}

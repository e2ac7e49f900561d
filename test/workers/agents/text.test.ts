/**
 * @module test/workers/agents/text.test
 * Search (BM25 ranking, fetch_url), summarising and fact checking over the offline corpus.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { Bm25Index } from "../../../workers/tools/search/bm25";
import { webSearch } from "../../../workers/tools/search/web-search";
import { fetchUrl, isPrivateHost } from "../../../workers/tools/search/fetch-url";
import { splitSentences } from "../../../workers/tools/text/sentences";
import { stem, terms } from "../../../workers/tools/text/words";
import { extractKeyPoints, summarize } from "../../../workers/tools/text/summarize";
import { CORPUS } from "../../../workers/data/corpus";
import { runTool } from "./helpers";

describe("text basics", () => {
  it("stems and drops stop words", () => {
    expect(stem("cities")).toBe("city");
    expect(stem("running")).toBe("run");
    expect(terms("The cities of the world")).toEqual(["city", "world"]);
    expect(terms("8,849 metres")).toEqual(["8849", "metre"]);
  });

  it("splits sentences around abbreviations and decimals", () => {
    expect(splitSentences("Dr. Smith paid 3.5 dollars, e.g. for tea. Then he left! Did he? Yes.")).toEqual([
      "Dr. Smith paid 3.5 dollars, e.g. for tea.",
      "Then he left!",
      "Did he?",
      "Yes.",
    ]);
  });
});

describe("BM25", () => {
  const idx = new Bm25Index(["the cat sat on the mat", "dogs and cats living together", "a dog chased a dog", "stock prices fell sharply"]);

  it("ranks documents with more (and rarer) matching terms higher", () => {
    const hits = idx.search("dog");
    expect(hits.map((h) => h.index)).toEqual([2, 1]);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it("returns nothing for unmatched queries and scores rare terms above common ones", () => {
    expect(idx.search("weather")).toEqual([]);
    expect(idx.idf("stock")).toBeGreaterThan(idx.idf("cat"));
  });
});

describe("web_search and fetch_url", () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    ["Cloudflare Workers V8 isolates", "Cloudflare Workers"],
    ["A2A agent protocol agent card", "The Agent2Agent (A2A) protocol"],
    ["OpenTelemetry traces spans", "OpenTelemetry"],
    ["cyclomatic complexity McCabe", "Cyclomatic complexity"],
    ["Eiffel Tower height", "Paris"],
  ])("%s → %s first", async (query, title) => {
    const r = await runTool(webSearch, { query });
    expect(r.results[0].title).toBe(title);
    expect(r.results[0].url).toMatch(/^https:\/\/corpus\.ade\.example\//);
  });

  it("respects num_results and puts the best sentence in the snippet", async () => {
    const r = await runTool(webSearch, { query: "capital city", num_results: 2 });
    expect(r.results).toHaveLength(2);
    const one = await runTool(webSearch, { query: "Thames river London" });
    expect(one.results[0].snippet).toMatch(/Thames/);
  });

  it("says so when nothing matches", async () => {
    const r = await runTool(webSearch, { query: "zzyzx quixotic" });
    expect(r.results).toEqual([]);
    expect(r.note).toMatch(/No documents/);
  });

  it("fetches a corpus document by url, tolerating scheme and trailing slash", async () => {
    const doc = CORPUS[0]!;
    const r = await runTool(fetchUrl, { url: doc.url.replace("https://", "http://") + "/" });
    expect(r.text).toBe(doc.text);
  });

  it("refuses other urls unless allow_fetch is on, and never fetches private hosts", async () => {
    const spy = vi.fn(async () => new Response("<html><title>T</title><body><p>Hello &amp; bye</p><script>x()</script></body></html>", { headers: { "content-type": "text/html" } }));
    vi.stubGlobal("fetch", spy);
    expect((await runTool(fetchUrl, { url: "https://example.com/a" })).error).toMatch(/not in the offline corpus/);
    expect(spy).not.toHaveBeenCalled();
    expect((await runTool(fetchUrl, { url: "http://127.0.0.1:9001/" }, { allow_fetch: true })).error).toMatch(/private/);
    const live = await runTool(fetchUrl, { url: "https://example.com/a" }, { allow_fetch: true });
    expect(live).toMatchObject({ title: "T", text: "T Hello & bye", source: "live fetch" });
    expect(isPrivateHost("192.168.1.4")).toBe(true);
    expect(isPrivateHost("10.0.0.1")).toBe(true);
    expect(isPrivateHost("localhost")).toBe(true);
    expect(isPrivateHost("example.com")).toBe(false);
  });
});

const ARTICLE = [
  "Cloudflare Workers run JavaScript on a global network of data centers.",
  "Workers start in V8 isolates, which makes cold starts very fast.",
  "The weather in the office was pleasant on Tuesday.",
  "Durable Objects give Workers consistent storage for sessions.",
  "Workers and Durable Objects together let a session live close to users on the network.",
].join(" ");

describe("summarizer", () => {
  it("keeps the highest-scoring sentences verbatim and in original order", async () => {
    const r = await runTool(summarize, { text: ARTICLE, max_sentences: 2 });
    expect(r.sentences_kept).toBe(2);
    expect(r.sentences_total).toBe(5);
    expect(r.summary).not.toMatch(/weather in the office/);
    const sentences = splitSentences(r.summary);
    const positions = sentences.map((s) => ARTICLE.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("extracts key points without the off-topic sentence", async () => {
    const r = await runTool(extractKeyPoints, { text: ARTICLE, max_points: 4 });
    expect(r.key_points).toHaveLength(4);
    expect(r.key_points).not.toContain("The weather in the office was pleasant on Tuesday.");
    expect(r.summary).toBe(`Key points: ${r.key_points.map((p: string, i: number) => `(${i + 1}) ${p}`).join(" ")}`);
  });

  it("web_search sums its results up as sentences, each with its url, that a summarizer can read", async () => {
    const r = await runTool(webSearch, { query: "Cloudflare Workers V8 isolates", num_results: 2 });
    expect(r.summary).toBe(r.results.map((x: { snippet: string; url: string }) => `${x.snippet.replace(/[.!?]+$/, "")} (${x.url}).`).join(" "));
    expect(splitSentences(r.summary)).toHaveLength(2);
  });

  it("drops near-duplicate sentences", async () => {
    const text = "Workers run code at the edge. Workers run code at the edge! Storage is separate.";
    const r = await runTool(extractKeyPoints, { text, max_points: 3 });
    expect(r.key_points).toEqual(["Workers run code at the edge.", "Storage is separate."]);
  });

  it("asks for text when it is empty", async () => {
    expect((await runTool(summarize, { text: "   " })).error).toMatch(/empty/);
  });
});

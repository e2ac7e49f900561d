/**
 * @module workers/tools/search/web-search
 * web_search: BM25 ranking over the offline corpus. Returns urls, titles and the best-matching sentence.
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { CORPUS } from "../../data/corpus";
import { round } from "../result";
import { bestSentence, corpusIndex } from "./corpus-index";

export const webSearch = defineTool({
  name: "web_search",
  description:
    "Search for documents / web pages / articles about a topic or question. Returns ranked results with url, title and a snippet; use fetch_url to read a result in full.",
  input: z.object({
    query: z.string().min(1).describe("What to search for, in a few keywords"),
    num_results: z.coerce.number().int().min(1).max(20).default(5).describe("How many results (1-20)"),
  }),
  run({ query, num_results }) {
    const hits = corpusIndex().search(query, num_results);
    if (hits.length === 0) {
      return { query, results: [], note: "No documents in the offline corpus match; try other keywords. Do not make up sources." };
    }
    const results = hits.map((h, rank) => {
      const doc = CORPUS[h.index]!;
      return { rank: rank + 1, url: doc.url, title: doc.title, snippet: bestSentence(doc, query), score: round(h.score, 3) };
    });
    return {
      query,
      // Snippets as sentences, each with its source: readable as is, and text a summarizer can work on.
      summary: results.map((r) => `${r.snippet.replace(/\s+/g, " ").trim().replace(/[.!?]+$/, "")} (${r.url}).`).join(" "),
      results,
      source: "offline corpus",
    };
  },
});

/**
 * @module workers/agents/searcher
 * Search specialist: BM25 search over the offline corpus, and document fetch by URL (live fetch only if enabled).
 */
import { defineAgent } from "./agent-module";
import { catalogDescription, SPECIALIST_RULES } from "./prompt-parts";
import { webSearch } from "../tools/search/web-search";
import { fetchUrl } from "../tools/search/fetch-url";

export const searcher = defineAgent({
  name: "searcher",
  description: catalogDescription("searcher"),
  systemPrompt: (settings) =>
    [
      "You are a search assistant. Use web_search with a few keywords to find documents; use fetch_url to read a result in full when the snippet is not enough.",
      "Report results as a short list: title, url, and one line on why it is relevant. Cite only urls the tools returned.",
      settings.allow_fetch === true
        ? "fetch_url may also fetch public web pages live."
        : "Search covers an offline document corpus; fetch_url only opens documents from that corpus.",
      "",
      SPECIALIST_RULES,
    ].join("\n"),
  tools: [webSearch, fetchUrl],
  examples: ["Search for Cloudflare Workers isolates", "Find documents about the A2A protocol", "Fetch https://corpus.ade.example/docs/opentelemetry"],
});

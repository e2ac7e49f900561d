/**
 * @module test/workers/agents/fact-check.test
 * verify_claim verdicts (support, number/negation/name conflicts, unverifiable) and find_sources filtering.
 */
import { describe, expect, it } from "vitest";
import { findSources, verifyClaimTool } from "../../../workers/tools/factcheck/tools";
import { runTool } from "./helpers";

describe("verify_claim", () => {
  it.each([
    ["The Eiffel Tower is 330 metres tall", "supported"],
    ["Tokyo is the capital of Japan", "supported"],
    ["OpenTelemetry was formed in 2019", "supported"],
    ["Cloudflare Workers run in V8 isolates", "supported"],
    ["Mount Everest is 8,849 metres high", "supported"],
    ["The Eiffel Tower is 500 metres tall", "contradicted"],
    ["OpenTelemetry was formed in 2015", "contradicted"],
    ["London hosted the Summer Olympics in 2016", "contradicted"],
    ["New York is the capital of the United States", "contradicted"],
    ["Tokyo is the capital of China", "contradicted"],
    ["Bananas are the most popular fruit in Peru", "unverifiable"],
    ["Quantum computers will replace laptops by 2030", "unverifiable"],
  ])("%s → %s", async (claim, verdict) => {
    const r = await runTool(verifyClaimTool, { claim });
    expect(r.verdict).toBe(verdict);
    if (verdict !== "unverifiable") {
      expect(r.evidence.length).toBeGreaterThan(0);
      expect(r.evidence[0].url).toMatch(/^https:\/\/corpus\.ade\.example\//);
      expect(r.confidence).toBeGreaterThan(0.5);
    }
  });

  it("explains a number mismatch with both numbers", async () => {
    const r = await runTool(verifyClaimTool, { claim: "The Eiffel Tower is 500 metres tall" });
    expect(r.reason).toMatch(/330/);
    expect(r.reason).toMatch(/500/);
    expect(r.evidence[0].sentence).toMatch(/Eiffel Tower/);
  });

  it("rejects claims without words", async () => {
    expect((await runTool(verifyClaimTool, { claim: "?!" })).error).toBeDefined();
  });
});

describe("find_sources", () => {
  it("finds sources on a topic, best first", async () => {
    const r = await runTool(findSources, { topic: "BM25 ranking search" });
    expect(r.sources[0].title).toBe("BM25 ranking");
    expect(r.sources[0].type).toBe("academic");
  });

  it("filters by source type", async () => {
    const r = await runTool(findSources, { topic: "Cloudflare", source_type: "news" });
    expect(r.sources.length).toBeGreaterThan(0);
    expect(r.sources.every((s: { type: string }) => s.type === "news")).toBe(true);
  });

  it("suggests widening the type when only other types match", async () => {
    const r = await runTool(findSources, { topic: "Durable Objects SQLite", source_type: "academic" });
    expect(r.sources).toEqual([]);
    expect(r.note).toMatch(/source_type "any"/);
  });
});

describe("claim framing", () => {
  it.each([
    ["Is it true that the Eiffel Tower is 330 metres tall?", "supported"],
    ["Verify: OpenTelemetry was formed in 2015", "contradicted"],
    ["Check whether Tokyo is the capital of Japan", "supported"],
  ])("%s → %s", async (claim, verdict) => {
    const r = await runTool(verifyClaimTool, { claim });
    expect(r.verdict).toBe(verdict);
    expect(r.claim).toBe(claim);
  });
});

describe("fact-check summaries", () => {
  it("verify_claim: the verdict, the claim without its question framing, the reason and the best source", async () => {
    const r = await runTool(verifyClaimTool, { claim: "Is it true that OpenTelemetry was formed in 2019?" });
    expect(r.summary).toMatch(/^Supported: "OpenTelemetry was formed in 2019": .+\. Source: ".*2019.*" \(OpenTelemetry, https:\/\/corpus\.ade\.example\/\S+\)$/);
    const wrong = await runTool(verifyClaimTool, { claim: "The Eiffel Tower is 500 metres tall" });
    expect(wrong.summary).toMatch(/^Contradicted: "The Eiffel Tower is 500 metres tall": /);
  });

  it("find_sources: how many, with title, type and url", async () => {
    const r = await runTool(findSources, { topic: "Cloudflare Workers edge" });
    expect(r.sources.length).toBeGreaterThan(1);
    expect(r.summary).toBe(`${r.sources.length} sources: ${r.sources.map((x: { title: string; type: string; url: string }) => `${x.title} (${x.type}, ${x.url})`).join("; ")}.`);
  });
});

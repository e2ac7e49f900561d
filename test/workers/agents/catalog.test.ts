/**
 * @module test/workers/agents/catalog.test
 * Every catalog entry has a module with a prompt, the catalog description, examples and tools whose input schemas
 * convert to JSON Schema; tool names follow the seed engine's.
 */
import { describe, expect, it } from "vitest";
import { BUILTIN_MODULES } from "../../../workers/agents/index";
import { BUILTIN_AGENTS } from "../../../workers/agents/catalog";
import { toolSpec } from "../../../workers/tools/tool";

const EXPECTED_TOOLS: Record<string, string[]> = {
  controller: [],
  research_coordinator: [],
  review_coordinator: [],
  weather: ["get_weather", "get_locations"],
  maps: ["get_distance", "get_route", "get_cities"],
  stock: ["get_stock_price", "get_stock_history", "compare_stocks", "list_stocks"],
  calculator: ["calculate", "calculate_percentage_change", "calculate_pe_ratio", "calculate_dividend_yield", "calculate_market_cap", "calculate_compound_return"],
  searcher: ["web_search", "fetch_url"],
  summarizer: ["summarize", "extract_key_points"],
  fact_checker: ["verify_claim", "find_sources"],
  linter: ["run_linter", "list_rules"],
  security: ["security_scan"],
  complexity: ["analyze_complexity"],
  restricted: ["simple_echo"],
};

describe("built-in agent modules", () => {
  it("has exactly one module per catalog entry", () => {
    expect(Object.keys(BUILTIN_MODULES).sort()).toEqual(BUILTIN_AGENTS.map((b) => b.name).sort());
  });

  for (const entry of BUILTIN_AGENTS) {
    describe(entry.name, () => {
      const mod = BUILTIN_MODULES[entry.name]!;

      it("uses the catalog name and description", () => {
        expect(mod.name).toBe(entry.name);
        expect(mod.description).toBe(entry.description);
      });

      it("has a substantial system prompt for default and custom settings", () => {
        for (const settings of [{}, { data_source: "open-meteo", allow_fetch: true }]) {
          const prompt = typeof mod.systemPrompt === "function" ? mod.systemPrompt(settings) : mod.systemPrompt;
          expect(prompt.length).toBeGreaterThan(150);
        }
      });

      it("has examples", () => {
        expect(mod.examples?.length ?? 0).toBeGreaterThan(0);
      });

      it("has the seed's tool names", () => {
        expect(mod.tools.map((t) => t.name)).toEqual(EXPECTED_TOOLS[entry.name]);
      });

      it("has tools whose input converts to an object JSON Schema", () => {
        for (const tool of mod.tools) {
          const spec = toolSpec(tool);
          expect(spec.parameters.type).toBe("object");
          expect(spec.description.length).toBeGreaterThan(30);
          expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
        }
      });
    });
  }

  it("hub prompts forbid URLs and ports and point at the agent enum", () => {
    for (const name of ["controller", "research_coordinator", "review_coordinator"]) {
      const p = BUILTIN_MODULES[name]!.systemPrompt as string;
      expect(p).toMatch(/enum/);
      expect(p).toMatch(/ports/);
    }
    expect(BUILTIN_MODULES.research_coordinator!.systemPrompt as string).toMatch(/searcher[\s\S]*summarizer[\s\S]*fact_checker/);
    expect(BUILTIN_MODULES.review_coordinator!.systemPrompt as string).toMatch(/linter[\s\S]*security[\s\S]*complexity/);
  });

  it("weather and searcher prompts follow their config", () => {
    const w = BUILTIN_MODULES.weather!.systemPrompt as (s: Record<string, unknown>) => string;
    expect(w({})).toMatch(/sample dataset/);
    expect(w({ data_source: "open-meteo" })).toMatch(/Open-Meteo/);
    const s = BUILTIN_MODULES.searcher!.systemPrompt as (s: Record<string, unknown>) => string;
    expect(s({ allow_fetch: true })).toMatch(/live/);
  });
});

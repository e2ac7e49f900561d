/**
 * @module workers/agents/catalog
 * Names of the built-in agents and how the seed engine's job files named them (`module:` + `type:`).
 * Pure data so the deployer can resolve modules without loading any agent code.
 */

export interface BuiltinEntry {
  /** Our built-in name, used as `module: weather`. */
  name: string;
  /** The seed engine's Python module path. */
  seedModule: string;
  /** The seed engine's class name (`type:` in its job files). */
  seedClass: string;
}

export const BUILTIN_AGENTS: readonly BuiltinEntry[] = [
  { name: "controller", seedModule: "examples.agents.controller_agent", seedClass: "ControllerAgent" },
  { name: "weather", seedModule: "examples.agents.weather_agent", seedClass: "WeatherAgent" },
  { name: "maps", seedModule: "examples.agents.maps_agent", seedClass: "MapsAgent" },
  { name: "stock", seedModule: "examples.agents.stock_agent", seedClass: "StockAgent" },
  { name: "calculator", seedModule: "examples.agents.calculator_agent", seedClass: "CalculatorAgent" },
  { name: "searcher", seedModule: "examples.agents.searcher_agent", seedClass: "SearcherAgent" },
  { name: "summarizer", seedModule: "examples.agents.summarizer_agent", seedClass: "SummarizerAgent" },
  { name: "fact_checker", seedModule: "examples.agents.fact_checker_agent", seedClass: "FactCheckerAgent" },
  { name: "linter", seedModule: "examples.agents.linter_agent", seedClass: "LinterAgent" },
  { name: "security", seedModule: "examples.agents.security_agent", seedClass: "SecurityAgent" },
  { name: "complexity", seedModule: "examples.agents.complexity_agent", seedClass: "ComplexityAgent" },
  {
    name: "research_coordinator",
    seedModule: "examples.agents.research_coordinator_agent",
    seedClass: "ResearchCoordinatorAgent",
  },
  {
    name: "review_coordinator",
    seedModule: "examples.agents.review_coordinator_agent",
    seedClass: "ReviewCoordinatorAgent",
  },
  { name: "restricted", seedModule: "examples.agents.restricted_agent", seedClass: "RestrictedAgent" },
];

export type BuiltinName = string;

/** Finds a built-in by our name or by the seed's module path. */
export function findBuiltin(module: string): BuiltinEntry | undefined {
  return BUILTIN_AGENTS.find((b) => b.name === module || b.seedModule === module);
}

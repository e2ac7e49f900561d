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
  /** One line on what the agent does; peers read it when choosing whom to ask. */
  description: string;
}

export const BUILTIN_AGENTS: readonly BuiltinEntry[] = [
  { name: "controller", seedModule: "examples.agents.controller_agent", seedClass: "ControllerAgent", description: "Coordinator: routes a question to the specialist peers best suited to it and combines their answers." },
  { name: "weather", seedModule: "examples.agents.weather_agent", seedClass: "WeatherAgent", description: "Current weather and short forecasts for cities (temperature, conditions, humidity, wind)." },
  { name: "maps", seedModule: "examples.agents.maps_agent", seedClass: "MapsAgent", description: "Distances and routes between known cities and places (great-circle distance, travel time)." },
  { name: "stock", seedModule: "examples.agents.stock_agent", seedClass: "StockAgent", description: "Stock quotes, price history and comparisons for ticker symbols." },
  { name: "calculator", seedModule: "examples.agents.calculator_agent", seedClass: "CalculatorAgent", description: "Arithmetic and financial math: expressions, percentage change, P/E ratio, dividend yield, market cap, compound return." },
  { name: "searcher", seedModule: "examples.agents.searcher_agent", seedClass: "SearcherAgent", description: "Searches a document corpus and fetches documents by URL." },
  { name: "summarizer", seedModule: "examples.agents.summarizer_agent", seedClass: "SummarizerAgent", description: "Summarises text and extracts its key points." },
  { name: "fact_checker", seedModule: "examples.agents.fact_checker_agent", seedClass: "FactCheckerAgent", description: "Checks claims against a reference corpus and finds sources on a topic." },
  { name: "linter", seedModule: "examples.agents.linter_agent", seedClass: "LinterAgent", description: "Lints source code the user sends: style and correctness findings with line numbers." },
  { name: "security", seedModule: "examples.agents.security_agent", seedClass: "SecurityAgent", description: "Scans source code for leaked secrets and injection risks." },
  { name: "complexity", seedModule: "examples.agents.complexity_agent", seedClass: "ComplexityAgent", description: "Measures the cyclomatic complexity of JavaScript/TypeScript source code, function by function." },
  {
    name: "research_coordinator",
    seedModule: "examples.agents.research_coordinator_agent",
    seedClass: "ResearchCoordinatorAgent",
    description: "Research hub: plans research questions and asks the searcher, summarizer and fact checker.",
  },
  {
    name: "review_coordinator",
    seedModule: "examples.agents.review_coordinator_agent",
    seedClass: "ReviewCoordinatorAgent",
    description: "Code review hub: asks the linter, security and complexity agents and merges their reviews.",
  },
  { name: "restricted", seedModule: "examples.agents.restricted_agent", seedClass: "RestrictedAgent", description: "A minimal agent with a single echo tool and no peers (permission tests)." },
];

export type BuiltinName = string;

/** Finds a built-in by our name or by the seed's module path. */
export function findBuiltin(module: string): BuiltinEntry | undefined {
  return BUILTIN_AGENTS.find((b) => b.name === module || b.seedModule === module);
}

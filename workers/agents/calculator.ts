/**
 * @module workers/agents/calculator
 * Calculator specialist: a safe expression evaluator plus the seed's financial formulas.
 */
import { defineAgent } from "./agent-module";
import { catalogDescription, SPECIALIST_RULES } from "./prompt-parts";
import { calculate } from "../tools/calculator/calculate";
import {
  calculateCompoundReturn,
  calculateDividendYield,
  calculateMarketCap,
  calculatePeRatio,
  calculatePercentageChange,
} from "../tools/calculator/financial";

export const calculator = defineAgent({
  name: "calculator",
  description: catalogDescription("calculator"),
  systemPrompt: [
    "You are a calculator. Never do arithmetic in your head: every number you report must come from a tool.",
    "- calculate: any arithmetic expression (+ - * / ^, parentheses, sqrt, log, min, max, 'x% of y', ...).",
    "- calculate_percentage_change: change from an old to a new value, in percent.",
    "- calculate_pe_ratio, calculate_dividend_yield, calculate_market_cap: the standard stock ratios.",
    "- calculate_compound_return: growth of an investment at an annual rate over years.",
    "Prefer the specific financial tool when one fits; otherwise write one expression for calculate.",
    "If an input is missing (for example a price), ask for it instead of assuming a value.",
    "",
    SPECIALIST_RULES,
  ].join("\n"),
  tools: [calculate, calculatePercentageChange, calculatePeRatio, calculateDividendYield, calculateMarketCap, calculateCompoundReturn],
  examples: ["What is (3 + 4) * 2^3?", "Percentage change from 150 to 180", "P/E ratio for a price of 228.5 and EPS 6.75", "What does 10000 grow to at 7% for 10 years?"],
});

/**
 * @module workers/tools/calculator/financial
 * The seed's financial-math tools. Inputs are validated by hand so a zero or negative denominator becomes a
 * readable error result instead of Infinity/NaN.
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { round, toolError } from "../result";

const num = (d: string) => z.coerce.number().describe(d);

export const calculatePercentageChange = defineTool({
  name: "calculate_percentage_change",
  description: "Percentage change (percent increase or decrease, growth) from an old value to a new value, e.g. a stock price going from 100 to 120 is +20%.",
  input: z.object({ old_value: num("Starting value"), new_value: num("Ending value") }),
  run({ old_value, new_value }) {
    if (old_value === 0) return toolError("old_value is 0, so a percentage change is undefined (division by zero). Send a non-zero starting value.");
    const pct = ((new_value - old_value) / Math.abs(old_value)) * 100;
    return { old_value, new_value, change: round(new_value - old_value, 6), percentage_change: round(pct, 4), direction: pct > 0 ? "increase" : pct < 0 ? "decrease" : "unchanged" };
  },
});

export const calculatePeRatio = defineTool({
  name: "calculate_pe_ratio",
  description: "Price-to-earnings ratio (P/E) = share price / earnings per share (EPS).",
  input: z.object({ price: num("Share price"), earnings_per_share: num("Earnings per share (EPS), same currency") }),
  run({ price, earnings_per_share }) {
    if (earnings_per_share === 0) return toolError("earnings_per_share is 0, so P/E is undefined (division by zero).");
    if (price < 0) return toolError("price must not be negative.");
    const pe = price / earnings_per_share;
    return { price, earnings_per_share, pe_ratio: round(pe, 2), ...(pe < 0 ? { note: "negative earnings: P/E is not meaningful" } : {}) };
  },
});

export const calculateDividendYield = defineTool({
  name: "calculate_dividend_yield",
  description: "Dividend yield (%) = annual dividend per share / share price * 100.",
  input: z.object({ annual_dividend: num("Annual dividend per share"), price: num("Share price") }),
  run({ annual_dividend, price }) {
    if (price <= 0) return toolError("price must be greater than 0 (division by zero otherwise).");
    if (annual_dividend < 0) return toolError("annual_dividend must not be negative.");
    return { annual_dividend, price, dividend_yield_percent: round((annual_dividend / price) * 100, 4) };
  },
});

export const calculateMarketCap = defineTool({
  name: "calculate_market_cap",
  description: "Market capitalization (market cap) = share price * shares outstanding.",
  input: z.object({ price: num("Share price"), shares_outstanding: num("Number of shares outstanding (not in millions)") }),
  run({ price, shares_outstanding }) {
    if (price < 0 || shares_outstanding < 0) return toolError("price and shares_outstanding must not be negative.");
    const cap = price * shares_outstanding;
    return { price, shares_outstanding, market_cap: cap, market_cap_readable: readable(cap) };
  },
});

export const calculateCompoundReturn = defineTool({
  name: "calculate_compound_return",
  description: "Compound interest / compound return / investment growth: final value of a principal at an annual rate (percent) over years, compounded n times a year.",
  input: z.object({
    principal: num("Initial amount invested"),
    annual_rate_percent: num("Annual rate of return in percent, e.g. 7 for 7%"),
    years: num("Number of years"),
    compounds_per_year: z.coerce.number().int().min(1).max(365).default(1).describe("1 = yearly, 12 = monthly, 365 = daily"),
  }),
  run({ principal, annual_rate_percent, years, compounds_per_year: n }) {
    if (principal < 0) return toolError("principal must not be negative.");
    if (years < 0) return toolError("years must not be negative.");
    if (annual_rate_percent <= -100 * n) return toolError("annual_rate_percent is too negative (the value would go below zero).");
    const final = principal * (1 + annual_rate_percent / 100 / n) ** (n * years);
    const totalPct = principal === 0 ? 0 : (final / principal - 1) * 100;
    return {
      principal,
      annual_rate_percent,
      years,
      compounds_per_year: n,
      final_value: round(final, 2),
      total_gain: round(final - principal, 2),
      total_return_percent: round(totalPct, 4),
    };
  },
});

function readable(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 1e12) return `${round(n / 1e12, 2)} trillion`;
  if (abs >= 1e9) return `${round(n / 1e9, 2)} billion`;
  if (abs >= 1e6) return `${round(n / 1e6, 2)} million`;
  return String(round(n, 2));
}

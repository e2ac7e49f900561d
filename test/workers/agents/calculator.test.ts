/**
 * @module test/workers/agents/calculator.test
 * The expression evaluator (precedence, associativity, functions, errors with positions) and the financial tools.
 */
import { describe, expect, it } from "vitest";
import { evaluate } from "../../../workers/tools/calculator/evaluate";
import { calculate } from "../../../workers/tools/calculator/calculate";
import {
  calculateCompoundReturn,
  calculateDividendYield,
  calculateMarketCap,
  calculatePeRatio,
  calculatePercentageChange,
} from "../../../workers/tools/calculator/financial";
import { runTool } from "./helpers";

describe("evaluate", () => {
  it.each([
    ["1 + 2 * 3", 7],
    ["(1 + 2) * 3", 9],
    ["10 - 4 - 3", 3],
    ["100 / 10 / 5", 2],
    ["2 ^ 3 ^ 2", 512],
    ["2 ** 3 ** 2", 512],
    ["-2 ^ 2", -4],
    ["(-2) ^ 2", 4],
    ["2 ^ -1", 0.5],
    ["--3", 3],
    ["-(3 + 4) * 2", -14],
    ["10 % 3", 1],
    ["7 % 4 * 2", 6],
    ["15% of 200", 30],
    ["50%", 0.5],
    ["100 + 15% of 200", 130],
    ["1.5e3 + .5", 1500.5],
    ["2E-2", 0.02],
    ["sqrt(16) + abs(-3)", 7],
    ["max(1, 5, 3) - min(4, 2)", 3],
    ["round(2.567, 2)", 2.57],
    ["log(1000)", 3],
    ["log(8, 2)", 3],
    ["ln(e)", 1],
    ["exp(0)", 1],
    ["cos(0) + sin(0)", 1],
    ["2 × 3 ÷ 4", 1.5],
  ])("%s = %d", (expr, expected) => {
    expect(evaluate(expr)).toBeCloseTo(expected, 10);
  });

  it("knows pi and trigonometry in radians", () => {
    expect(evaluate("sin(pi / 2)")).toBeCloseTo(1, 12);
    expect(evaluate("tan(pi / 4)")).toBeCloseTo(1, 12);
  });

  it.each([
    ["2 + * 3", /Unexpected operator "\*" at position 5/, 4],
    ["(1 + 2", /Expected "\)"/, 6],
    ["1 / 0", /Division by zero at position 3/, 2],
    ["5 % 0", /Modulo by zero/, 2],
    ["foo(2)", /Unknown name "foo"/, 0],
    ["sqrt(1, 2)", /takes 1 argument/, 0],
    ["2 $ 3", /Unexpected character "\$" at position 3/, 2],
    ["sqrt(-4)", /negative/, 0],
    ["log(0)", /non-positive/, 0],
    ["3 4", /Unexpected "4"/, 2],
    ["", /Unexpected end/, 0],
  ])("rejects %j", (expr, message, pos) => {
    try {
      evaluate(expr);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(message);
      expect((e as { pos: number }).pos).toBe(pos);
    }
  });
});

describe("calculate tool", () => {
  it("tidies binary noise", async () => {
    expect(await runTool(calculate, { expression: "0.1 + 0.2" })).toEqual({ summary: "0.1 + 0.2 = 0.3", expression: "0.1 + 0.2", result: 0.3 });
  });

  it("returns an error result with a 1-based position and a pointer, never throws", async () => {
    const r = await runTool(calculate, { expression: "2 + * 3" });
    expect(r.error).toMatch(/Unexpected operator/);
    expect(r.position).toBe(5);
    expect(r.pointer).toBe("2 + * 3\n    ^");
  });

  it("reports overflow as an error", async () => {
    expect((await runTool(calculate, { expression: "10 ^ 400" })).error).toMatch(/not a finite number/);
  });
});

describe("financial tools", () => {
  it("percentage change", async () => {
    const r = await runTool(calculatePercentageChange, { old_value: 150, new_value: 180 });
    expect(r.percentage_change).toBe(20);
    expect(r.direction).toBe("increase");
    expect((await runTool(calculatePercentageChange, { old_value: 200, new_value: 150 })).percentage_change).toBe(-25);
    expect((await runTool(calculatePercentageChange, { old_value: 0, new_value: 5 })).error).toMatch(/division by zero/);
  });

  it("accepts numbers sent as strings", async () => {
    expect((await runTool(calculatePercentageChange, { old_value: "50", new_value: "75" })).percentage_change).toBe(50);
  });

  it("P/E ratio", async () => {
    expect((await runTool(calculatePeRatio, { price: 228.5, earnings_per_share: 6.75 })).pe_ratio).toBe(33.85);
    expect((await runTool(calculatePeRatio, { price: 10, earnings_per_share: 0 })).error).toMatch(/division by zero/);
    expect((await runTool(calculatePeRatio, { price: 10, earnings_per_share: -2 })).note).toMatch(/negative earnings/);
  });

  it("dividend yield", async () => {
    expect((await runTool(calculateDividendYield, { annual_dividend: 2, price: 50 })).dividend_yield_percent).toBe(4);
    expect((await runTool(calculateDividendYield, { annual_dividend: 2, price: 0 })).error).toBeDefined();
  });

  it("market cap", async () => {
    const r = await runTool(calculateMarketCap, { price: 100, shares_outstanding: 2_500_000_000 });
    expect(r.market_cap).toBe(250_000_000_000);
    expect(r.market_cap_readable).toBe("250 billion");
    expect((await runTool(calculateMarketCap, { price: -1, shares_outstanding: 5 })).error).toBeDefined();
  });

  it("compound return", async () => {
    const yearly = await runTool(calculateCompoundReturn, { principal: 1000, annual_rate_percent: 10, years: 2 });
    expect(yearly.final_value).toBe(1210);
    expect(yearly.total_return_percent).toBe(21);
    const monthly = await runTool(calculateCompoundReturn, { principal: 1000, annual_rate_percent: 12, years: 1, compounds_per_year: 12 });
    expect(monthly.final_value).toBeCloseTo(1126.83, 2);
    expect((await runTool(calculateCompoundReturn, { principal: 1000, annual_rate_percent: 5, years: -1 })).error).toBeDefined();
  });
});

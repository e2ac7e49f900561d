/**
 * @module test/workers/agents/stock.test
 * Stock tools: deterministic seeded history that ends at the bundled close, quotes, comparisons, unknown symbols.
 */
import { describe, expect, it } from "vitest";
import { STOCKS } from "../../../workers/data/stocks";
import { hashSeed, historyOf, mulberry32, tradingDates } from "../../../workers/tools/stock/market";
import { compareStocks, getStockHistory, getStockPrice, listStocks } from "../../../workers/tools/stock/tools";
import { runTool } from "./helpers";

describe("market data", () => {
  it("the PRNG is deterministic per seed and uniform-ish in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
    expect(hashSeed("AAPL")).not.toBe(hashSeed("MSFT"));
  });

  it("history ends at the bundled price and uses weekdays only", () => {
    for (const s of STOCKS) {
      const h = historyOf(s);
      expect(h[h.length - 1]!.close).toBe(s.price);
      expect(h.every((b) => b.close > 0)).toBe(true);
    }
    const days = tradingDates(10).map((d) => new Date(`${d}T00:00:00Z`).getUTCDay());
    expect(days.every((d) => d >= 1 && d <= 5)).toBe(true);
  });
});

describe("stock tools", () => {
  it("quotes a symbol, case-insensitively and with a $ prefix", async () => {
    const q = await runTool(getStockPrice, { symbol: "aapl" });
    expect(q.symbol).toBe("AAPL");
    expect(q.price).toBe(228.5);
    expect(q.pe_ratio).toBeCloseTo(228.5 / 6.75, 1);
    expect(q.change).toBeCloseTo(q.price - q.previous_close, 2);
    expect(q.source).toMatch(/not live/);
    expect((await runTool(getStockPrice, { symbol: "$msft" })).symbol).toBe("MSFT");
  });

  it("is stable across calls", async () => {
    const a = await runTool(getStockHistory, { symbol: "NVDA", days: 30 });
    const b = await runTool(getStockHistory, { symbol: "NVDA", days: 30 });
    expect(a).toEqual(b);
  });

  it("returns the requested window with a consistent return", async () => {
    const h = await runTool(getStockHistory, { symbol: "TSLA", days: 10 });
    expect(h.closes).toHaveLength(10);
    expect(h.end_close).toBe(248.9);
    expect(h.return_percent).toBeCloseTo(((h.end_close - h.start_close) / h.start_close) * 100, 1);
    expect(h.high).toBeGreaterThanOrEqual(h.low);
    const long = await runTool(getStockHistory, { symbol: "TSLA", days: 200 });
    expect(long.closes.length).toBeLessThanOrEqual(30);
    expect(long.note).toMatch(/every/);
  });

  it("compares two stocks", async () => {
    const r = await runTool(compareStocks, { symbol1: "AAPL", symbol2: "KO" });
    expect(r.AAPL.price).toBe(228.5);
    expect(r.KO.price).toBe(69.8);
    expect(r.higher.price).toBe("AAPL");
    expect(r.higher.dividend_yield).toBe("KO");
    expect(r.price_ratio).toBeCloseTo(228.5 / 69.8, 3);
    // The sentence answers "how much higher": (228.5 - 69.8) / 69.8 = 227.4 %.
    expect(r.summary).toMatch(/^AAPL 228\.5 USD vs KO 69\.8 USD: AAPL's price is 227\.4% higher than KO's\. 30-day return /);
  });

  it("reports unknown symbols with the known list", async () => {
    const r = await runTool(getStockPrice, { symbol: "ZZZZ" });
    expect(r.error).toMatch(/ZZZZ/);
    expect(r.known_symbols).toContain("AAPL");
    expect((await runTool(compareStocks, { symbol1: "AAPL", symbol2: "NOPE" })).error).toMatch(/NOPE/);
  });

  it("lists stocks", async () => {
    const r = await runTool(listStocks, {});
    expect(r.stocks.map((s: { symbol: string }) => s.symbol)).toEqual(expect.arrayContaining(["AAPL", "MSFT", "GOOGL", "NET"]));
  });
});

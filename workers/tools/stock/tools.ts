/**
 * @module workers/tools/stock/tools
 * get_stock_price, get_stock_history, compare_stocks, list_stocks over the bundled sample market data.
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { STOCKS, STOCKS_AS_OF } from "../../data/stocks";
import { round, toolError } from "../result";
import { findStock, historyOf, knownSymbols, quoteOf, returnOver, HISTORY_DAYS } from "./market";

const SOURCE = `bundled sample market data as of ${STOCKS_AS_OF} (not live quotes)`;
const symbolField = z.string().min(1).describe("Ticker symbol, e.g. AAPL, MSFT, NVDA");

function unknownSymbol(symbol: string) {
  return toolError(`Unknown stock symbol "${symbol}". Use a ticker from list_stocks.`, { known_symbols: knownSymbols() });
}

export const getStockPrice = defineTool({
  name: "get_stock_price",
  description: "Current stock price / share price / quote for a ticker symbol: price, daily change, volume, market cap, P/E ratio, dividend yield.",
  input: z.object({ symbol: symbolField }),
  run({ symbol }) {
    const s = findStock(symbol);
    return s ? { ...quoteOf(s), source: SOURCE } : unknownSymbol(symbol);
  },
});

export const getStockHistory = defineTool({
  name: "get_stock_history",
  description: "Stock price history for a ticker over the last N trading days: daily closing prices, high, low, and the return (performance / trend) over the period.",
  input: z.object({
    symbol: symbolField,
    days: z.coerce.number().int().min(1).max(HISTORY_DAYS - 1).default(30).describe(`Trading days of history (1-${HISTORY_DAYS - 1})`),
  }),
  run({ symbol, days }) {
    const s = findStock(symbol);
    if (!s) return unknownSymbol(symbol);
    const bars = historyOf(s).slice(-(days + 1));
    const closes = bars.map((b) => b.close);
    const period = bars.slice(1);
    // Long periods are sampled so the result stays small enough to read.
    const step = Math.ceil(period.length / 30);
    const sampled = period.filter((_, i) => (period.length - 1 - i) % step === 0);
    return {
      symbol: s.symbol,
      days,
      start_close: closes[0],
      end_close: closes[closes.length - 1],
      return_percent: returnOver(s, days),
      high: Math.max(...closes.slice(1)),
      low: Math.min(...closes.slice(1)),
      closes: sampled.map((b) => ({ date: b.date, close: b.close })),
      ...(step > 1 ? { note: `every ${step}th trading day shown` } : {}),
      source: SOURCE,
    };
  },
});

export const compareStocks = defineTool({
  name: "compare_stocks",
  description: "Compare two stocks side by side (e.g. AAPL vs MSFT): price, daily change, 30-day return, market cap, P/E ratio, dividend yield, and which is higher.",
  input: z.object({ symbol1: symbolField, symbol2: symbolField }),
  run({ symbol1, symbol2 }) {
    const a = findStock(symbol1);
    if (!a) return unknownSymbol(symbol1);
    const b = findStock(symbol2);
    if (!b) return unknownSymbol(symbol2);
    const qa = { ...quoteOf(a), return_30d_percent: returnOver(a, 30) };
    const qb = { ...quoteOf(b), return_30d_percent: returnOver(b, 30) };
    const better = (x: number | null, y: number | null) => (x === null || y === null ? null : x >= y ? a.symbol : b.symbol);
    const [hi, lo, qhi, qlo] = qa.price >= qb.price ? [a, b, qa, qb] : [b, a, qb, qa];
    const gap = round(((qhi.price - qlo.price) / qlo.price) * 100, 1);
    const summary =
      `${a.symbol} ${qa.price} USD vs ${b.symbol} ${qb.price} USD: ${hi.symbol}'s price is ${gap}% higher than ${lo.symbol}'s. ` +
      `30-day return ${qa.return_30d_percent}% vs ${qb.return_30d_percent}%; market cap ${qa.market_cap_billions} vs ${qb.market_cap_billions} billion USD. Source: ${SOURCE}.`;
    return {
      summary,
      [a.symbol]: pick(qa),
      [b.symbol]: pick(qb),
      higher: {
        price: better(qa.price, qb.price),
        market_cap: better(qa.market_cap_billions, qb.market_cap_billions),
        return_30d: better(qa.return_30d_percent, qb.return_30d_percent),
        dividend_yield: better(qa.dividend_yield_percent, qb.dividend_yield_percent),
      },
      price_ratio: round(qa.price / qb.price, 3),
      source: SOURCE,
    };
  },
});

function pick(q: ReturnType<typeof quoteOf> & { return_30d_percent: number }) {
  const { name, price, change_percent, return_30d_percent, market_cap_billions, pe_ratio, dividend_yield_percent } = q;
  return { name, price, change_percent, return_30d_percent, market_cap_billions, pe_ratio, dividend_yield_percent };
}

export const listStocks = defineTool({
  name: "list_stocks",
  description: "List the available stock ticker symbols with company names and sectors.",
  input: z.object({}),
  run() {
    return { stocks: STOCKS.map((s) => ({ symbol: s.symbol, name: s.name, sector: s.sector })), source: SOURCE };
  },
});

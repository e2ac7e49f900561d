/**
 * @module workers/tools/stock/market
 * Deterministic market data derived from the bundled tickers: a seeded random walk per symbol that ends at the
 * bundled close, so history, daily change and quotes agree with each other and never change between runs.
 */
import { STOCKS, STOCKS_AS_OF, type StockInfo } from "../../data/stocks";
import { round } from "../result";

/** Trading days of history generated per symbol. */
export const HISTORY_DAYS = 260;

/** FNV-1a: a stable 32-bit seed from a symbol. */
export function hashSeed(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: tiny, fast, good-enough PRNG with a 32-bit state. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function findStock(symbol: string): StockInfo | undefined {
  const s = symbol.trim().toUpperCase().replace(/^\$/, "");
  return STOCKS.find((x) => x.symbol === s || x.name.toUpperCase().startsWith(s + " ") || x.name.toUpperCase() === s);
}

/** Weekday dates ending at `STOCKS_AS_OF`, oldest first. */
export function tradingDates(n: number): string[] {
  const out: string[] = [];
  const d = new Date(`${STOCKS_AS_OF}T00:00:00Z`);
  while (out.length < n) {
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) out.push(d.toISOString().slice(0, 10));
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return out.reverse();
}

export interface Bar {
  date: string;
  close: number;
  volume: number;
}

const cache = new Map<string, Bar[]>();

/** The full generated history for a stock, oldest first; the last close equals the bundled price. */
export function historyOf(stock: StockInfo): Bar[] {
  const hit = cache.get(stock.symbol);
  if (hit) return hit;
  const rand = mulberry32(hashSeed(stock.symbol));
  // Walk backwards from today's close: each step divides by (1 + r), with r ~ approx N(0, vol) (sum of 3 uniforms).
  const closes = [stock.price];
  const volumes: number[] = [];
  for (let i = 1; i < HISTORY_DAYS; i++) {
    const z = (rand() + rand() + rand() - 1.5) * 2;
    const prev = closes[closes.length - 1]!;
    closes.push(prev / (1 + z * stock.vol));
  }
  for (let i = 0; i < HISTORY_DAYS; i++) volumes.push(Math.round(stock.volumeM * 1e6 * (0.6 + rand() * 0.8)));
  closes.reverse();
  const dates = tradingDates(HISTORY_DAYS);
  const bars = dates.map((date, i) => ({ date, close: round(closes[i]!, 2), volume: volumes[i]! }));
  cache.set(stock.symbol, bars);
  return bars;
}

export function quoteOf(stock: StockInfo) {
  const bars = historyOf(stock);
  const last = bars[bars.length - 1]!;
  const prev = bars[bars.length - 2]!;
  const change = last.close - prev.close;
  const marketCap = stock.price * stock.sharesB * 1e9;
  const pct = round((change / prev.close) * 100, 2);
  return {
    summary: `${stock.name} (${stock.symbol}): ${last.close} USD, ${change >= 0 ? "up" : "down"} ${Math.abs(pct)}% on the day (as of ${last.date}).`,
    symbol: stock.symbol,
    name: stock.name,
    price: last.close,
    currency: "USD",
    change: round(change, 2),
    change_percent: round((change / prev.close) * 100, 2),
    previous_close: prev.close,
    volume: last.volume,
    market_cap_billions: round(marketCap / 1e9, 1),
    pe_ratio: stock.eps > 0 ? round(stock.price / stock.eps, 1) : null,
    dividend_yield_percent: round((stock.dividend / stock.price) * 100, 2),
    sector: stock.sector,
    exchange: stock.exchange,
    as_of: last.date,
  };
}

/** Percent change of the close over the last `days` trading days. */
export function returnOver(stock: StockInfo, days: number): number {
  const bars = historyOf(stock);
  const n = Math.min(days, bars.length - 1);
  const start = bars[bars.length - 1 - n]!.close;
  return round(((bars[bars.length - 1]!.close - start) / start) * 100, 2);
}

export function knownSymbols(): string[] {
  return STOCKS.map((s) => s.symbol);
}

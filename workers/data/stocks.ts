/**
 * @module workers/data/stocks
 * Bundled sample tickers: the latest close, fundamentals and a volatility used to generate price history.
 * Sample data as of `STOCKS_AS_OF`; results built from it say so.
 */

export interface StockInfo {
  symbol: string;
  name: string;
  sector: string;
  exchange: string;
  /** Latest close, USD. */
  price: number;
  /** Shares outstanding, billions. */
  sharesB: number;
  /** Trailing twelve-month earnings per share, USD. */
  eps: number;
  /** Annual dividend per share, USD (0 = none). */
  dividend: number;
  /** Daily volatility (standard deviation of daily returns) for the generated history. */
  vol: number;
  /** Average daily volume, millions of shares. */
  volumeM: number;
}

export const STOCKS_AS_OF = "2026-11-20";

export const STOCKS: readonly StockInfo[] = [
  { symbol: "AAPL", name: "Apple Inc.", sector: "Technology", exchange: "NASDAQ", price: 228.5, sharesB: 15.1, eps: 6.75, dividend: 1.0, vol: 0.015, volumeM: 55 },
  { symbol: "MSFT", name: "Microsoft Corporation", sector: "Technology", exchange: "NASDAQ", price: 425.3, sharesB: 7.43, eps: 12.1, dividend: 3.32, vol: 0.014, volumeM: 21 },
  { symbol: "GOOGL", name: "Alphabet Inc. (Class A)", sector: "Communication Services", exchange: "NASDAQ", price: 172.4, sharesB: 12.3, eps: 7.5, dividend: 0.8, vol: 0.017, volumeM: 26 },
  { symbol: "AMZN", name: "Amazon.com, Inc.", sector: "Consumer Discretionary", exchange: "NASDAQ", price: 198.2, sharesB: 10.5, eps: 5.2, dividend: 0, vol: 0.018, volumeM: 42 },
  { symbol: "NVDA", name: "NVIDIA Corporation", sector: "Technology", exchange: "NASDAQ", price: 140.8, sharesB: 24.5, eps: 2.55, dividend: 0.04, vol: 0.03, volumeM: 240 },
  { symbol: "META", name: "Meta Platforms, Inc.", sector: "Communication Services", exchange: "NASDAQ", price: 565.1, sharesB: 2.53, eps: 21.2, dividend: 2.0, vol: 0.022, volumeM: 14 },
  { symbol: "TSLA", name: "Tesla, Inc.", sector: "Consumer Discretionary", exchange: "NASDAQ", price: 248.9, sharesB: 3.21, eps: 3.65, dividend: 0, vol: 0.035, volumeM: 95 },
  { symbol: "NFLX", name: "Netflix, Inc.", sector: "Communication Services", exchange: "NASDAQ", price: 690.4, sharesB: 0.43, eps: 17.7, dividend: 0, vol: 0.021, volumeM: 3.5 },
  { symbol: "NET", name: "Cloudflare, Inc.", sector: "Technology", exchange: "NYSE", price: 98.6, sharesB: 0.34, eps: -0.2, dividend: 0, vol: 0.032, volumeM: 2.8 },
  { symbol: "JPM", name: "JPMorgan Chase & Co.", sector: "Financials", exchange: "NYSE", price: 221.7, sharesB: 2.84, eps: 17.9, dividend: 4.6, vol: 0.013, volumeM: 9 },
  { symbol: "V", name: "Visa Inc.", sector: "Financials", exchange: "NYSE", price: 288.3, sharesB: 1.95, eps: 9.7, dividend: 2.36, vol: 0.011, volumeM: 7 },
  { symbol: "KO", name: "The Coca-Cola Company", sector: "Consumer Staples", exchange: "NYSE", price: 69.8, sharesB: 4.31, eps: 2.47, dividend: 1.94, vol: 0.009, volumeM: 13 },
  { symbol: "IBM", name: "International Business Machines", sector: "Technology", exchange: "NYSE", price: 211.2, sharesB: 0.92, eps: 9.1, dividend: 6.68, vol: 0.013, volumeM: 4.2 },
  { symbol: "INTC", name: "Intel Corporation", sector: "Technology", exchange: "NASDAQ", price: 23.4, sharesB: 4.3, eps: -0.4, dividend: 0.125, vol: 0.028, volumeM: 60 },
  { symbol: "AMD", name: "Advanced Micro Devices, Inc.", sector: "Technology", exchange: "NASDAQ", price: 152.6, sharesB: 1.62, eps: 1.1, dividend: 0, vol: 0.028, volumeM: 38 },
];

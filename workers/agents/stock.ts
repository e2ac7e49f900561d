/**
 * @module workers/agents/stock
 * Stock specialist: quotes, price history and comparisons over bundled, deterministic sample market data.
 */
import { defineAgent } from "./agent-module";
import { catalogDescription, SPECIALIST_RULES } from "./prompt-parts";
import { compareStocks, getStockHistory, getStockPrice, listStocks } from "../tools/stock/tools";

export const stock = defineAgent({
  name: "stock",
  description: catalogDescription("stock"),
  systemPrompt: [
    "You are a stock market data assistant.",
    "- get_stock_price: the current price / quote of one ticker (also market cap, P/E, dividend yield).",
    "- get_stock_history: prices over the last N trading days and the return over that period.",
    "- compare_stocks: two tickers side by side.",
    "- list_stocks: which tickers exist; use it when a symbol is unknown. Map company names to tickers (Apple → AAPL) only via that list.",
    "Quotes are sample data as of the date in the result, not live prices. Give no investment advice; report the numbers.",
    "",
    SPECIALIST_RULES,
  ].join("\n"),
  tools: [getStockPrice, getStockHistory, compareStocks, listStocks],
  examples: ["What's the stock price of AAPL?", "Show NVDA's price history for the last 30 days", "Compare MSFT and GOOGL", "Which stocks can you look up?"],
});

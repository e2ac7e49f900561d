/** The offline backend: deterministic tool and peer routing, argument extraction, answers and recovery. */
import { describe, expect, it } from "vitest";
import type { ChatMessage, ChatRequest, ToolSpec } from "../../../workers/backends/backend";
import { BackendError } from "../../../workers/backends/backend";
import { createBackend } from "../../../workers/backends/index";
import { catalogDescription } from "../../../workers/agents/prompt-parts";

const offline = createBackend({ type: "offline", model: "offline" }, {});

const tool = (name: string, description: string, properties: Record<string, unknown>, required: string[]): ToolSpec => ({
  name,
  description,
  parameters: { type: "object", properties, required },
});

const TOOLS: ToolSpec[] = [
  tool("get_weather", "Current weather for a city.", { location: { type: "string" }, units: { type: "string", enum: ["metric", "imperial"], default: "metric" } }, ["location"]),
  tool("get_distance", "Great-circle distance between two cities.", { origin: { type: "string" }, destination: { type: "string" } }, ["origin", "destination"]),
  tool("get_quote", "Stock quote for a ticker symbol.", { symbol: { type: "string" } }, ["symbol"]),
  tool("calculate", "Evaluate an arithmetic expression.", { expression: { type: "string" } }, ["expression"]),
  tool("compound_return", "Compound growth of an investment.", { principal: { type: "number" }, rate: { type: "number" }, years: { type: "integer" } }, ["principal", "rate", "years"]),
];

const PEERS: Record<string, string> = {
  weather: "Current weather and short forecasts for cities (temperature, conditions, humidity, wind).",
  maps: "Distances and routes between known cities and places (great-circle distance, travel time).",
  stock: "Stock quotes, price history and comparisons for ticker symbols.",
};
const QUERY_AGENT: ToolSpec = tool(
  "query_agent",
  `Ask a peer agent and get its answer. Peers:\n${Object.entries(PEERS).map(([n, d]) => `- ${n}: ${d}`).join("\n")}`,
  { agent: { type: "string", enum: Object.keys(PEERS) }, query: { type: "string" } },
  ["agent", "query"],
);

const ask = (content: string, tools: ToolSpec[], extra: Partial<ChatRequest> = {}) => offline.chat({ system: "You help.", messages: [{ role: "user", content }], tools, ...extra });
const calls = async (content: string, tools: ToolSpec[]) => (await ask(content, tools)).toolCalls.map((c) => [c.name, c.arguments]);

describe("offline backend: choosing", () => {
  it("picks the tool whose name and description match the request, with schema defaults", async () => {
    const res = await ask("What's the weather in Tokyo?", TOOLS);
    expect(res.stopReason).toBe("tool_use");
    expect(res.toolCalls).toEqual([{ id: expect.stringMatching(/^offline_/), name: "get_weather", arguments: { location: "Tokyo", units: "metric" } }]);
  });

  it("picks a peer by its description, and a named peer over a better description", async () => {
    expect(await calls("How far is it from Tokyo to Paris?", [QUERY_AGENT])).toEqual([["query_agent", { agent: "maps", query: "How far is it from Tokyo to Paris?" }]]);
    expect(await calls("Quote for AAPL please", [QUERY_AGENT])).toEqual([["query_agent", { agent: "stock", query: "Quote for AAPL please" }]]);
    expect((await calls("ask stock about the weather in Paris", [QUERY_AGENT]))[0]![1]).toMatchObject({ agent: "stock" });
  });

  it("calls several peers when the request clearly asks for several things", async () => {
    expect(await calls("weather in Tokyo and the distance from Tokyo to Paris", [QUERY_AGENT])).toEqual([
      ["query_agent", { agent: "weather", query: "weather in Tokyo" }],
      ["query_agent", { agent: "maps", query: "the distance from Tokyo to Paris" }],
    ]);
    // Everyday words count when splitting too: "how far" is about distance.
    expect(await calls("What's the weather in Paris and how far is it from Paris to Berlin?", [QUERY_AGENT])).toEqual([
      ["query_agent", { agent: "weather", query: "What's the weather in Paris" }],
      ["query_agent", { agent: "maps", query: "how far is it from Paris to Berlin" }],
    ]);
  });

  it("gives code to every peer equally suited to it", async () => {
    const reviewers = tool(
      "query_agent",
      "Ask a peer agent. Peers:\n- linter: Lints source code the user sends.\n- security: Scans source code for leaked secrets.\n- stock: Stock quotes.",
      { agent: { type: "string", enum: ["linter", "security", "stock"] }, query: { type: "string" } },
      ["agent", "query"],
    );
    const request = "Review this code:\n```js\nvar x = 1;\n```";
    expect((await calls(request, [reviewers])).map(([, a]) => (a as { agent: string }).agent)).toEqual(["linter", "security"]);
  });

  it("ranks on what the user asks, not on the words inside the code: a review goes to all three reviewers", async () => {
    const names = ["linter", "security", "complexity", "stock"];
    const reviewers = tool(
      "query_agent",
      `Ask a peer agent. Peers:\n${names.map((n) => `- ${n}: ${catalogDescription(n)}`).join("\n")}`,
      { agent: { type: "string", enum: names }, query: { type: "string" } },
      ["agent", "query"],
    );
    // The code talks about stock prices; the request is a review.
    const request = 'Review this code: def stock_price(ticker):\n    query = "SELECT price FROM stock WHERE t=" + ticker\n    return eval(query)';
    expect((await calls(request, [reviewers])).map(([, a]) => (a as { agent: string }).agent)).toEqual(["linter", "security", "complexity"]);
    expect((await calls("Is this safe? import os\nos.system('rm ' + path)", [reviewers]))[0]![1]).toMatchObject({ agent: "security" });
  });

  it("turns a question nothing else fits into a search, when a peer searches", async () => {
    const names = ["searcher", "summarizer", "fact_checker"];
    const research = tool("query_agent", `Peers:\n${names.map((n) => `- ${n}: ${catalogDescription(n)}`).join("\n")}`, { agent: { type: "string", enum: names }, query: { type: "string" } }, ["agent", "query"]);
    expect(await calls("What is the A2A protocol and how does it relate to MCP?", [research])).toEqual([["query_agent", { agent: "searcher", query: "What is the A2A protocol and how does it relate to MCP?" }]]);
    // Not a question: nothing to do.
    expect(await calls("the A2A protocol", [research])).toEqual([]);
  });

  it("answers with what it can do when nothing fits, or a required argument is missing", async () => {
    const joke = await ask("tell me a joke", [...TOOLS.slice(0, 1), QUERY_AGENT]);
    expect(joke.stopReason).toBe("end");
    expect(joke.toolCalls).toEqual([]);
    expect(joke.text).toContain("- get_weather: Current weather for a city.");
    expect(joke.text).toContain("- ask maps: Distances and routes");
    expect((await ask("weather, please", TOOLS.slice(0, 1))).toolCalls).toEqual([]);
  });
});

describe("offline backend: arguments", () => {
  it("reads origin and destination by their prepositions, multi-word places included", async () => {
    expect(await calls("distance to Paris from New York", TOOLS)).toEqual([["get_distance", { origin: "New York", destination: "Paris" }]]);
  });

  it("takes tickers, arithmetic, numbers in order and mentioned enum values", async () => {
    expect(await calls("stock quote for MSFT", TOOLS)).toEqual([["get_quote", { symbol: "MSFT" }]]);
    expect(await calls("what is (2 + 3) * 4?", TOOLS)).toEqual([["calculate", { expression: "(2 + 3) * 4" }]]);
    expect(await calls("What is 15% of 200?", TOOLS)).toEqual([["calculate", { expression: "15% of 200" }]]);
    expect(await calls("compound return on 1,000 at 5 percent for 10 years", TOOLS)).toEqual([["compound_return", { principal: 1000, rate: 5, years: 10 }]]);
    expect(await calls("weather in Oslo in imperial units", TOOLS)).toEqual([["get_weather", { location: "Oslo", units: "imperial" }]]);
  });

  it("keeps code whole (no clause splitting on ';') and prefers the tool the request holds exact input for", async () => {
    const lint = tool("run_linter", "Lint source code for style problems.", { code: { type: "string" } }, ["code"]);
    expect(await calls("Lint this: var x = 1; if (x == 2) console.log(x)", [lint])).toEqual([["run_linter", { code: "var x = 1; if (x == 2) console.log(x)" }]]);
    const search = tool("web_search", "Search the document corpus; returns URLs to fetch.", { query: { type: "string" } }, ["query"]);
    const fetchUrl = tool("fetch_url", "Fetch a document by its URL.", { url: { type: "string" } }, ["url"]);
    expect(await calls("Fetch https://corpus.example/docs/a2a", [search, fetchUrl])).toEqual([["fetch_url", { url: "https://corpus.example/docs/a2a" }]]);
  });
});

describe("offline backend: answering", () => {
  const turn = (calls: { id: string; name: string; arguments: Record<string, unknown> }[], results: { id: string; content: string; isError?: boolean }[]): ChatMessage[] => [
    { role: "assistant", content: "", toolCalls: calls },
    ...results.map((r) => ({ role: "tool" as const, toolCallId: r.id, name: calls.find((c) => c.id === r.id)!.name, content: r.content, ...(r.isError ? { isError: true } : {}) })),
  ];

  it("composes the final answer from tool results, one line each", async () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "weather in Tokyo and the distance from Tokyo to Paris" },
      ...turn(
        [
          { id: "a", name: "query_agent", arguments: { agent: "weather", query: "weather in Tokyo" } },
          { id: "b", name: "get_distance", arguments: { origin: "Tokyo", destination: "Paris" } },
        ],
        [
          { id: "a", content: '{"temp":21,"conditions":"sunny"}' },
          { id: "b", content: '{"km":9714}' },
        ],
      ),
    ];
    const res = await offline.chat({ system: "", messages, tools: [QUERY_AGENT, ...TOOLS] });
    expect(res).toMatchObject({ text: "weather: temp: 21, conditions: sunny\nget_distance: km: 9714", toolCalls: [], stopReason: "end" });
  });

  it("keeps a peer's multi-line answer as lines under its label, and shows a tool error by its message alone", async () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "weather in Tokyo and Paris; quote ZZZZ" },
      ...turn(
        [
          { id: "a", name: "query_agent", arguments: { agent: "weather", query: "weather in Tokyo and Paris" } },
          { id: "b", name: "get_quote", arguments: { symbol: "ZZZZ" } },
        ],
        [
          { id: "a", content: "Tokyo: sunny\nParis: rain" },
          { id: "b", content: '{"error":"unknown symbol ZZZZ; known: AAPL, MSFT","known_symbols":["AAPL","MSFT"]}', isError: true },
        ],
      ),
    ];
    expect((await offline.chat({ system: "", messages, tools: [QUERY_AGENT, ...TOOLS] })).text).toBe("weather: Tokyo: sunny\n  Paris: rain\nget_quote: error: unknown symbol ZZZZ; known: AAPL, MSFT");
  });

  it("says 'error' once for a failed tool whose result already reads as an error", async () => {
    const call = { id: "x", name: "get_quote", arguments: { symbol: "ZZZZ" } };
    const messages: ChatMessage[] = [{ role: "user", content: "quote ZZZZ" }, ...turn([call], [{ id: "x", content: '{"error":"unknown symbol ZZZZ"}', isError: true }])];
    expect((await offline.chat({ system: "", messages, tools: TOOLS })).text).toBe("get_quote: error: unknown symbol ZZZZ");
  });

  it("retries once with the valid peer an unknown-peer error lists, and never loops", async () => {
    const user: ChatMessage = { role: "user", content: "forecast for Lima" };
    const bad = { id: "c1", name: "query_agent", arguments: { agent: "weather_agent", query: "forecast for Lima" } };
    const err = "unknown agent 'weather_agent'; valid agents: maps, weather, stock";
    const first = await offline.chat({ system: "", messages: [user, ...turn([bad], [{ id: "c1", content: err, isError: true }])], tools: [QUERY_AGENT] });
    expect(first.stopReason).toBe("tool_use");
    expect(first.toolCalls).toMatchObject([{ name: "query_agent", arguments: { agent: "weather", query: "forecast for Lima" } }]);

    const retry = { ...first.toolCalls[0]!, arguments: { ...first.toolCalls[0]!.arguments } };
    const history = [user, ...turn([bad], [{ id: "c1", content: err, isError: true }]), ...turn([retry], [{ id: retry.id, content: err, isError: true }])];
    const second = await offline.chat({ system: "", messages: history, tools: [QUERY_AGENT] });
    expect(second.toolCalls).toEqual([]);
    expect(second.text).toBe(`weather: error: ${err}`);
  });
});

describe("offline backend: clauses that work on earlier results", () => {
  const names = ["searcher", "summarizer", "fact_checker"];
  const research = tool("query_agent", `Peers:\n${names.map((n) => `- ${n}: ${catalogDescription(n)}`).join("\n")}`, { agent: { type: "string", enum: names }, query: { type: "string" } }, ["agent", "query"]);
  const REQUEST = "Research how Cloudflare Workers run code and summarise the key points";

  it("asks first for the material, then has it summarised, then answers with both", async () => {
    const first = await ask(REQUEST, [research]);
    expect(first.toolCalls).toEqual([{ id: "offline_1_0", name: "query_agent", arguments: { agent: "searcher", query: "Research how Cloudflare Workers run code" } }]);
    const found = "Workers run JavaScript on Cloudflare's network. Isolates start in milliseconds.";
    const history: ChatMessage[] = [
      { role: "user", content: REQUEST },
      { role: "assistant", content: "", toolCalls: first.toolCalls },
      { role: "tool", toolCallId: "offline_1_0", name: "query_agent", content: found },
    ];
    const second = await offline.chat({ system: "", messages: history, tools: [research] });
    expect(second.toolCalls).toEqual([{ id: "offline_3_0", name: "query_agent", arguments: { agent: "summarizer", query: `summarise the key points:\n${found}` } }]);
    const done = await offline.chat({
      system: "",
      messages: [...history, { role: "assistant", content: "", toolCalls: second.toolCalls }, { role: "tool", toolCallId: "offline_3_0", name: "query_agent", content: "Key points: (1) Workers run JavaScript." }],
      tools: [research],
    });
    expect(done).toMatchObject({ toolCalls: [], text: `searcher: ${found}\nsummarizer: Key points: (1) Workers run JavaScript.` });
  });

  it("gives a peer already asked the whole request rather than a second call", async () => {
    expect(await calls("Is it true that OpenTelemetry was formed in 2019? Give sources.", [research])).toEqual([
      ["query_agent", { agent: "fact_checker", query: "Is it true that OpenTelemetry was formed in 2019? Give sources." }],
    ]);
  });

  it("keeps clauses with a subject of their own independent", async () => {
    const all = await calls("weather in Tokyo and the distance from Tokyo to Paris", [QUERY_AGENT]);
    expect(all.map(([, a]) => (a as { agent: string }).agent)).toEqual(["weather", "maps"]);
  });
});

describe("offline backend: everyday questions", () => {
  it("gives a number question its own clause: 2+2 and a city's weather are two calls", async () => {
    expect(await calls("What's 2+2 and the weather in Oslo?", TOOLS)).toEqual([
      ["calculate", { expression: "2+2" }],
      ["get_weather", { location: "Oslo", units: "metric" }],
    ]);
  });

  it("reads 'it' in a one-ended distance question as the place named before it", async () => {
    expect(await calls("What's the weather in Tokyo and how far is it from London?", [QUERY_AGENT])).toEqual([
      ["query_agent", { agent: "weather", query: "What's the weather in Tokyo" }],
      ["query_agent", { agent: "maps", query: "how far is it from London to Tokyo" }],
    ]);
  });

  it("reads 'there' as the last place named before it", async () => {
    expect(await calls("How far is it from London to Paris, and is it raining there?", [QUERY_AGENT])).toEqual([
      ["query_agent", { agent: "maps", query: "How far is it from London to Paris," }],
      ["query_agent", { agent: "weather", query: "is it raining in Paris" }],
    ]);
  });

  it("asks a one-place tool once per place named, but never splits a route", async () => {
    expect(await calls("Compare the weather in Berlin and Rome", TOOLS)).toEqual([
      ["get_weather", { location: "Berlin", units: "metric" }],
      ["get_weather", { location: "Rome", units: "metric" }],
    ]);
    expect(await calls("distance from Berlin to Rome", TOOLS)).toEqual([["get_distance", { origin: "Berlin", destination: "Rome" }]]);
  });

  it("fills a route's stops with the places between its ends", async () => {
    const route = tool("get_route", "Plan a route or trip through cities: distance and travel time.", { origin: { type: "string" }, destination: { type: "string" }, waypoints: { type: "array", items: { type: "string" }, default: [] } }, ["origin", "destination"]);
    expect(await calls("Route from Paris via Berlin and Vienna to Rome", [route])).toEqual([["get_route", { origin: "Paris", destination: "Rome", waypoints: ["Berlin", "Vienna"] }]]);
  });

  it("sends a drive between two cities to the peer that knows routes", async () => {
    expect((await calls("How long does it take to drive from Paris to Berlin?", [QUERY_AGENT]))[0]![1]).toMatchObject({ agent: "maps" });
  });
});

describe("offline backend: mechanics", () => {
  it("is deterministic, ids and usage included", async () => {
    const a = await ask("weather in Tokyo and the distance from Tokyo to Paris", [QUERY_AGENT]);
    const b = await ask("weather in Tokyo and the distance from Tokyo to Paris", [QUERY_AGENT]);
    expect(b).toEqual(a);
    expect(a.usage.inputTokens).toBe(Math.ceil(("You help." + JSON.stringify([{ role: "user", content: "weather in Tokyo and the distance from Tokyo to Paris" }]) + JSON.stringify([QUERY_AGENT])).length / 4));
    expect(a.usage.outputTokens).toBeGreaterThan(0);
  });

  it("streams its answer through onText in several chunks", async () => {
    const deltas: string[] = [];
    const res = await ask("tell me a joke", TOOLS, { onText: (d) => deltas.push(d) });
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe(res.text);
  });

  it("respects an aborted signal", async () => {
    await expect(ask("weather in Tokyo", TOOLS, { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(BackendError);
  });
});

describe("createBackend keys", () => {
  it("names the missing secret and how to set it", () => {
    expect(() => createBackend({ type: "anthropic", model: "m" }, {})).toThrow(/ANTHROPIC_API_KEY.*\.dev\.vars.*wrangler secret put ANTHROPIC_API_KEY/);
    expect(() => createBackend({ type: "anthropic", model: "m", apiKeySecret: "TEAM_KEY" }, { ANTHROPIC_API_KEY: "ignored" })).toThrow(/wrangler secret put TEAM_KEY/);
    expect(createBackend({ type: "anthropic", model: "m", apiKeySecret: "TEAM_KEY" }, { TEAM_KEY: "k" }).provider).toBe("anthropic");
  });
});

/**
 * The local OTLP/HTTP receiver on its own: JSON exports (hex or base64 ids, gzip) become NDJSON lines, and
 * anything else gets a status that says what to send instead.
 */
import { readFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSpanLines } from "../../deployer/otel/span-record";
import { startCollector, type Collector } from "./collect";

const hexTrace = "5b8efff798038103d269b633813fc60c";
const hexSpan = "eee19b7ec3c1b174";

function exportBody(traceId: string, spanId: string, parentSpanId = "") {
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "weather" } }, { key: "ade.job", value: { stringValue: "demo" } }] },
        scopeSpans: [
          {
            scope: { name: "ade-agent" },
            spans: [
              {
                traceId,
                spanId,
                parentSpanId,
                name: "llm.chat",
                kind: 1,
                startTimeUnixNano: "1795000000000000000",
                endTimeUnixNano: "1795000000250000000",
                attributes: [
                  { key: "gen_ai.usage.input_tokens", value: { intValue: "120" } },
                  { key: "gen_ai.response.finish_reasons", value: { arrayValue: { values: [{ stringValue: "end" }] } } },
                  { key: "tool.is_error", value: { boolValue: false } },
                ],
                status: { code: 2, message: "boom" },
              },
            ],
          },
        ],
      },
    ],
  };
}

describe("trace receiver", () => {
  let rx: Collector;
  beforeAll(async () => {
    rx = await startCollector();
  });
  afterAll(() => rx?.close());

  const post = (body: string | Buffer, headers: Record<string, string>) => fetch(`${rx.url}/v1/traces`, { method: "POST", headers, body });

  it("appends each span of a JSON export as one flat NDJSON line", async () => {
    const res = await post(JSON.stringify(exportBody(hexTrace, hexSpan)), { "content-type": "application/json" });
    expect(res.status).toBe(200);
    const [span] = parseSpanLines(await readFile(rx.file, "utf8"));
    expect(span).toEqual({
      traceId: hexTrace,
      spanId: hexSpan,
      name: "llm.chat",
      kind: "internal",
      service: "weather",
      startMs: 1795000000000,
      durationMs: 250,
      status: "error",
      statusMessage: "boom",
      attributes: { "gen_ai.usage.input_tokens": 120, "gen_ai.response.finish_reasons": ["end"], "tool.is_error": false },
      resource: { "service.name": "weather", "ade.job": "demo" },
    });
  });

  it("accepts gzip bodies and base64 ids", async () => {
    const b64 = (hex: string) => Buffer.from(hex, "hex").toString("base64");
    const body = gzipSync(JSON.stringify(exportBody(b64(hexTrace), b64("0102030405060708"), b64(hexSpan))));
    const res = await post(body, { "content-type": "application/json", "content-encoding": "gzip" });
    expect(res.status).toBe(200);
    expect(rx.spans.at(-1)).toMatchObject({ traceId: hexTrace, spanId: "0102030405060708", parentSpanId: hexSpan });
  });

  it("refuses protobuf, other paths and non-JSON with a reason", async () => {
    const proto = await post(Buffer.from([0x0a, 0x00]), { "content-type": "application/x-protobuf" });
    expect(proto.status).toBe(415);
    expect(((await proto.json()) as { error: string }).error).toMatch(/send OTLP\/HTTP JSON/);
    expect((await fetch(`${rx.url}/v1/metrics`, { method: "POST" })).status).toBe(404);
    expect((await post("{nope", { "content-type": "application/json" })).status).toBe(400);
    expect(rx.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });
});

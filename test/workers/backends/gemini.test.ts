/** Gemini backend against the fake REST API: the shared contract plus Gemini-only wire details. */
import { expect, it } from "vitest";
import { createBackend } from "../../../workers/backends/index";
import { runBackendContract, TEST_KEY, weatherTool } from "../../contracts/backend.contract";
import { geminiWire, startFakeGemini } from "../../fakes/gemini-server";

const newBackend = (url: string) =>
  createBackend({ type: "gemini", model: "gemini-test", baseUrl: url }, { GOOGLE_API_KEY: TEST_KEY }, { retry: { baseDelayMs: 5 } });

runBackendContract({ name: "gemini", startFake: startFakeGemini, newBackend, wire: geminiWire, keySecret: "GOOGLE_API_KEY" });

it("gemini: strips schema keys Gemini rejects and echoes thought signatures with function calls", async () => {
  const fake = await startFakeGemini({ script: [{ toolCalls: [{ name: "get_weather", arguments: { location: "Oslo" } }] }, { text: "cold" }], thoughtSignature: "c2lnbmF0dXJl" });
  try {
    const backend = newBackend(fake.url);
    const first = await backend.chat({ system: "", messages: [{ role: "user", content: "Oslo?" }], tools: [weatherTool] });
    const schema = geminiWire.tools(fake.requests[0]!.body)[0]!.schema;
    expect(schema).not.toHaveProperty("additionalProperties");
    expect(schema.properties.unit).not.toHaveProperty("default");
    expect(fake.requests[0]!.path).toBe("/v1beta/models/gemini-test:generateContent");
    const call = first.toolCalls[0]!;
    await backend.chat({
      system: "",
      tools: [weatherTool],
      messages: [
        { role: "user", content: "Oslo?" },
        { role: "assistant", content: "", toolCalls: [call] },
        { role: "tool", toolCallId: call.id, name: call.name, content: '{"temp":-3}' },
      ],
    });
    const contents = fake.requests[1]!.body.contents;
    expect(contents.map((c: any) => c.role)).toEqual(["user", "model", "user"]);
    expect(contents[1].parts[0]).toEqual({ functionCall: { name: "get_weather", args: { location: "Oslo" } }, thoughtSignature: "c2lnbmF0dXJl" });
    expect(contents[2].parts[0]).toEqual({ functionResponse: { name: "get_weather", response: { result: { temp: -3 } } } });
  } finally {
    await fake.close();
  }
});

it("gemini: falls back to GEMINI_API_KEY and names both secrets when neither is set", () => {
  expect(() => createBackend({ type: "gemini", model: "m" }, { GEMINI_API_KEY: "k" })).not.toThrow();
  expect(() => createBackend({ type: "gemini", model: "m" }, {})).toThrow(/GOOGLE_API_KEY \(or GEMINI_API_KEY\).*\.dev\.vars.*wrangler secret put GOOGLE_API_KEY/);
});

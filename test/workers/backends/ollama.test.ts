/** Ollama backend against the fake /api/chat: the shared contract plus Ollama-only details. */
import { expect, it } from "vitest";
import { createBackend } from "../../../workers/backends/index";
import { runBackendContract, TEST_KEY } from "../../contracts/backend.contract";
import { ollamaWire, startFakeOllama } from "../../fakes/ollama-server";

const newBackend = (url: string) =>
  createBackend({ type: "ollama", model: "llama3.2", baseUrl: url }, { OLLAMA_API_KEY: TEST_KEY }, { retry: { baseDelayMs: 5 } });

runBackendContract({ name: "ollama", startFake: startFakeOllama, newBackend, wire: ollamaWire, keySecret: "OLLAMA_API_KEY" });

it("ollama: works without a key (local server) and synthesises distinct tool-call ids", async () => {
  const fake = await startFakeOllama({ script: [{ toolCalls: [{ name: "f", arguments: { x: 1 } }, { name: "f", arguments: { x: 2 } }] }] });
  try {
    const backend = createBackend({ type: "ollama", model: "llama3.2", baseUrl: fake.url }, {});
    const res = await backend.chat({ system: "", messages: [{ role: "user", content: "go" }], tools: [] });
    expect(res.toolCalls.map((c) => c.arguments)).toEqual([{ x: 1 }, { x: 2 }]);
    expect(new Set(res.toolCalls.map((c) => c.id)).size).toBe(2);
    expect(fake.requests[0]!.headers.authorization).toBeUndefined();
  } finally {
    await fake.close();
  }
});

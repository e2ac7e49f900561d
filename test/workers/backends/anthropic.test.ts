/** Anthropic backend against the fake Messages API: the shared contract plus Anthropic-only details. */
import { expect, it } from "vitest";
import { createBackend } from "../../../workers/backends/index";
import { runBackendContract, TEST_KEY } from "../../contracts/backend.contract";
import { anthropicWire, startFakeAnthropic } from "../../fakes/anthropic-server";

const newBackend = (url: string) =>
  createBackend({ type: "anthropic", model: "claude-test", baseUrl: url }, { ANTHROPIC_API_KEY: TEST_KEY }, { retry: { baseDelayMs: 5 } });

runBackendContract({ name: "anthropic", startFake: startFakeAnthropic, newBackend, wire: anthropicWire, keySecret: "ANTHROPIC_API_KEY" });

it("anthropic: sends tool errors as is_error tool_result blocks in one user turn", async () => {
  const fake = await startFakeAnthropic({ script: [{ text: "noted" }] });
  try {
    await newBackend(fake.url).chat({
      system: "",
      tools: [],
      messages: [
        { role: "user", content: "two things" },
        { role: "assistant", content: "", toolCalls: [{ id: "t1", name: "a", arguments: {} }, { id: "t2", name: "b", arguments: {} }] },
        { role: "tool", toolCallId: "t1", name: "a", content: "ok" },
        { role: "tool", toolCallId: "t2", name: "b", content: "boom", isError: true },
      ],
    });
    const msgs = fake.requests[0]!.body.messages;
    expect(msgs.map((m: any) => m.role)).toEqual(["user", "assistant", "user"]);
    expect(msgs[2].content).toEqual([
      { type: "tool_result", tool_use_id: "t1", content: "ok" },
      { type: "tool_result", tool_use_id: "t2", content: "boom", is_error: true },
    ]);
  } finally {
    await fake.close();
  }
});

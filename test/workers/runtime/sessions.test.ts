/**
 * Session Durable Object behaviour: history survives a runtime restart (persistence on), A2A tasks too, and
 * concurrent turns on one session run one after another (each sees every earlier turn; none is lost).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, startMesh, type Mesh } from "../../helpers/mesh";

describe("persistence across a restart", () => {
  let mesh: Mesh;
  beforeAll(async () => {
    mesh = await startMesh([{ name: "weather", module: "weather" }], { persist: true });
  });
  afterAll(() => mesh?.dispose());

  it("keeps the session history and tasks", async () => {
    const first = await postJson(`${mesh.url.weather}/query`, { query: "What's the weather in Tokyo?", session_id: "keep-me" });
    expect(first.status).toBe(200);
    const sent = await postJson(
      `${mesh.url.weather}/a2a`,
      { jsonrpc: "2.0", id: 1, method: "SendMessage", params: { message: { messageId: "m1", role: "ROLE_USER", contextId: "keep-me", parts: [{ text: "weather in Paris" }] } } },
      { "A2A-Version": "1.0" },
    );
    const taskId = sent.body.result.task.id as string;

    await mesh.restart();

    const second = await postJson(`${mesh.url.weather}/query`, { query: "What's the weather in Tokyo?", session_id: "keep-me" });
    expect(second.status).toBe(200);
    // The model saw the earlier turns: the same question costs more input tokens the second time.
    expect(second.body.usage.input_tokens).toBeGreaterThan(first.body.usage.input_tokens);
    const history = (await (await fetch(`${mesh.url.weather}/sessions/keep-me`)).json()) as any;
    const users = history.messages.filter((m: any) => m.role === "user").map((m: any) => m.content);
    expect(users).toEqual(["What's the weather in Tokyo?", "weather in Paris", "What's the weather in Tokyo?"]);

    const got = await postJson(`${mesh.url.weather}/a2a`, { jsonrpc: "2.0", id: 2, method: "GetTask", params: { id: taskId } }, { "A2A-Version": "1.0" });
    expect(got.body.result).toMatchObject({ id: taskId, contextId: "keep-me", status: { state: "TASK_STATE_COMPLETED" } });
  });
});

describe("concurrent turns on one session", () => {
  let mesh: Mesh;
  beforeAll(async () => {
    mesh = await startMesh([{ name: "weather", module: "weather" }]);
  });
  afterAll(() => mesh?.dispose());

  it("are serialised: history ordered, no lost turns, each turn sees the ones before it", async () => {
    const n = 8;
    const results = await Promise.all(
      Array.from({ length: n }, () => postJson(`${mesh.url.weather}/query`, { query: "What's the weather in London?", session_id: "busy" })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(n).fill(200));
    // Identical questions: only a growing history can make their input sizes differ, and it must for every turn.
    const inputs = results.map((r) => r.body.usage.input_tokens as number);
    expect(new Set(inputs).size).toBe(n);

    const history = (await (await fetch(`${mesh.url.weather}/sessions/busy`)).json()) as any;
    const roles = history.messages.map((m: any) => (m.role === "assistant" && m.toolCalls ? "call" : m.role)).join(",");
    expect(roles).toBe(Array(n).fill("user,call,tool,assistant").join(","));
  });

  it("different sessions do not wait for each other", async () => {
    const results = await Promise.all(
      ["s-a", "s-b", "s-c"].map((id) => postJson(`${mesh.url.weather}/query`, { query: "weather in Paris", session_id: id })),
    );
    for (const r of results) expect(r.status).toBe(200);
    const inputs = results.map((r) => r.body.usage.input_tokens);
    expect(new Set(inputs).size).toBe(1);
  });
});

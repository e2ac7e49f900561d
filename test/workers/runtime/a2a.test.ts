/**
 * A2A over real HTTP: the official @a2a-js/sdk client, unmodified, against our agent (v1.0 through ClientFactory,
 * v0.3 through the SDK's legacy transport), and every JSON-RPC error case on the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Role, TaskState, type Message, type Task } from "@a2a-js/sdk";
import { ClientFactory } from "@a2a-js/sdk/client";
import { LegacyJsonRpcTransport } from "@a2a-js/sdk/compat/v0_3/client";
import { CUSTOM_ENTRY, postJson, startMesh, type Mesh } from "../../helpers/mesh";
import { readSse } from "../../helpers/sse";

let mesh: Mesh;
let base: string;

beforeAll(async () => {
  mesh = await startMesh([
    { name: "weather", module: "weather_custom", entry: CUSTOM_ENTRY, extra: { description: "Weather for cities" } },
    { name: "sleepy", module: "sleepy", entry: CUSTOM_ENTRY, extra: { timeouts: { toolMs: 120_000 } } },
  ]);
  base = mesh.url.weather!;
});
afterAll(() => mesh?.dispose());

function message(text: string, contextId = ""): Message {
  return {
    messageId: crypto.randomUUID(),
    contextId,
    taskId: "",
    role: Role.ROLE_USER,
    parts: [{ content: { $case: "text", value: text }, metadata: undefined, filename: "", mediaType: "text/plain" }],
    metadata: undefined,
    extensions: [],
    referenceTaskIds: [],
  };
}
const sendParams = (text: string, contextId = "") => ({ tenant: "", message: message(text, contextId), configuration: undefined, metadata: undefined });
const artifactText = (task: Task) => task.artifacts.flatMap((a) => a.parts).map((p) => (p.content?.$case === "text" ? p.content.value : "")).join("");

describe("SDK client, protocol v1.0", () => {
  it("fetches the card and sends a message; the task completes with the answer", async () => {
    const client = await new ClientFactory().createFromUrl(base);
    expect(client.protocolVersion).toBe("1.0");
    const card = await client.getAgentCard();
    expect(card.name).toBe("weather agent");
    const result = await client.sendMessage(sendParams("What's the weather in Tokyo?", "a2a-ctx-1"));
    expect("id" in result).toBe(true);
    const task = result as Task;
    expect(task.contextId).toBe("a2a-ctx-1");
    expect(task.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(artifactText(task)).toMatch(/Tokyo/);

    const again = await client.getTask({ tenant: "", id: task.id, historyLength: undefined });
    expect(again.id).toBe(task.id);
    expect(again.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(artifactText(again)).toBe(artifactText(task));

    const listed = await client.listTasks({ tenant: "", contextId: "a2a-ctx-1", status: TaskState.TASK_STATE_UNSPECIFIED, pageToken: "", statusTimestampAfter: undefined });
    expect(listed.tasks.map((t) => t.id)).toContain(task.id);
  });

  it("streams task events ending in COMPLETED", async () => {
    const client = await new ClientFactory().createFromUrl(base);
    const events = [];
    for await (const ev of client.sendMessageStream(sendParams("weather in Paris"))) events.push(ev);
    const kinds = events.map((e) => e.payload?.$case);
    expect(kinds[0]).toBe("task");
    expect(kinds).toContain("artifactUpdate");
    const last = events[events.length - 1]!.payload;
    expect(last?.$case).toBe("statusUpdate");
    expect(last?.$case === "statusUpdate" && last.value.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
  });

  it("answers CancelTask on a finished task with task-not-cancelable, and GetTask on an unknown id with task-not-found", async () => {
    const client = await new ClientFactory().createFromUrl(base);
    const task = (await client.sendMessage(sendParams("weather in London"))) as Task;
    await expect(client.cancelTask({ tenant: "", id: task.id, metadata: undefined })).rejects.toThrow(/not cancelable/i);
    await expect(client.getTask({ tenant: "", id: "no-such-task", historyLength: undefined })).rejects.toThrow(/not found/i);
  });
});

describe("cancelling", () => {
  it("CancelTask stops a running task", async () => {
    const rpc = (method: string, params: unknown) => postJson(`${mesh.url.sleepy}/a2a`, { jsonrpc: "2.0", id: 1, method, params }, { "A2A-Version": "1.0" });
    const sent = await rpc("SendMessage", { message: { messageId: "n1", role: "ROLE_USER", parts: [{ text: "take a nap" }] }, configuration: { returnImmediately: true } });
    const task = sent.body.result.task;
    expect(["TASK_STATE_SUBMITTED", "TASK_STATE_WORKING"]).toContain(task.status.state);
    const cancelled = await rpc("CancelTask", { id: task.id });
    expect(cancelled.body.result.status.state).toBe("TASK_STATE_CANCELED");
    const got = await rpc("GetTask", { id: task.id });
    expect(got.body.result.status.state).toBe("TASK_STATE_CANCELED");
  });
});

describe("SDK client, protocol v0.3 (legacy transport)", () => {
  it("sends (message/send), streams (message/stream), gets (tasks/get) and cancels (tasks/cancel)", async () => {
    const card = (await (await fetch(`${base}/.well-known/agent-card.json`)).json()) as { url: string; protocolVersion: string };
    expect(card.protocolVersion).toMatch(/^0\.3/);
    const transport = new LegacyJsonRpcTransport({ endpoint: card.url });
    const result = (await transport.sendMessage(sendParams("weather in Tokyo", "legacy-ctx"))) as Task;
    expect(result.contextId).toBe("legacy-ctx");
    expect(result.status?.state).toBe(TaskState.TASK_STATE_COMPLETED);
    expect(artifactText(result)).toMatch(/Tokyo/);

    const fetched = await transport.getTask({ tenant: "", id: result.id, historyLength: undefined });
    expect(fetched.id).toBe(result.id);

    const kinds: string[] = [];
    for await (const ev of transport.sendMessageStream(sendParams("weather in Paris"))) kinds.push(ev.payload?.$case ?? "?");
    expect(kinds[0]).toBe("task");
    expect(kinds[kinds.length - 1]).toBe("statusUpdate");

    await expect(transport.cancelTask({ tenant: "", id: result.id, metadata: undefined })).rejects.toThrow(/cancel/i);
  });

  it("speaks raw v0.3 JSON-RPC without an A2A-Version header", async () => {
    const { status, body } = await postJson(`${base}/a2a`, {
      jsonrpc: "2.0",
      id: "r1",
      method: "message/send",
      params: { message: { kind: "message", messageId: "m1", role: "user", parts: [{ kind: "text", text: "weather in Tokyo" }] } },
    });
    expect(status).toBe(200);
    expect(body.id).toBe("r1");
    expect(body.result.kind).toBe("task");
    expect(body.result.status.state).toBe("completed");
    const get = await postJson(`${base}/a2a`, { jsonrpc: "2.0", id: 2, method: "tasks/get", params: { id: body.result.id } });
    expect(get.body.result.id).toBe(body.result.id);
  });

  it("streams raw SendStreamingMessage as SSE", async () => {
    const res = await fetch(`${base}/a2a`, {
      method: "POST",
      headers: { "content-type": "application/json", "A2A-Version": "1.0", accept: "text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 7, method: "SendStreamingMessage", params: { message: { messageId: "m2", role: "ROLE_USER", parts: [{ text: "weather in London" }] } } }),
    });
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const events = await readSse(res);
    expect(events.length).toBeGreaterThan(2);
    expect(events.every((e) => e.data.id === 7 && e.data.result)).toBe(true);
    expect(events[events.length - 1]!.data.result.statusUpdate.status.state).toBe("TASK_STATE_COMPLETED");
  });
});

describe("JSON-RPC errors", () => {
  const rpc = (body: unknown, headers: Record<string, string> = {}) => postJson(`${base}/a2a`, body, headers);

  it("parse error -32700", async () => {
    const { status, body } = await rpc('{"jsonrpc": "2.0", "method": ');
    expect(status).toBe(200);
    expect(body).toMatchObject({ jsonrpc: "2.0", id: null, error: { code: -32700 } });
  });

  it("invalid request -32600", async () => {
    for (const bad of [{ jsonrpc: "1.0", id: 1, method: "SendMessage" }, { jsonrpc: "2.0", id: 1 }, [1, 2], JSON.stringify("text"), { jsonrpc: "2.0", id: 1.5, method: "GetTask" }]) {
      const { body } = await rpc(bad);
      expect(body.error.code).toBe(-32600);
    }
  });

  it("method not found -32601 (v1.0 and v0.3)", async () => {
    expect((await rpc({ jsonrpc: "2.0", id: 1, method: "DoMagic", params: {} }, { "A2A-Version": "1.0" })).body.error.code).toBe(-32601);
    expect((await rpc({ jsonrpc: "2.0", id: 1, method: "tasks/magic", params: {} })).body.error.code).toBe(-32601);
  });

  it("invalid params -32602", async () => {
    expect((await rpc({ jsonrpc: "2.0", id: 1, method: "SendMessage", params: "nope" }, { "A2A-Version": "1.0" })).body.error.code).toBe(-32602);
    expect((await rpc({ jsonrpc: "2.0", id: 1, method: "SendMessage", params: {} }, { "A2A-Version": "1.0" })).body.error.code).toBe(-32602);
    expect((await rpc({ jsonrpc: "2.0", id: 1, method: "message/send", params: {} })).body.error.code).toBe(-32602);
  });

  it("task not found -32001 (v1.0 and v0.3)", async () => {
    const v1 = await rpc({ jsonrpc: "2.0", id: 3, method: "GetTask", params: { id: "missing" } }, { "A2A-Version": "1.0" });
    expect(v1.body).toMatchObject({ id: 3, error: { code: -32001 } });
    const v03 = await rpc({ jsonrpc: "2.0", id: 4, method: "tasks/get", params: { id: "missing" } });
    expect(v03.body).toMatchObject({ id: 4, error: { code: -32001 } });
  });

  it("refuses an /a2a body over 1 MiB with 413", async () => {
    const { status } = await rpc(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "SendMessage", params: { pad: "x".repeat(1024 * 1024) } }));
    expect(status).toBe(413);
  });
});

// `ade start` on this machine, for real: the seed's 11-agent mesh in one workerd, health-gated, queried through
// the controller, 20 queries at once, stopped with no process or port left, sessions surviving a restart.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import query from "../../deployer/cli/commands/query";
import start from "../../deployer/cli/commands/start";
import status from "../../deployer/cli/commands/status";
import stop from "../../deployer/cli/commands/stop";
import { sendQuery } from "../../deployer/deploy/query";
import { findDeployment } from "../../deployer/state";
import { isAlive } from "../../deployer/targets/process";
import { isPortFree } from "../../deployer/targets/ports";

const PORTS = Array.from({ length: 11 }, (_, i) => 9000 + i);
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "ade-local-"));
  process.env.ADE_HOME = home;
});

afterAll(async () => {
  await stop.run(["large-mesh"], {}).catch(() => undefined);
});

describe("local target: jobs/large-mesh.yaml", () => {
  it("starts all 11 agents healthy, in stages, callees first", async () => {
    const result = await start.run(["jobs/large-mesh.yaml"], { detach: true, json: true });
    expect(result.noop).toBe(false);
    expect(result.agents).toHaveLength(11);
    expect(result.agents.every((a) => a.state === "healthy")).toBe(true);
    expect(result.agents.at(-1)!.id).toBe("controller");
    expect(result.deployment.id).toMatch(/^large-mesh-\d{8}-\d{6}$/);
    const s = await status.run(["large-mesh"], {});
    expect(s.healthy).toBe(11);
  });

  it("answers through the controller, which asks a spoke by name over its service binding", async () => {
    const record = await findDeployment(home, "jobs/large-mesh.yaml");
    const events: string[] = [];
    const answer = await sendQuery(record, { query: "What's the weather in Tokyo?", onEvent: (e) => events.push(`${e.event}:${String(e.data.name ?? "")}`) });
    expect(events).toContain("tool_call:query_agent");
    expect(answer.response).toMatch(/Tokyo/);
    expect(answer.session_id).toBeTruthy();
    // The local receiver recorded the query as one trace across the controller and the spoke.
    const trace = await import("../../deployer/cli/commands/trace");
    let services: string[] = [];
    for (let i = 0; i < 50 && services.length < 2; i++) {
      const shown = (await trace.default.run([record.id, answer.trace_id!], { json: true }).catch(() => undefined)) as { spans?: Array<{ service: string }> } | undefined;
      services = [...new Set((shown?.spans ?? []).map((s) => s.service))];
      if (services.length < 2) await new Promise((r) => setTimeout(r, 100));
    }
    expect(services.sort()).toEqual(["controller", "weather"]);
  });

  it("answers 20 concurrent queries", async () => {
    const record = await findDeployment(home, "large-mesh");
    const cities = ["Tokyo", "London", "Paris", "New York"];
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => sendQuery(record, { query: `What's the weather in ${cities[i % 4]}?`, session: `load-${i}` })));
    answers.forEach((a, i) => expect(a.response).toContain(cities[i % 4]));
  });

  it("starting the same job again changes nothing", async () => {
    const before = await findDeployment(home, "large-mesh");
    const again = await start.run(["jobs/large-mesh.yaml"], { detach: true, json: true });
    expect(again.noop).toBe(true);
    expect(again.deployment.groups[0]!.pid).toBe(before.groups[0]!.pid);
  });

  it("keeps a session's history across stop and start", async () => {
    const q = await query.run(["large-mesh", "What's the weather in Paris?"], { session: "persist-1", timeout: 60 });
    expect(q.session_id).toBe("persist-1");
    const record = await findDeployment(home, "large-mesh");
    const url = record.groups[0]!.urls.controller;
    const before = (await (await fetch(`${url}/sessions/persist-1`)).json()) as { messages: unknown[] };
    expect(before.messages.length).toBeGreaterThan(0);
    await stop.run(["large-mesh"], {});
    await start.run(["jobs/large-mesh.yaml"], { detach: true, json: true });
    const after = (await (await fetch(`${url}/sessions/persist-1`)).json()) as { messages: unknown[] };
    expect(after.messages).toEqual(before.messages);
  });

  it("stops with no process and no bound port left; stopping twice is fine", async () => {
    const record = await findDeployment(home, "large-mesh");
    const pid = record.groups[0]!.pid!;
    const result = await stop.run(["large-mesh"], {});
    expect(result.portsStillBound).toEqual([]);
    expect(isAlive(pid)).toBe(false);
    for (const p of PORTS) expect(await isPortFree(p)).toBe(true);
    const again = await stop.run(["large-mesh"], {});
    expect(again.already).toBe(true);
  });
});

// Hybrid: jobs/ssh-localhost.yaml — a local hub calling two spokes deployed through a real sshd. Cross-target
// calls go by URL with the deployment's bearer token; without it a spoke answers 401.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import logs from "../../deployer/cli/commands/logs";
import start from "../../deployer/cli/commands/start";
import status from "../../deployer/cli/commands/status";
import stop from "../../deployer/cli/commands/stop";
import trace, { type TraceResult } from "../../deployer/cli/commands/trace";
import { sendQuery } from "../../deployer/deploy/query";
import { findDeployment } from "../../deployer/state";
import { isPortFree } from "../../deployer/targets/ports";
import { sshdMissing, startSshd, type Sshd } from "../helpers/sshd";

const missing = sshdMissing();
let sshd: Sshd;
let traceId: string;

beforeAll(async () => {
  if (missing) return;
  sshd = await startSshd();
  process.env.ADE_HOME = await mkdtemp(join(tmpdir(), "ade-hybrid-"));
  Object.assign(process.env, { ADE_SSH_PORT: String(sshd.port), ADE_SSH_USER: sshd.user, ADE_SSH_KEY: sshd.clientKey, ADE_KNOWN_HOSTS: sshd.knownHosts });
}, 60_000);

afterAll(async () => {
  if (missing) return;
  await stop.run(["ssh-localhost"], {}).catch(() => undefined);
  await sshd.stop();
});

describe.skipIf(missing)(`hybrid: local hub, spokes over SSH${missing ? ` (skipped: ${missing})` : ""}`, () => {
  it("starts the SSH spokes first, then the local hub, all healthy", async () => {
    const result = await start.run(["jobs/ssh-localhost.yaml"], { detach: true, json: true });
    expect(result.agents.map((a) => `${a.id}:${a.state}`)).toEqual(["weather:healthy", "maps:healthy", "controller:healthy"]);
    const s = await status.run(["ssh-localhost"], {});
    expect(s.healthy).toBe(3);
    expect(s.agents.find((a) => a.id === "weather")!.target).toMatch(/^remote/);
  }, 300_000);

  it("the hub reaches an SSH spoke by URL with the bearer token", async () => {
    const record = await findDeployment(process.env.ADE_HOME!, "ssh-localhost");
    const answer = await sendQuery(record, { query: "What's the weather in Tokyo?" });
    expect(answer.response).toContain("Tokyo");
    traceId = answer.trace_id!;
  });

  it("ade trace shows the query as one trace across the local hub and the SSH spoke (spans read over SSH)", async () => {
    let services: string[] = [];
    let result: TraceResult | undefined;
    const complete = () => services.includes("weather") && services.includes("controller");
    for (let i = 0; i < 50 && !complete(); i++) {
      result = await trace.run(["ssh-localhost", traceId], {}).catch(() => undefined);
      services = result && "spans" in result ? [...new Set(result.spans.map((s) => s.service))] : [];
      if (!complete()) await new Promise((r) => setTimeout(r, 200));
    }
    expect(services.sort()).toEqual(["controller", "weather"]);
    if (!result || !("spans" in result)) throw new Error("expected one trace");
    expect(result.remote?.map((r) => r.error)).toEqual([undefined]);
    // The spoke's server span is the child of the hub's peer span: one tree across the two runners.
    const peer = result.spans.find((s) => s.service === "controller" && s.name === "peer.weather")!;
    expect(result.spans.some((s) => s.service === "weather" && s.parentSpanId === peer.spanId)).toBe(true);
  });

  it("a spoke refuses calls without the token (401) and accepts them with it", async () => {
    const record = await findDeployment(process.env.ADE_HOME!, "ssh-localhost");
    const body = JSON.stringify({ query: "weather in Paris" });
    const without = await fetch("http://127.0.0.1:9101/query", { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(without.status).toBe(401);
    const withToken = await fetch("http://127.0.0.1:9101/query", { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${record.meshToken}` }, body });
    expect(withToken.status).toBe(200);
  });

  it("shows an SSH agent's logs, read over SSH", async () => {
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      await logs.run(["ssh-localhost"], { agent: "weather", tail: 50, raw: true });
    } finally {
      process.stdout.write = write;
    }
    expect(lines.join("")).toContain('"agent":"weather"');
  });

  it("stops every agent on both targets and frees their ports", async () => {
    const result = await stop.run(["ssh-localhost"], {});
    expect(result.stopped.sort()).toEqual(["controller", "maps", "weather"]);
    for (const port of [9100, 9101, 9102]) expect(await isPortFree(port)).toBe(true);
  });
});

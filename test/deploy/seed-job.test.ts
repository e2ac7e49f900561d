// A seed engine job file, unchanged, runs here: `--backend offline` stands in for the Claude key it expects,
// and its clients' API (`POST /query`, the seed's card path) answers.
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import start from "../../deployer/cli/commands/start";
import stop from "../../deployer/cli/commands/stop";

const SEED_JOB = resolve("../shared/seed/jobs/simple-weather.yaml");

afterAll(async () => {
  await stop.run(["simple-weather-workflow"], {}).catch(() => undefined);
});

describe.skipIf(!existsSync(SEED_JOB))("the seed's simple-weather.yaml", () => {
  it("starts unchanged with --backend offline and answers the seed's client API", async () => {
    process.env.ADE_HOME = await mkdtemp(join(tmpdir(), "ade-seedjob-"));
    const result = await start.run([SEED_JOB], { detach: true, json: true, backend: "offline" });
    expect(result.agents.map((a) => `${a.id}:${a.state}`)).toEqual(["weather:healthy", "maps:healthy", "controller:healthy"]);
    const res = await fetch("http://127.0.0.1:9000/query", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "What's the weather in London?", session_id: "seed-client" }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response: string; session_id: string };
    expect(body.session_id).toBe("seed-client");
    expect(body.response).toContain("London");
    const card = await fetch("http://127.0.0.1:9001/.well-known/agent-configuration");
    expect(((await card.json()) as { name: string }).name).toBe("Weather Agent");
  });
});

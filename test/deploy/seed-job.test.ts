// A seed engine job file, unchanged, runs here: `--backend offline` stands in for the Claude key it expects,
// and its clients' API (`POST /query`, the seed's card path) answers.
import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import start from "../../deployer/cli/commands/start";
import query from "../../deployer/cli/commands/query";
import stop from "../../deployer/cli/commands/stop";

const SEED_JOB = resolve("../shared/seed/jobs/simple-weather.yaml");
const REVIEW_JOB = resolve("../shared/seed/jobs/code-review-pipeline.yaml");
const RESEARCH_JOB = resolve("../shared/seed/jobs/research-assistant.yaml");

// One state directory for the file, so the clean-up below finds both deployments.
beforeAll(async () => {
  process.env.ADE_HOME = await mkdtemp(join(tmpdir(), "ade-seedjob-"));
});

afterAll(async () => {
  await stop.run(["simple-weather-workflow"], {}).catch(() => undefined);
  await stop.run(["code-review-pipeline"], {}).catch(() => undefined);
  await stop.run(["research-assistant"], {}).catch(() => undefined);
});

describe.skipIf(!existsSync(SEED_JOB))("the seed's simple-weather.yaml", () => {
  it("starts unchanged with --backend offline and answers the seed's client API", async () => {
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

describe.skipIf(!existsSync(REVIEW_JOB))("the seed's code-review-pipeline.yaml", () => {
  it("suggests a question that fits the job, and a review reaches all three reviewers", async () => {
    const result = await start.run([REVIEW_JOB], { detach: true, json: true, backend: "offline" });
    expect(result.agents.every((a) => a.state === "healthy")).toBe(true);
    // The coordinator's own first example, from its agent card.
    expect(result.sampleQuery).toMatch(/^Review this code: function f/);
    const answer = await query.run(["code-review-pipeline", result.sampleQuery!], { json: true });
    const lines = answer.response.split("\n");
    expect(lines.map((l) => l.split(":")[0])).toEqual(["linter", "security", "complexity"]);
    expect(lines[0]).toMatch(/^linter: \d+ lint findings in javascript .*1:\d+ warning eqeqeq: /);
    expect(lines[2]).toMatch(/^complexity: 1 function, highest complexity 2/);
  });
});

describe.skipIf(!existsSync(RESEARCH_JOB))("the seed's research-assistant.yaml", () => {
  it("searches first, then has the findings summarised, across three agents", async () => {
    const result = await start.run([RESEARCH_JOB], { detach: true, json: true, backend: "offline" });
    expect(result.agents.every((a) => a.state === "healthy")).toBe(true);
    expect(result.sampleQuery).toBe("Research how Cloudflare Workers run code and summarise the key points.");
    const answer = await query.run(["research-assistant", result.sampleQuery!], { json: true });
    const [search, summary] = answer.response.split("\n");
    expect(search).toMatch(/^searcher: Cloudflare Workers is a serverless platform .* \(https:\/\/corpus\.ade\.example\/docs\/cloudflare-workers\)\./);
    // The summarizer worked on what the searcher found, not on the question.
    expect(summary).toMatch(/^summarizer: Key points: \(1\) Cloudflare Workers is a serverless platform/);
  });
});

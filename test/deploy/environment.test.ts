// The job's `environment` reaches local agents as plain vars (as `vars` do on the edge): here the standard
// OTEL_SERVICE_NAME renames the agents' spans in the locally recorded trace.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import start from "../../deployer/cli/commands/start";
import stop from "../../deployer/cli/commands/stop";
import { sendQuery } from "../../deployer/deploy/query";

afterAll(async () => {
  await stop.run(["env-vars"], {}).catch(() => undefined);
});

describe("job environment on the local target", () => {
  it("is visible to the agents", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ade-env-"));
    process.env.ADE_HOME = join(dir, ".ade");
    const file = join(dir, "env.yaml");
    await writeFile(file, `job: {name: env-vars, version: 1.0.0, description: environment reaches agents}
backend: {type: offline}
environment: {OTEL_SERVICE_NAME: renamed-by-environment}
agents:
  - {id: weather, module: weather, config: {port: 19651}, deployment: {target: localhost}}
topology: {type: pipeline, stages: [weather]}
`);
    const started = await start.run([file], { detach: true, json: true });
    const answer = await sendQuery(started.deployment, { query: "weather in Oslo" });
    const traceFile = join(dir, ".ade", "traces", `${started.deployment.id}.ndjson`);
    let services: string[] = [];
    for (let i = 0; i < 50 && !services.length; i++) {
      const lines = (await readFile(traceFile, "utf8").catch(() => "")).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { traceId: string; service: string });
      services = [...new Set(lines.filter((l) => l.traceId === answer.trace_id).map((l) => l.service))];
      if (!services.length) await new Promise((r) => setTimeout(r, 100));
    }
    expect(services).toEqual(["renamed-by-environment"]);
  });
});

// A user's own agent module beside the job (`module: ./agents/shouter.ts`, importing "ade/agent"): it runs
// in the local mesh like a built-in, and wrangler accepts its bundle for the edge.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import query from "../../deployer/cli/commands/query";
import start from "../../deployer/cli/commands/start";
import stop from "../../deployer/cli/commands/stop";

const AGENT = `import { defineAgent, defineTool, z } from "ade/agent";

const shout = defineTool({
  name: "shout",
  description: "Shout a message back: turns the text into loud upper case.",
  input: z.object({ text: z.string().describe("what to shout") }),
  run: ({ text }) => ({ shouted: text.toUpperCase() + "!" }),
});

export default defineAgent({
  name: "shouter",
  description: "Shouts whatever you send it, in capitals.",
  systemPrompt: "You shout the user's text back using the shout tool.",
  tools: [shout],
});
`;

const job = (target: string) => `job: {name: shouting, version: 1.0.0, description: a user's own agent}
backend: {type: offline}
agents:
  - {id: shouter, module: ./agents/shouter.ts, config: {port: 19631}, deployment: {target: ${target}}}
  - {id: hub, module: controller, config: {port: 19630}, deployment: {target: ${target}}}
topology: {type: hub-spoke, hub: hub, spokes: [shouter]}
`;

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ade-custom-"));
  process.env.ADE_HOME = join(dir, ".ade");
  await mkdir(join(dir, "agents"));
  await writeFile(join(dir, "agents/shouter.ts"), AGENT);
  await writeFile(join(dir, "local.yaml"), job("localhost"));
  await writeFile(join(dir, "edge.yaml"), job("cloudflare, account_id: acc"));
});

afterAll(async () => {
  await stop.run(["shouting"], {}).catch(() => undefined);
});

describe("a user's own agent module", () => {
  it("runs locally and is reached by the hub like a built-in", async () => {
    const started = await start.run([join(dir, "local.yaml")], { detach: true, json: true });
    expect(started.agents.map((a) => a.state)).toEqual(["healthy", "healthy"]);
    const direct = await query.run(["shouting", "shout hello world"], { agent: "shouter", timeout: 30 });
    expect(direct.response).toContain("HELLO WORLD!");
    const viaHub = await query.run(["shouting", "ask the shouter to shout good morning"], { timeout: 30 });
    expect(viaHub.response).toContain("GOOD MORNING");
  });

  it("builds for the edge: wrangler bundles it with the ade/agent alias", async () => {
    const result = await start.run([join(dir, "edge.yaml")], { dryRun: true, json: true });
    expect(result.agents.map((a) => a.state)).toEqual(["built", "built"]);
  }, 120_000);
});

// `ade build`: deterministic wrangler configs, secrets by name only, one service binding per peer, a generated
// entry for a user's own module — and every config accepted by wrangler itself (deploy --dry-run, offline).
import { mkdtemp, readFile, readdir, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderBuild, writeBuild } from "../../deployer/build/index";
import { validateJobFile, validateJobText } from "../../deployer/job/validate";
import { planDeployment } from "../../deployer/plan";
import { runWrangler } from "../../deployer/targets/cloudflare/wrangler";

async function buildJob(file: string, out: string, env: Record<string, string> = {}) {
  const v = await validateJobFile(file, { env });
  const build = renderBuild(v.model!, planDeployment(v.model!), out);
  await writeBuild(build);
  return build;
}

async function readTree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name).slice(dir.length)] = await readFile(join(entry.parentPath, entry.name), "utf8");
  }
  return files;
}

const parse = (jsonc: string) => JSON.parse(jsonc.replace(/^\/\/.*$/gm, ""));

describe("ade build", () => {
  it("writes the same bytes for the same job", async () => {
    const a = await mkdtemp(join(tmpdir(), "ade-build-a-"));
    const b = await mkdtemp(join(tmpdir(), "ade-build-b-"));
    await buildJob("jobs/large-mesh.yaml", a);
    await buildJob("jobs/large-mesh.yaml", b);
    const ta = await readTree(a);
    expect(Object.keys(ta)).toHaveLength(12);
    expect(ta).toEqual(await readTree(b));
  });

  it("gives each agent a SQLite session object and one service binding per peer", async () => {
    const out = await mkdtemp(join(tmpdir(), "ade-build-"));
    const build = await buildJob("jobs/large-mesh.yaml", out);
    const controller = parse(await readFile(build.agents.find((x) => x.id === "controller")!.config, "utf8"));
    expect(controller.name).toBe("large-mesh-controller");
    expect(controller.migrations).toEqual([{ tag: "v1", new_sqlite_classes: ["SessionDO"] }]);
    expect(controller.durable_objects.bindings).toEqual([{ name: "SESSIONS", class_name: "SessionDO" }]);
    expect(controller.services).toHaveLength(10);
    expect(controller.services).toContainEqual({ binding: "PEER_FACT_CHECKER", service: "large-mesh-fact-checker" });
    expect(controller.vars.ADE_CONFIG.peers.map((p: { name: string }) => p.name)).toContain("fact_checker");
    expect(controller.dev).toEqual({ ip: "127.0.0.1", port: 9000 });
    const weather = parse(await readFile(build.agents.find((x) => x.id === "weather")!.config, "utf8"));
    expect(weather.services).toBeUndefined();
  });

  it("never writes a secret's value, only its name", async () => {
    const out = await mkdtemp(join(tmpdir(), "ade-build-"));
    const text = `job: {name: secretive, version: 1.0.0, description: d}
backend: {type: anthropic}
environment: {SERVICE_TOKEN: "\${SERVICE_TOKEN}", REGION: eu}
observability: {otel: {endpoint: "https://otlp.example.com", headers: {x-honeycomb-team: "\${HONEY_KEY}"}}}
agents:
  - {id: a, module: restricted, config: {port: 9700}, deployment: {target: localhost}}
topology: {type: pipeline, stages: [a]}
`;
    const env = { SERVICE_TOKEN: "tok-0123456789-very-secret", ANTHROPIC_API_KEY: "sk-ant-should-never-appear", HONEY_KEY: "honey-should-never-appear" };
    const v = validateJobText(text, "secretive.yaml", process.cwd(), { env });
    const build = renderBuild(v.model!, planDeployment(v.model!), out);
    await writeBuild(build);
    const all = Object.values(await readTree(out)).join("\n");
    expect(all).not.toContain("tok-0123456789-very-secret");
    expect(all).not.toContain("sk-ant-should-never-appear");
    expect(all).not.toContain("honey-should-never-appear");
    expect(all).toContain("Secrets (values are never written here): ANTHROPIC_API_KEY, OTEL_EXPORTER_OTLP_HEADERS, SERVICE_TOKEN");
    expect(parse(build.files[0]!.contents).vars.REGION).toBe("eu");
  });

  it("generates an entry for an agent written in the user's own module", async () => {
    const dir = await mkdtemp(join(tmpdir(), "ade-custom-"));
    await mkdir(join(dir, "agents"));
    await writeFile(join(dir, "agents/greeter.ts"), "export default { name: 'greeter', description: 'Greets', systemPrompt: 'Greet', tools: [] };\n");
    await writeFile(join(dir, "job.yaml"), "job: {name: custom, version: 1.0.0, description: d}\nbackend: {type: offline}\nagents:\n  - {id: greeter, module: ./agents/greeter.ts, config: {port: 9800}, deployment: {target: localhost}}\ntopology: {type: pipeline, stages: [greeter]}\n");
    const build = await buildJob(join(dir, "job.yaml"), join(dir, "out"));
    const entry = await readFile(build.agents[0]!.entry, "utf8");
    expect(entry).toContain('from "../../../agents/greeter.ts"');
    expect(entry).toContain("createAgentWorker({ custom: agent })");
    expect(parse(await readFile(build.agents[0]!.config, "utf8")).main).toBe("entry.ts");
  });

  it("produces configs wrangler accepts: deploy --dry-run for every agent of large-mesh", async () => {
    const out = await mkdtemp(join(tmpdir(), "ade-dry-"));
    const build = await buildJob("jobs/large-mesh.yaml", out);
    const results: Array<{ id: string; code: number; output: string }> = [];
    const queue = [...build.agents];
    await Promise.all(
      [0, 1].map(async () => {
        for (let a = queue.shift(); a; a = queue.shift()) {
          const r = await runWrangler(["deploy", "--dry-run", "--outdir", join(out, "dist", a.id), "-c", a.config]);
          results.push({ id: a.id, code: r.code, output: r.output });
        }
      }),
    );
    for (const r of results) {
      expect(r.code, `${r.id}: ${r.output}`).toBe(0);
      expect(r.output).toContain("--dry-run: exiting now.");
      expect(r.output, `${r.id} pulls a node: module without nodejs_compat`).not.toMatch(/wasn't found|Could not resolve/);
    }
    expect(results).toHaveLength(11);
  }, 240_000);
});

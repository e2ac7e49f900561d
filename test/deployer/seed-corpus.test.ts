// The seed engine's 22 example jobs must keep working: each gets the verdict pinned here. Read from ../shared
// (never copied): the ones whose modules exist nowhere fail naming the module.
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { validateJobFile } from "../../deployer/job/validate";
import { planDeployment } from "../../deployer/plan";

const SEED = resolve("../shared/seed/jobs");

/** File → undefined (valid) or the modules it must name as missing. */
const VERDICTS: Record<string, string[] | undefined> = {
  "code-review-pipeline.yaml": undefined,
  "collaborative-mesh.yaml": ["agents.research.base_agent"],
  "context7-test.yaml": ["examples.agents.context7_agent"],
  "cross-node-minimal.yaml": undefined,
  "cross-node-test.yaml": undefined,
  "distributed-dag.yaml": ["agents.dag.collector_agent", "agents.dag.stats_agent", "agents.dag.ml_agent", "agents.dag.nlp_agent", "agents.dag.aggregator_agent", "agents.dag.reporter_agent"],
  "financial-analysis.yaml": undefined,
  "gemini-test.yaml": undefined,
  "hierarchical-tree.yaml": ["agents.hierarchy.global_coordinator", "agents.hierarchy.regional_coordinator", "agents.hierarchy.weather_station"],
  "large-mesh.yaml": undefined,
  "mixed-providers.yaml": undefined,
  "ollama-test.yaml": undefined,
  "permission-test.yaml": undefined,
  "pipeline.yaml": ["agents.pipeline.ingest_agent", "agents.pipeline.validation_agent", "agents.pipeline.transform_agent", "agents.pipeline.output_agent"],
  "research-assistant.yaml": undefined,
  "simple-weather.yaml": undefined,
  "ssh-homelab-all.yaml": undefined,
  "ssh-hybrid.yaml": undefined,
  "ssh-localhost.yaml": undefined,
  "ssh-multi-host.yaml": undefined,
  "stdio-mcp-test.yaml": ["examples.agents.astronomy_stdio_agent"],
  "stock-workflow.yaml": undefined,
};

describe.skipIf(!existsSync(SEED))("the seed engine's job files", () => {
  it("pins a verdict for every file in the corpus", () => {
    expect(readdirSync(SEED).filter((f) => f.endsWith(".yaml")).sort()).toEqual(Object.keys(VERDICTS).sort());
  });

  it.each(Object.entries(VERDICTS))("%s", async (file, missing) => {
    const v = await validateJobFile(join(SEED, file), { env: {} });
    const errors = v.diagnostics.filter((d) => d.severity === "error");
    if (!missing) {
      expect(errors).toEqual([]);
      const plan = planDeployment(v.model!);
      expect(plan.agents.length).toBe(v.model!.agents.length);
      // Callees always come before their callers.
      for (const a of plan.agents) for (const p of a.peers) expect(plan.agents.find((x) => x.id === p.name)!.stage).toBeLessThanOrEqual(a.stage);
      return;
    }
    expect(errors.every((d) => d.code === "missing-module")).toBe(true);
    for (const m of missing) expect(errors.some((d) => d.message.includes(`module "${m}" does not exist`))).toBe(true);
  });

  it("maps the seed's backends: claude → anthropic, crewai → ollama with its model, gemini → gemini", async () => {
    const mixed = await validateJobFile(join(SEED, "mixed-providers.yaml"), { env: {} });
    const byId = Object.fromEntries(mixed.model!.agents.map((a) => [a.id, a.backend]));
    expect(byId.weather).toMatchObject({ type: "anthropic" });
    expect(byId.maps).toMatchObject({ type: "ollama", model: "llama3.2:latest", baseUrl: "http://localhost:11434" });
    const gemini = await validateJobFile(join(SEED, "gemini-test.yaml"), { env: {} });
    expect(gemini.model!.agents.find((a) => a.id === "weather")!.backend.type).toBe("gemini");
  });

  it("keeps the explicit cross-host address of ssh-hybrid.yaml for the remote peer", async () => {
    const v = await validateJobFile(join(SEED, "ssh-hybrid.yaml"), { env: {} });
    const controller = planDeployment(v.model!).agents.find((a) => a.id === "controller")!;
    expect(controller.peers).toContainEqual({ name: "weather", via: "http", url: "http://homelab:9001" });
    expect(controller.peers).toContainEqual(expect.objectContaining({ name: "maps", via: "service-binding" }));
  });
});

/**
 * @module bench/plan
 * How long validation and planning take for generated jobs of 100 and 1,000 agents (hub-spoke, a deep
 * pipeline and a dense DAG). Goal: a 1,000-agent job plans in well under a second.
 */
import { stringify } from "yaml";
import { validateJobText } from "../deployer/job/validate";
import { planDeployment } from "../deployer/plan";

type Shape = "hub-spoke" | "pipeline" | "dag";

function generate(n: number, shape: Shape): string {
  const ids = Array.from({ length: n }, (_, i) => `agent${i}`);
  const agents = ids.map((id, i) => ({ id, module: "restricted", config: { port: 10000 + i }, deployment: { target: "localhost" } }));
  const topology =
    shape === "hub-spoke"
      ? { type: "hub-spoke", hub: ids[0], spokes: ids.slice(1) }
      : shape === "pipeline"
        ? { type: "pipeline", stages: ids }
        : { type: "dag", connections: ids.slice(0, -3).map((id, i) => ({ from: id, to: [ids[i + 1]!, ids[i + 2]!, ids[i + 3]!] })) };
  return stringify({ job: { name: "bench", version: "1.0.0", description: "generated" }, backend: { type: "offline" }, agents, topology });
}

function time<T>(fn: () => T, runs: number): { result: T; ms: number } {
  let result!: T;
  const start = performance.now();
  for (let i = 0; i < runs; i++) result = fn();
  return { result, ms: (performance.now() - start) / runs };
}

export function runPlanBench(): void {
  console.log("plan: validate + plan of generated jobs (mean of 5 runs)");
  console.log("  agents  shape      validate ms  plan ms  stages");
  for (const n of [100, 1000]) {
    for (const shape of ["hub-spoke", "pipeline", "dag"] as Shape[]) {
      const text = generate(n, shape);
      const v = time(() => validateJobText(text, "bench.yaml", process.cwd(), { env: {} }), 5);
      if (!v.result.model) throw new Error(`generated job invalid: ${v.result.diagnostics[0]?.message}`);
      const p = time(() => planDeployment(v.result.model!), 5);
      console.log(`  ${String(n).padStart(6)}  ${shape.padEnd(9)}  ${v.ms.toFixed(1).padStart(11)}  ${p.ms.toFixed(2).padStart(7)}  ${p.result.stages.length}`);
    }
  }
}

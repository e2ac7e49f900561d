/**
 * @module bench/run
 * `npm run bench`: prints the project's speed and memory figures. Benchmarks print; they do not assert.
 */
import { runOtelBench } from "./otel";
import { runMeshBench } from "./mesh";
import { runPlanBench } from "./plan";

const only = process.argv[2];
const benches: Record<string, () => void | Promise<void>> = { plan: runPlanBench, mesh: runMeshBench, otel: async () => void (await runOtelBench()) };
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  await run();
  console.log();
}

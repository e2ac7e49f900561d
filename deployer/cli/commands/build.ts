/**
 * @module deployer/cli/commands/build
 * `ade build JOB [--out DIR]`: a wrangler config per agent under `.ade/build/<job>/<agent>/`.
 */
import { join, relative } from "node:path";
import { renderBuild, writeBuild } from "../../build/index";
import { adeHome } from "../../paths";
import { planDeployment } from "../../plan";
import { defineCommand, BACKEND_OPTION, JSON_OPTION } from "../command";
import { color, table } from "../format";
import { loadValidJob } from "../load-job";

export interface BuildSummary {
  job: string;
  dir: string;
  agents: Array<{ id: string; workerName: string; config: string }>;
}

export default defineCommand<BuildSummary>({
  name: "build",
  args: "<job>",
  describe: "write a wrangler config per agent (secrets by name only)",
  options: [{ flags: "--out <dir>", describe: "output folder (default .ade/build)" }, BACKEND_OPTION, JSON_OPTION],
  examples: ["ade build jobs/large-mesh.yaml", "ade build jobs/edge.yaml --out dist"],
  async run([file], options) {
    const { model } = await loadValidJob(file, options);
    const out = typeof options.out === "string" ? options.out : join(adeHome(), "build");
    const build = renderBuild(model, planDeployment(model), out);
    await writeBuild(build);
    return { job: model.name, dir: build.dir, agents: build.agents.map(({ id, workerName, config }) => ({ id, workerName, config })) };
  },
  render(r) {
    const rows = r.agents.map((a) => [a.id, a.workerName, relative(process.cwd(), a.config)]);
    return `${table(rows, "  ")}\n${color.green("✓")} built ${r.agents.length} agent${r.agents.length === 1 ? "" : "s"} of "${r.job}" in ${relative(process.cwd(), r.dir) || "."}`;
  },
});

/**
 * @module deployer/cli/commands/plan
 * `ade plan JOB`: the stages in dependency order with each agent's target, backend, peers and URL.
 */
import { UsageError } from "../../errors";
import type { Diagnostic } from "../../job/diagnostics";
import { planDeployment, type Plan } from "../../plan";
import { defineCommand, BACKEND_OPTION, JSON_OPTION } from "../command";
import { color, table } from "../format";
import { loadValidJob } from "../load-job";
import { renderDiagnostics } from "../render-diagnostics";

export default defineCommand<{ plan: Plan; warnings: Diagnostic[] }>({
  name: "plan",
  args: "<job>",
  describe: "show the deployment plan: stages (callees first), targets, backends, peers, URLs",
  options: [BACKEND_OPTION, { flags: "-f, --format <format>", describe: "table (default) or json" }, JSON_OPTION],
  examples: ["ade plan jobs/large-mesh.yaml", "ade plan jobs/mesh.yaml --json"],
  async run([file], options) {
    if (options.format !== undefined && options.format !== "table" && options.format !== "json") throw new UsageError(`--format must be table or json, got "${String(options.format)}"`);
    const { model, warnings } = await loadValidJob(file, options);
    return { plan: planDeployment(model), warnings };
  },
  render({ plan, warnings }) {
    const out: string[] = [];
    if (warnings.length) out.push(renderDiagnostics(warnings), "");
    out.push(
      `${color.bold(`Plan for ${plan.job}`)} ${plan.version} (${plan.file}): ${plan.agents.length} agents in ${plan.stages.length} stage${plan.stages.length === 1 ? "" : "s"}, entry point ${plan.entryPoint ?? "none"}, max ${plan.maxHops} hops`,
    );
    for (const stage of plan.stages) {
      out.push("", color.cyan(`Stage ${stage.index + 1}`) + (stage.cycle ? color.yellow(`  cycle: ${stage.cycle.members.join(" ↔ ")}`) : ""));
      if (stage.cycle) out.push(color.dim(`  ${stage.cycle.resolution}`));
      const rows = stage.agents.map((id) => {
        const a = plan.agents.find((x) => x.id === id)!;
        const peers = a.peers.length ? a.peers.map((p) => `${p.name}${p.via === "http" ? " (http)" : ""}`).join(", ") : "-";
        return [a.id, a.target, `${a.backend.type}:${a.backend.model}`, a.url, `→ ${peers}`];
      });
      out.push(table(rows, "  "));
    }
    for (const note of plan.notes) out.push("", color.yellow(`note: ${note}`));
    return out.join("\n");
  },
});

/**
 * @module deployer/cli/commands/status
 * `ade status [ID|JOB]`: each agent's target, URL, live health, pid, uptime and restarts.
 */
import { deploymentStatus, type DeploymentStatusView } from "../../deploy/status";
import { adeHome } from "../../paths";
import { findDeployment } from "../../state";
import { defineCommand, JSON_OPTION } from "../command";
import { color, table } from "../format";

export default defineCommand<DeploymentStatusView>({
  name: "status",
  args: "[deployment]",
  describe: "live health of a deployment's agents",
  options: [JSON_OPTION],
  examples: ["ade status hub-spoke", "ade status --json"],
  async run([ref]) {
    return deploymentStatus(await findDeployment(adeHome(), ref));
  },
  render(s) {
    const paint = (h: string) => (h === "healthy" ? color.green(h) : h === "stopped" ? color.dim(h) : color.red(h));
    const rows = s.agents.map((a) => [a.id, a.target, a.url, paint(a.health), a.pid ? String(a.pid) : (a.worker ?? "-"), a.uptimeSec !== undefined ? `${a.uptimeSec}s` : "-", String(a.restarts)]);
    // Why an agent is not healthy, once per distinct reason (a dead runtime takes all of its agents with it).
    const reasons = new Map<string, string[]>();
    for (const a of s.agents) if (a.reason) reasons.set(a.reason, [...(reasons.get(a.reason) ?? []), a.id]);
    const why = [...reasons].map(([reason, ids]) => `\n  ${color.red("✗")} ${ids.join(", ")}: ${reason}`).join("");
    const summary = s.healthy === s.agents.length ? color.green(`All ${s.agents.length} agents healthy`) : color.yellow(`${s.healthy} of ${s.agents.length} agents healthy`);
    return `${color.bold(s.id)} (${s.status}, started ${s.startedAt})\n${table([["AGENT", "TARGET", "URL", "HEALTH", "PID/WORKER", "UPTIME", "RESTARTS"], ...rows], "  ")}${why}\n${summary}`;
  },
});

/**
 * @module deployer/cli/commands/list
 * `ade list`: the deployments this project has, newest first.
 */
import { adeHome } from "../../paths";
import { listDeployments, type DeploymentRecord } from "../../state";
import { defineCommand, JSON_OPTION } from "../command";
import { table } from "../format";

export default defineCommand<DeploymentRecord[]>({
  name: "list",
  args: "",
  describe: "list deployments",
  options: [{ flags: "--all", describe: "include stopped and failed deployments" }, JSON_OPTION],
  async run(_args, options) {
    const all = await listDeployments(adeHome());
    return (options.all ? all : all.filter((d) => d.status === "running" || d.status === "starting")).map(({ meshToken: _t, ...d }) => d as DeploymentRecord);
  },
  render(list) {
    if (!list.length) return "no deployments (use --all to include stopped ones)";
    return table([["ID", "JOB", "STATUS", "AGENTS", "STARTED"], ...list.map((d) => [d.id, d.job, d.status, String(d.stages.flat().length), d.startedAt])]);
  },
});

/**
 * @module deployer/cli/commands/list
 * `ade list`: the deployments this project has, newest first.
 */
import { UsageError } from "../../errors";
import { adeHome } from "../../paths";
import { listDeployments, type DeploymentRecord } from "../../state";
import { isAlive } from "../../targets/process";
import { defineCommand, JSON_OPTION } from "../command";
import { color, table } from "../format";

type Listed = DeploymentRecord & { live?: "up" | "partly down" | "down" };

/**
 * A "running" record says what was started, not what still runs: local runners are checked here (a pid test,
 * cheap). Remote and Cloudflare groups need the network; `ade status` checks those.
 */
function liveness(d: DeploymentRecord): Listed["live"] {
  const local = d.groups.filter((g) => g.kind === "localhost" && g.pid !== undefined);
  if (d.status !== "running" || !local.length) return undefined;
  const alive = local.filter((g) => isAlive(g.pid!)).length;
  const others = d.groups.length - local.length;
  return alive === local.length ? "up" : alive === 0 && others === 0 ? "down" : "partly down";
}

export default defineCommand<Listed[]>({
  name: "list",
  args: "",
  describe: "list deployments",
  options: [
    { flags: "-a, --all", describe: "include stopped and failed deployments" },
    { flags: "-n, --limit <n>", describe: "at most this many, newest first", default: 20 },
    JSON_OPTION,
  ],
  async run(_args, options) {
    const limit = Number(options.limit ?? 20);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive integer, got "${String(options.limit)}"`);
    const all = await listDeployments(adeHome());
    const shown = (options.all ? all : all.filter((d) => d.status === "running" || d.status === "starting")).slice(0, limit);
    return shown.map(({ meshToken: _t, ...d }) => {
      const live = liveness(d as DeploymentRecord);
      return { ...(d as DeploymentRecord), ...(live ? { live } : {}) };
    });
  },
  render(list) {
    if (!list.length) return "no deployments (use --all to include stopped ones)";
    const shown = (d: Listed) => (d.live && d.live !== "up" ? color.red(`${d.status}, ${d.live}`) : d.status);
    const rows = list.map((d) => [d.id, d.job, shown(d), String(d.stages.flat().length), d.startedAt]);
    const hint = list.some((d) => d.live && d.live !== "up") ? "\nsome runtimes are gone: `ade status ID` shows which agents, `ade logs ID` why" : "";
    return table([["ID", "JOB", "STATUS", "AGENTS", "STARTED"], ...rows]) + hint;
  },
});

/**
 * @module deployer/cli/commands/stop
 * `ade stop ID|JOB`: stops every agent on every target, callers first; no process or bound port is left.
 */
import { stopDeployment, type StopResult } from "../../deploy/stop";
import { UserError } from "../../errors";
import { busyError, withJobLock } from "../../job-lock";
import { adeHome } from "../../paths";
import { findDeployment } from "../../state";
import { defineCommand, JSON_OPTION } from "../command";
import { color } from "../format";

export default defineCommand<StopResult & { already?: boolean }>({
  name: "stop",
  args: "[deployment]",
  describe: "stop a deployment (id, job name or job file) on every target",
  options: [{ flags: "-f, --force", describe: "kill at once (SIGKILL) instead of a clean stop with a 10 s grace period" }, JSON_OPTION],
  examples: ["ade stop hub-spoke", "ade stop large-mesh-20260131-142616"],
  async run([ref], options) {
    const home = adeHome();
    // A job whose first start is still under way has no record yet: say so rather than "no deployment".
    const found = await findDeployment(home, ref).catch(async (err: unknown) => {
      throw (ref && (await busyError(home, ref))) || err;
    });
    const { already, result } = await withJobLock(home, found.job, "stop", async () => {
      // Read again under the lock: a start that just finished may have changed it.
      const record = await findDeployment(home, found.id);
      return { already: record.status === "stopped", result: await stopDeployment(home, record, { force: Boolean(options.force) }) };
    });
    if (result.failures.length) throw new UserError(`could not stop ${result.failures.map((f) => `${f.group}: ${f.reason}`).join("; ")}`);
    return { ...result, already };
  },
  render(r) {
    const ports = r.portsStillBound.length ? color.yellow(`\nports still bound: ${r.portsStillBound.join(", ")}`) : "";
    return `${color.green("✓")} ${r.id} ${r.already ? "was already stopped" : `stopped (${r.stopped.length} agents)`}${ports}`;
  },
});

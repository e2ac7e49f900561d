/**
 * @module deployer/cli/commands/logs
 * `ade logs ID [--agent NAME] [--follow] [--tail N]`: per-agent logs, local and remote alike.
 */
import { adeHome } from "../../paths";
import { findDeployment } from "../../state";
import { targetFor } from "../../targets/index";
import { defineCommand } from "../command";
import { formatLogLine } from "../log-format";

export default defineCommand<{ lines: number }>({
  name: "logs",
  args: "[deployment]",
  describe: "show a deployment's logs (all agents, or --agent)",
  options: [
    { flags: "-a, --agent <name>", describe: "only this agent's lines" },
    { flags: "-f, --follow", describe: "keep printing new lines until Ctrl-C" },
    { flags: "-n, --tail <lines>", describe: "only the last N lines", default: 200 },
    { flags: "--raw", describe: "print the agents' JSON lines as they are" },
  ],
  async run([ref], options) {
    const record = await findDeployment(adeHome(), ref);
    const agent = typeof options.agent === "string" ? options.agent : undefined;
    const controller = new AbortController();
    process.once("SIGINT", () => controller.abort());
    let lines = 0;
    for (const g of record.groups.filter((g) => !agent || g.agents.includes(agent))) {
      await (await targetFor(g.kind)).logs(g, { ...(agent ? { agent } : {}), follow: Boolean(options.follow), tail: Number(options.tail), signal: controller.signal }, (l) => {
        const text = options.raw ? l : formatLogLine(l);
        if (text === undefined) return;
        lines++;
        process.stdout.write(text + "\n");
      });
    }
    return { lines };
  },
  render: () => "",
});

/**
 * @module deployer/cli/commands/cleanup
 * `ade cleanup [--older-than 7d] [--dry-run]`: removes stopped or failed deployments' records and logs.
 * Running deployments are never touched. Session state (`.ade/state/<job>`) is kept: it belongs to the job.
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { UsageError } from "../../errors";
import { adeHome } from "../../paths";
import { listDeployments, removeDeployment } from "../../state";
import { defineCommand, JSON_OPTION } from "../command";

export function parseAge(text: string): number {
  const m = /^(\d+)\s*([hdw])$/.exec(text.trim());
  if (!m) throw new UsageError(`--older-than must look like 12h, 7d or 2w, got "${text}"`);
  return Number(m[1]) * { h: 3600_000, d: 86_400_000, w: 604_800_000 }[m[2] as "h" | "d" | "w"];
}

export default defineCommand<{ removed: string[]; dryRun: boolean }>({
  name: "cleanup",
  args: "",
  describe: "remove stopped deployments' state and logs",
  options: [
    { flags: "-o, --older-than <age>", describe: "only those stopped before this age (12h, 7d, 2w)", default: "0h" },
    { flags: "-n, --dry-run", describe: "show what would be removed" },
    JSON_OPTION,
  ],
  async run(_args, options) {
    const home = adeHome();
    const cutoff = Date.now() - parseAge(String(options.olderThan ?? "0h"));
    const victims = (await listDeployments(home)).filter((d) => (d.status === "stopped" || d.status === "failed") && Date.parse(d.stoppedAt ?? d.startedAt) <= cutoff);
    if (!options.dryRun) {
      for (const d of victims) {
        await rm(join(home, "logs", d.id), { recursive: true, force: true });
        await rm(join(home, "run", d.id), { recursive: true, force: true });
        await removeDeployment(home, d.id);
      }
    }
    return { removed: victims.map((d) => d.id), dryRun: Boolean(options.dryRun) };
  },
  render(r) {
    if (!r.removed.length) return "nothing to clean up";
    return `${r.dryRun ? "would remove" : "removed"} ${r.removed.length}: ${r.removed.join(", ")}`;
  },
});

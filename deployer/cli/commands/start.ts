/**
 * @module deployer/cli/commands/start
 * `ade start JOB`: runs the mesh where the job says, stage by stage, health-gated. In the foreground by
 * default (Ctrl-C stops it cleanly); `--detach` leaves it running; `--dry-run` builds and checks only.
 */
import { relative } from "node:path";
import { sampleQuery } from "../../deploy/sample-query";
import { startDeployment, type StartResult } from "../../deploy/start";
import { stopDeployment } from "../../deploy/stop";
import { InterruptedError } from "../../errors";
import { withJobLock } from "../../job-lock";
import { adeHome } from "../../paths";
import { readLogFile } from "../../targets/log-lines";
import { defineCommand, BACKEND_OPTION, JSON_OPTION } from "../command";
import { color, table } from "../format";
import { formatLogLine } from "../log-format";
import { loadValidJob } from "../load-job";
import { progressReporter } from "../progress";
import { renderDiagnostics } from "../render-diagnostics";

/** Double quotes unless the text holds characters a shell would expand there; then single quotes. */
function shellQuote(text: string): string {
  return /[$`"\\!]/.test(text) ? `'${text.replace(/'/g, "'\\''")}'` : `"${text}"`;
}

export function renderStart(r: StartResult & { printed?: boolean; sampleQuery?: string }): string {
  if (r.printed) return "";
  const rows = r.agents.map((a) => [a.id, a.target, a.url, a.state === "healthy" || a.state === "unchanged" || a.state === "built" ? color.green(a.state) : color.red(a.state)]);
  const head = r.noop ? `${color.green("✓")} ${r.deployment.id} is already running with this exact build: nothing to do` : `${color.green("✓")} ${r.deployment.id}: ${r.agents.length} agent${r.agents.length === 1 ? "" : "s"} up`;
  const entry = r.deployment.entryPoint;
  const hint = entry && r.sampleQuery && !r.agents.some((a) => a.state === "built") ? `\ntry: node bin/ade.js query ${r.deployment.job} ${shellQuote(r.sampleQuery)}` : "";
  return `${head}\n${table([["AGENT", "TARGET", "URL", "STATE"], ...rows], "  ")}${hint}`;
}

export default defineCommand<StartResult>({
  name: "start",
  args: "<job>",
  describe: "start the mesh (local workerd, SSH hosts, Cloudflare) stage by stage, health-gated",
  options: [
    { flags: "--detach", describe: "leave the mesh running in the background and return" },
    { flags: "--dry-run", describe: "build and check everything (wrangler deploy --dry-run for Cloudflare) without starting anything" },
    { flags: "--keep-going", describe: "keep agents that started when another fails (default: roll back)" },
    BACKEND_OPTION,
    JSON_OPTION,
  ],
  examples: ["ade start jobs/hub-spoke.yaml", "ade start jobs/large-mesh.yaml --detach", "ade start jobs/edge.yaml --dry-run"],
  async run([file], options) {
    const { model, warnings } = await loadValidJob(file, options);
    if (warnings.length && !options.json) process.stderr.write(renderDiagnostics(warnings) + "\n");
    const home = adeHome();
    const progress = progressReporter(Boolean(options.json));
    let result: StartResult;
    // Ctrl-C while the mesh comes up rolls back what was started; a second Ctrl-C quits at once.
    const interrupt = new AbortController();
    const onSignal = () => {
      if (interrupt.signal.aborted) process.exit(InterruptedError.exitCode);
      progress.done();
      process.stderr.write("\ninterrupted: stopping what was started (Ctrl-C again to quit at once)\n");
      interrupt.abort();
    };
    for (const sig of STOP_SIGNALS) process.on(sig, onSignal);
    try {
      // Held while the mesh comes up, not while it then runs in the foreground: `ade stop` must get in.
      result = await withJobLock(home, model.name, "start", () =>
        startDeployment(model, { home, dryRun: Boolean(options.dryRun), keepGoing: Boolean(options.keepGoing), progress: progress.update, signal: interrupt.signal }),
      );
    } finally {
      for (const sig of STOP_SIGNALS) process.off(sig, onSignal);
      progress.done();
    }
    if (!options.dryRun && !result.agents.some((a) => a.state === "failed")) {
      const example = await sampleQuery(model, result.deployment);
      if (example) result = { ...result, sampleQuery: example };
    }
    if (options.detach || options.dryRun || options.json) return result;
    await runInForeground(home, result);
    return result;
  },
  render: renderStart,
});

/** Ctrl-C, a kill, or the terminal going away all stop a foreground mesh. */
const STOP_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

/** Prints the table, then follows the mesh's logs until Ctrl-C, and stops it cleanly. */
async function runInForeground(home: string, result: StartResult): Promise<void> {
  process.stdout.write(renderStart(result) + "\n");
  process.stdout.write(color.dim(`logs: ${relative(process.cwd(), `${home}/logs/${result.deployment.id}`)}  ·  Ctrl-C stops the mesh\n`));
  const controller = new AbortController();
  const stopped = new Promise<void>((resolve) => {
    const onSignal = () => {
      for (const sig of STOP_SIGNALS) process.off(sig, onSignal);
      process.stderr.write("\nstopping…\n");
      controller.abort();
      void stopDeployment(home, result.deployment).then((s) => {
        process.stderr.write(`${color.green("✓")} stopped ${s.stopped.length} agents\n`);
        resolve();
      });
    };
    for (const sig of STOP_SIGNALS) process.on(sig, onSignal);
  });
  const logs = result.deployment.groups.filter((g) => g.kind === "localhost" && g.logFile).map((g) => readLogFile(g.logFile!, { follow: true, tail: 0, signal: controller.signal }, (l) => {
    const text = formatLogLine(l);
    if (text !== undefined) process.stdout.write(text + "\n");
  }));
  await Promise.all([stopped, ...logs]);
  // The table was printed before the logs; do not print it again on exit.
  (result as StartResult & { printed?: boolean }).printed = true;
}

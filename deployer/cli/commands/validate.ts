/**
 * @module deployer/cli/commands/validate
 * `ade validate JOB`: every problem in the job, located; exit 2 when any is an error.
 */
import { UsageError } from "../../errors";
import type { Diagnostic } from "../../job/diagnostics";
import { validateJobFile } from "../../job/validate";
import { defineCommand, BACKEND_OPTION, JSON_OPTION } from "../command";
import { color } from "../format";
import { backendOption } from "../load-job";
import { countLine, renderDiagnostics } from "../render-diagnostics";

export interface ValidateResult {
  file: string;
  ok: boolean;
  job?: string;
  agents?: number;
  diagnostics: Diagnostic[];
}

export default defineCommand<ValidateResult>({
  name: "validate",
  args: "<job>",
  describe: "check a job file and report every problem as FILE:LINE:COL",
  options: [BACKEND_OPTION, JSON_OPTION],
  examples: ["ade validate jobs/hub-spoke.yaml"],
  async run([file], options) {
    if (!file) throw new UsageError("missing the job file, e.g. `ade validate jobs/hub-spoke.yaml`");
    const backend = backendOption(options.backend);
    const v = await validateJobFile(file, backend ? { backend } : {});
    return { file: v.file, ok: v.ok, ...(v.model ? { job: v.model.name, agents: v.model.agents.length } : {}), diagnostics: v.diagnostics };
  },
  render(r) {
    const out = r.diagnostics.length ? renderDiagnostics(r.diagnostics) + "\n" : "";
    if (!r.ok) return `${out}${color.red("✗")} ${r.file}: ${countLine(r.diagnostics)}`;
    const warn = r.diagnostics.length ? ` (${countLine(r.diagnostics)})` : "";
    return `${out}${color.green("✓")} ${r.file}: job "${r.job}" is valid, ${r.agents} agent${r.agents === 1 ? "" : "s"}${warn}`;
  },
  exitCode: (r) => (r.ok ? 0 : 2),
});

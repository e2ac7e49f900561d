/**
 * @module deployer/cli/load-job
 * Validates a job for commands that need a valid one; invalid → JobInvalidError (exit 2, nothing done).
 */
import { BACKEND_TYPES, type BackendType } from "../../workers/config";
import { JobInvalidError, UsageError } from "../errors";
import type { Diagnostic } from "../job/diagnostics";
import type { JobModel } from "../job/model";
import { validateJobFile } from "../job/validate";

export async function loadValidJob(file: string | undefined, options: Record<string, unknown>): Promise<{ model: JobModel; warnings: Diagnostic[] }> {
  if (!file) throw new UsageError("missing the job file, e.g. `ade plan jobs/hub-spoke.yaml`");
  const backend = backendOption(options.backend);
  const v = await validateJobFile(file, backend ? { backend } : {});
  if (!v.ok || !v.model) throw new JobInvalidError(v.diagnostics);
  return { model: v.model, warnings: v.diagnostics };
}

export function backendOption(value: unknown): BackendType | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !(BACKEND_TYPES as readonly string[]).includes(value)) {
    throw new UsageError(`--backend must be one of ${BACKEND_TYPES.join(", ")}, got "${String(value)}"`);
  }
  return value as BackendType;
}

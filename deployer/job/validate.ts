/**
 * @module deployer/job/validate
 * Job file → every diagnostic, and the resolved model when there are no errors. Never throws for bad input.
 */
import { dirname, resolve } from "node:path";
import type { BackendType } from "../../workers/config";
import { checkBackends, checkModules, checkNames, checkObservability, checkReferences, checkTargets, type CheckContext, type PartialJob } from "./checks";
import { hasErrors, sortDiagnostics, type Diagnostic } from "./diagnostics";
import { loadJobFile, parseJobText, type LoadedJob } from "./load";
import { buildModel } from "./build-model";
import type { JobModel } from "./model";
import { agentIds, checkSchema, valueAt } from "./schema-check";
import { AgentSchema, TopologySchema, type JobAgent } from "./schema";

export interface ValidateOptions {
  env?: Record<string, string | undefined>;
  /** Run every agent on this backend (CLI `--backend`), e.g. `offline` to try a mesh without keys. */
  backend?: BackendType;
}

export interface Validation {
  file: string;
  model?: JobModel;
  diagnostics: Diagnostic[];
  ok: boolean;
}

export async function validateJobFile(path: string, opts: ValidateOptions = {}): Promise<Validation> {
  const loaded = await loadJobFile(path, opts.env ?? process.env);
  return validateLoaded(loaded, resolve(dirname(path)), opts);
}

export function validateJobText(text: string, file: string, dir: string, opts: ValidateOptions = {}): Validation {
  return validateLoaded(parseJobText(text, file, opts.env ?? process.env), dir, opts);
}

function validateLoaded(loaded: LoadedJob, dir: string, opts: ValidateOptions): Validation {
  const out: Diagnostic[] = [...loaded.diagnostics];
  if (loaded.data === undefined || hasErrors(loaded.diagnostics.filter((d) => d.code !== "missing-variable"))) return finish(loaded.file, out);
  const env = opts.env ?? process.env;
  const schema = checkSchema(loaded.data, loaded.source);
  out.push(...schema.diagnostics);
  const partial = schema.job ? fromJob(schema.job) : salvage(loaded.data);
  const ctx: CheckContext = { source: loaded.source, dir, env, out };
  checkNames(partial, ctx);
  checkReferences(partial, ctx);
  checkModules(partial, ctx);
  checkTargets(partial, ctx);
  checkBackends(partial, ctx, opts.backend);
  checkObservability(partial, ctx);
  if (!schema.job || hasErrors(out)) return finish(loaded.file, out);
  const model = buildModel(schema.job, { file: loaded.file, dir, env, ...(opts.backend ? { backend: opts.backend } : {}) });
  return { ...finish(loaded.file, out), model };
}

function finish(file: string, diagnostics: Diagnostic[]): Validation {
  const sorted = sortDiagnostics(diagnostics);
  return { file, diagnostics: sorted, ok: !hasErrors(sorted) };
}

function fromJob(job: NonNullable<ReturnType<typeof checkSchema>["job"]>): PartialJob {
  return {
    name: job.job.name,
    agents: job.agents.map((agent, index) => ({ agent, index })),
    ids: job.agents.map((a) => a.id),
    topology: job.topology,
    full: job,
    entryPoint: job.execution.entry_point ?? null,
    ...(job.observability?.otel ? { otelProtocol: job.observability.otel.protocol } : {}),
  };
}

/** The parts of an invalid job that still parse, so one typo does not hide every other problem. */
function salvage(data: unknown): PartialJob {
  const agentsRaw = valueAt(data, ["agents"]);
  const agents: PartialJob["agents"] = [];
  if (Array.isArray(agentsRaw)) {
    agentsRaw.forEach((raw, index) => {
      const parsed = AgentSchema.safeParse(raw);
      if (parsed.success) agents.push({ agent: parsed.data as JobAgent, index });
    });
  }
  const topology = TopologySchema.safeParse(valueAt(data, ["topology"]));
  const name = valueAt(data, ["job", "name"]);
  const entry = valueAt(data, ["execution", "entry_point"]);
  const protocol = valueAt(data, ["observability", "otel", "protocol"]);
  return {
    ...(typeof name === "string" ? { name } : {}),
    agents,
    ids: agentIds(data).filter(Boolean),
    ...(topology.success ? { topology: topology.data } : {}),
    ...(typeof entry === "string" ? { entryPoint: entry } : {}),
    ...(typeof protocol === "string" ? { otelProtocol: protocol } : {}),
  };
}

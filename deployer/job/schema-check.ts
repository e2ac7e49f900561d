/**
 * @module deployer/job/schema-check
 * Runs the zod schema and turns each issue into a located diagnostic that says what was expected, what was
 * found and what to do, with "did you mean" for unknown fields and enum values.
 */
import type { z } from "zod";
import { diagnostic, formatPath, type Diagnostic, type PathSegment, type SourceMap } from "./diagnostics";
import { JobSchema, type Job } from "./schema";
import { didYouMean } from "./suggest";

export function checkSchema(data: unknown, source: SourceMap): { job?: Job; diagnostics: Diagnostic[] } {
  const parsed = JobSchema.safeParse(data);
  if (parsed.success) return { job: parsed.data, diagnostics: [] };
  const ids = agentIds(data);
  const diagnostics: Diagnostic[] = [];
  for (const issue of parsed.error.issues) diagnostics.push(...describe(issue, data, source, ids));
  return { diagnostics };
}

function describe(issue: z.core.$ZodIssue, data: unknown, source: SourceMap, ids: string[]): Diagnostic[] {
  const path = issue.path.filter((p): p is PathSegment => typeof p !== "symbol");
  const field = formatPath(path, ids);
  const found = valueAt(data, path);
  switch (issue.code) {
    case "unrecognized_keys": {
      const known = knownKeys(path);
      return issue.keys.map((key) =>
        diagnostic(
          source,
          "error",
          "unknown-field",
          [...path, key],
          `unknown field "${key}" in ${field || "the job"}.${didYouMean(key, known)}`,
          known.length ? `known fields here: ${known.join(", ")}` : undefined,
          { key: true },
        ),
      );
    }
    case "invalid_type": {
      if (path.length === 0) {
        return [diagnostic(source, "error", "wrong-type", path, `the job file must be a mapping with "job:", "agents:" and "topology:", got ${found === null ? "an empty file" : show(found)}`, "see jobs/hub-spoke.yaml for a complete example")];
      }
      if (found === undefined) {
        return [diagnostic(source, "error", "missing-field", path, `missing required field "${field}" (${expected(issue.expected)})`, `add "${String(path[path.length - 1])}:" here`)];
      }
      return [diagnostic(source, "error", "wrong-type", path, `"${field}" must be ${expected(issue.expected)}, got ${show(found)}`, issue.expected === "number" && typeof found === "string" ? "write the number without quotes" : undefined)];
    }
    case "invalid_value": {
      const values = issue.values.map(String);
      return [
        diagnostic(source, "error", "bad-value", path, `"${field}" must be one of ${values.map((v) => `"${v}"`).join(" | ")}, got ${show(found)}.${typeof found === "string" ? didYouMean(found, values) : ""}`),
      ];
    }
    case "too_small":
      return [diagnostic(source, "error", "too-small", path, issue.origin === "array" ? `"${field}" is too small: needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? "" : "s"}` : `"${field}" is too small: must be at least ${issue.minimum}, got ${show(found)}`)];
    case "too_big":
      return [diagnostic(source, "error", "too-big", path, `"${field}" is too big: must be at most ${issue.maximum}, got ${show(found)}`)];
    case "invalid_union":
      return [diagnostic(source, "error", "wrong-type", path, `"${field}" has the wrong shape, got ${show(found)}: ${unionHint(path)}`)];
    default:
      return [diagnostic(source, "error", "invalid", path, `"${field}": ${issue.message}`)];
  }
}

function expected(type: string): string {
  return ({ int: "an integer", number: "a number", string: "a string", boolean: "true or false", array: "a list", object: "a mapping (key: value)", record: "a mapping (key: value)" } as Record<string, string>)[type] ?? type;
}

function unionHint(path: PathSegment[]): string {
  const last = path[path.length - 1];
  if (last === "to") return "expected an agent id or a list of agent ids";
  if (path.includes("levels")) return "expected a list of agent ids or {parent: id, children: [ids]}";
  if (path.includes("stages")) return "expected an agent id or a list of agent ids";
  return "expected a string, number or boolean";
}

export function show(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `"${value.length > 40 ? value.slice(0, 40) + "…" : value}"`;
  return `${typeof value} ${String(value)}`;
}

export function valueAt(data: unknown, path: PathSegment[]): unknown {
  let node = data;
  for (const seg of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}

export function agentIds(data: unknown): string[] {
  const agents = valueAt(data, ["agents"]);
  return Array.isArray(agents) ? agents.map((a) => (a && typeof a === "object" && typeof (a as { id?: unknown }).id === "string" ? (a as { id: string }).id : "")) : [];
}

/** The keys the schema accepts at `path`, found by walking the zod schema (for "did you mean"). */
export function knownKeys(path: PathSegment[]): string[] {
  let schema: unknown = JobSchema;
  for (const seg of path) {
    schema = unwrap(schema);
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return [];
    if (def.type === "object") schema = (def.shape as Record<string, unknown>)[String(seg)];
    else if (def.type === "array") schema = def.element;
    else if (def.type === "record") schema = def.valueType;
    else return [];
  }
  const def = (unwrap(schema) as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  return def?.type === "object" ? Object.keys(def.shape as object) : [];
}

function unwrap(schema: unknown): unknown {
  for (;;) {
    const def = (schema as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (!def) return schema;
    if (["optional", "default", "prefault", "nullable", "readonly", "catch"].includes(def.type as string)) schema = def.innerType;
    else if (def.type === "pipe") schema = def.in;
    else if (def.type === "union") schema = (def.options as unknown[]).find((o) => (o as { _zod: { def: { type: string } } })._zod.def.type === "object") ?? schema;
    else return schema;
    if (def.type === "union") return schema;
  }
}

/**
 * @module deployer/job/load
 * Reads a job file and parses its YAML keeping node positions, then interpolates `${VAR}` references.
 * Returns diagnostics for syntax errors and missing variables; never throws for bad input.
 */
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import { diagnostic, type Diagnostic, type SourceMap } from "./diagnostics";
import { interpolate, type InterpolationResult } from "./interpolate";

export interface LoadedJob {
  /** Path as given (for messages). */
  file: string;
  source: SourceMap;
  /** The document as plain data after interpolation; undefined when the YAML could not be read. */
  data: unknown;
  variables: InterpolationResult;
  diagnostics: Diagnostic[];
}

export async function loadJobFile(path: string, env: Record<string, string | undefined> = process.env): Promise<LoadedJob> {
  const file = displayPath(path);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "file not found" : (err as Error).message;
    const source: SourceMap = { file, doc: undefined, lines: new LineCounter() };
    return {
      file,
      source,
      data: undefined,
      variables: { missing: [], used: [] },
      diagnostics: [{ severity: "error", code: "unreadable", path: [], message: `cannot read job file: ${reason}`, hint: "check the path; job files are YAML (e.g. jobs/hub-spoke.yaml)", file, line: 1, col: 1 }],
    };
  }
  return parseJobText(text, file, env);
}

export function parseJobText(text: string, file: string, env: Record<string, string | undefined> = process.env): LoadedJob {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source: SourceMap = { file, doc, lines };
  const diagnostics: Diagnostic[] = [];
  for (const err of doc.errors) {
    const pos = lines.linePos(err.pos[0]);
    diagnostics.push({
      severity: "error",
      code: "yaml-syntax",
      path: [],
      message: `YAML syntax error: ${firstLine(err.message)}`,
      hint: "fix the YAML at this position (indentation, a missing ':' or an unclosed quote are the usual causes)",
      file,
      line: pos.line,
      col: pos.col,
    });
  }
  if (diagnostics.length > 0) return { file, source, data: undefined, variables: { missing: [], used: [] }, diagnostics };

  const variables = interpolate(doc, env);
  for (const miss of variables.missing) {
    diagnostics.push(
      diagnostic(source, "error", "missing-variable", miss.path, `environment variable "${miss.name}" is not set and has no default`, `export ${miss.name}=… before running, or write \${${miss.name}:-default} in the job`),
    );
  }
  return { file, source, data: doc.toJS({ maxAliasCount: 100 }), variables, diagnostics };
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

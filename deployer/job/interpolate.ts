/**
 * @module deployer/job/interpolate
 * `${VAR}` and `${VAR:-default}` in any scalar of the job, from the environment. Runs on the parsed YAML
 * document so every node keeps its position; a plain scalar that is one whole reference is re-typed
 * (`port: ${PORT}` gives a number). `$${` stays a literal `${`.
 */
import { Document, isScalar, parse as parseYaml, Scalar, visit } from "yaml";
import type { PathSegment } from "./diagnostics";

const REFERENCE = /\$\$\{|\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

export interface MissingVariable {
  name: string;
  path: PathSegment[];
}

export interface InterpolationResult {
  missing: MissingVariable[];
  /** Every variable read, with where it was used (secrets are recognised by the caller). */
  used: Array<{ name: string; path: PathSegment[] }>;
}

export function interpolate(doc: Document, env: Record<string, string | undefined>): InterpolationResult {
  const result: InterpolationResult = { missing: [], used: [] };
  visit(doc, {
    Scalar(_key, node, ancestry) {
      if (typeof node.value !== "string" || !node.value.includes("${")) return;
      const path = pathOf(ancestry);
      const original = node.value;
      let whole = false;
      const replaced = original.replace(REFERENCE, (match, name: string | undefined, fallback: string | undefined, offset: number) => {
        if (!name) return "${";
        whole = match.length === original.length && offset === 0;
        result.used.push({ name, path });
        const value = env[name];
        if (value !== undefined && value !== "") return value;
        if (fallback !== undefined) return fallback;
        result.missing.push({ name, path });
        return "";
      });
      node.value = whole && node.type === Scalar.PLAIN ? retype(replaced) : replaced;
    },
  });
  return result;
}

/** YAML's own typing for a substituted plain scalar (numbers, booleans); strings stay strings. */
function retype(value: string): unknown {
  try {
    const parsed: unknown = parseYaml(value);
    return parsed === null || typeof parsed === "object" ? value : parsed;
  } catch {
    return value;
  }
}

function pathOf(ancestry: readonly unknown[]): PathSegment[] {
  const path: PathSegment[] = [];
  for (let i = 0; i < ancestry.length; i++) {
    const node = ancestry[i] as { items?: unknown[]; key?: unknown } | undefined;
    const next = ancestry[i + 1];
    if (node && "key" in node && isScalar(node.key)) path.push(String(node.key.value));
    else if (node && Array.isArray(node.items) && next !== undefined && !("key" in (next as object))) {
      path.push(node.items.indexOf(next));
    }
  }
  return path;
}

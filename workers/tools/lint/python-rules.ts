/**
 * @module workers/tools/lint/python-rules
 * Python checks done line by line (no Python parser in a Worker): bare except, mutable defaults, `== None`,
 * wildcard and unused imports. Strings and comments are blanked first so their contents never match.
 */
import { finding, type Finding } from "./rules";

/** Replaces string literals and comments with spaces, keeping line/column positions. */
export function blankPython(code: string): string {
  return code.replace(/("""[\s\S]*?"""|'''[\s\S]*?'''|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|#[^\n]*)/g, (m) => m.replace(/[^\n]/g, " "));
}

export function pythonRules(code: string): Finding[] {
  const out: Finding[] = [];
  const clean = blankPython(code);
  const lines = clean.split(/\r?\n/);
  const imports: { name: string; line: number; column: number }[] = [];
  lines.forEach((text, i) => {
    const line = i + 1;
    const bare = /^(\s*)except\s*:/.exec(text);
    if (bare) out.push(finding("bare-except", line, bare[1]!.length + 1, "Bare `except:`; catch a specific exception, e.g. `except ValueError:`."));
    if (/^\s*(async\s+)?def\s/.test(text)) {
      for (const m of text.matchAll(/=\s*(\[|\{|list\(\)|dict\(\)|set\(\))/g)) {
        out.push(finding("mutable-default-arg", line, m.index + 1, "Mutable default argument; use `None` and create the value inside the function."));
      }
    }
    for (const m of text.matchAll(/(==|!=)\s*None\b/g)) {
      out.push(finding("none-comparison", line, m.index + 1, `Use \`${m[1] === "==" ? "is None" : "is not None"}\` instead of \`${m[1]} None\`.`));
    }
    const from = /^from\s+([\w.]+)\s+import\s+(.+)$/.exec(text.trim());
    if (from) {
      if (from[2]!.trim() === "*") out.push(finding("wildcard-import", line, 1, `Wildcard import from ${from[1]}; import the names you use.`));
      else if (from[1] !== "__future__") {
        for (const part of from[2]!.replace(/[()]/g, "").split(",")) {
          const name = /(?:\S+\s+as\s+)?(\w+)\s*$/.exec(part.trim())?.[1];
          if (name) imports.push({ name, line, column: text.indexOf(name) + 1 });
        }
      }
    }
    const imp = /^import\s+(.+)$/.exec(text.trim());
    if (imp) {
      for (const part of imp[1]!.split(",")) {
        const m = /^([\w.]+)(?:\s+as\s+(\w+))?$/.exec(part.trim());
        // `import os.path` binds `os`.
        const name = m ? (m[2] ?? m[1]!.split(".")[0]!) : undefined;
        if (name) imports.push({ name, line, column: text.indexOf(part.trim()) + 1 });
      }
    }
  });
  for (const imp of imports) {
    const uses = lines.filter((t, i) => i + 1 !== imp.line && new RegExp(`\\b${imp.name}\\b`).test(t));
    const inAll = new RegExp(`__all__[^\\n]*["']${imp.name}["']`).test(code);
    if (uses.length === 0 && !inAll) out.push(finding("unused-import", imp.line, imp.column, `\`${imp.name}\` is imported but never used.`));
  }
  return out;
}

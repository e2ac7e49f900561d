/**
 * @module workers/tools/security/injection
 * Line-based patterns for injection and unsafe-API risks in JavaScript/TypeScript and Python. Each rule names the
 * fix, because a finding without a remedy just gets ignored.
 */

export interface PatternRule {
  id: string;
  category: "injection" | "deserialization" | "xss" | "crypto" | "transport";
  severity: "critical" | "high" | "medium" | "low";
  message: string;
  fix: string;
  /** Matches on the line; `unless` suppresses a match (e.g. yaml.load with SafeLoader). */
  pattern: RegExp;
  unless?: RegExp;
}

const SQL = String.raw`(?:SELECT\s[\s\S]*?\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM)\b`;

export const PATTERN_RULES: readonly PatternRule[] = [
  { id: "eval", category: "injection", severity: "high", message: "eval() executes arbitrary code", fix: "Parse the data instead (JSON.parse, a real parser) or use a lookup table.", pattern: /(?<![\w.])eval\s*\(/ },
  { id: "new-function", category: "injection", severity: "high", message: "new Function() compiles arbitrary code", fix: "Replace generated code with ordinary functions or a lookup table.", pattern: /\bnew\s+Function\s*\(/ },
  { id: "string-timer", category: "injection", severity: "medium", message: "setTimeout/setInterval with a string argument is eval", fix: "Pass a function, not a string.", pattern: /\bset(?:Timeout|Interval)\s*\(\s*["'`]/ },
  { id: "sql-template", category: "injection", severity: "high", message: "SQL built with template interpolation", fix: "Use parameterised queries (placeholders like ? or $1 with bound values).", pattern: new RegExp(`\`[^\`]*${SQL}[^\`]*\\$\\{`, "i") },
  { id: "sql-concat", category: "injection", severity: "high", message: "SQL built by string concatenation", fix: "Use parameterised queries (placeholders with bound values), never string concatenation.", pattern: new RegExp(`(["'])[^"']*${SQL}[^"']*\\1\\s*\\+|\\+\\s*(["'])[^"']*${SQL}`, "i") },
  { id: "sql-format", category: "injection", severity: "high", message: "SQL built with Python string formatting", fix: "Pass parameters separately: cursor.execute(sql, params).", pattern: new RegExp(`(?:\\bf["'][^"']*${SQL}[^"']*\\{|["'][^"']*${SQL}[^"']*["']\\s*(?:%\\s*[\\w(]|\\.format\\())`, "i") },
  { id: "child-process-exec", category: "injection", severity: "critical", message: "Shell command built from interpolated input (child_process exec)", fix: "Use execFile/spawn with an argument array and no shell.", pattern: /\bexec(?:Sync)?\s*\(\s*(?:`[^`]*\$\{|["'][^"']*["']\s*\+|[A-Za-z_$][\w$.]*\s*[+,)])/ },
  { id: "spawn-shell", category: "injection", severity: "high", message: "spawn with shell: true runs through a shell", fix: "Drop shell: true and pass arguments as an array.", pattern: /\bspawn(?:Sync)?\s*\([^)]*shell\s*:\s*true/ },
  { id: "inner-html", category: "xss", severity: "high", message: "Assignment to innerHTML/outerHTML can inject script (XSS)", fix: "Use textContent, or sanitise with a vetted library (DOMPurify).", pattern: /\.(?:inner|outer)HTML\s*(?:\+)?=(?!=)/ },
  { id: "document-write", category: "xss", severity: "medium", message: "document.write with dynamic content (XSS)", fix: "Build DOM nodes and set textContent.", pattern: /\bdocument\.write(?:ln)?\s*\(/ },
  { id: "dangerously-set-inner-html", category: "xss", severity: "medium", message: "dangerouslySetInnerHTML bypasses React's escaping", fix: "Render text, or sanitise the HTML first.", pattern: /dangerouslySetInnerHTML/ },
  { id: "os-system", category: "injection", severity: "high", message: "os.system / os.popen runs a shell command", fix: "Use subprocess.run([...]) with an argument list and shell=False.", pattern: /\bos\.(?:system|popen)\s*\(/ },
  { id: "subprocess-shell", category: "injection", severity: "high", message: "subprocess with shell=True", fix: "Pass an argument list and drop shell=True; use shlex.quote only as a last resort.", pattern: /\bsubprocess\.\w+\s*\(.*shell\s*=\s*True/ },
  { id: "pickle-loads", category: "deserialization", severity: "high", message: "pickle.load(s) on untrusted data runs arbitrary code", fix: "Use JSON or another data-only format for untrusted input.", pattern: /\b(?:c?pickle|dill|shelve)\.loads?\s*\(/ },
  { id: "yaml-load", category: "deserialization", severity: "high", message: "yaml.load without SafeLoader can construct arbitrary objects", fix: "Use yaml.safe_load(data) or yaml.load(data, Loader=yaml.SafeLoader).", pattern: /\byaml\.(?:load|load_all)\s*\(/, unless: /SafeLoader|CSafeLoader|BaseLoader/ },
  { id: "weak-hash", category: "crypto", severity: "low", message: "MD5/SHA-1 are broken for security use", fix: "Use SHA-256 or better (and a password hash like bcrypt/argon2 for passwords).", pattern: /\bhashlib\.(?:md5|sha1)\s*\(|createHash\(\s*["'](?:md5|sha1)["']/i },
  { id: "tls-verify-disabled", category: "transport", severity: "medium", message: "TLS certificate verification disabled", fix: "Keep verification on; point to the right CA bundle instead.", pattern: /verify\s*=\s*False|rejectUnauthorized\s*:\s*false|NODE_TLS_REJECT_UNAUTHORIZED\s*=\s*["']?0/ },
];

/** Comment-only lines are skipped for code patterns (a comment mentioning eval() is not a risk). */
export function isCommentLine(line: string): boolean {
  return /^\s*(?:\/\/|#|\*|\/\*)/.test(line);
}

export function findPatterns(line: string): { rule: PatternRule; column: number }[] {
  if (isCommentLine(line)) return [];
  const out: { rule: PatternRule; column: number }[] = [];
  for (const rule of PATTERN_RULES) {
    const m = rule.pattern.exec(line);
    if (!m || rule.unless?.test(line)) continue;
    // SQL built with a template literal is also a concatenation match on some lines; report it once.
    if (rule.id === "sql-concat" && out.some((o) => o.rule.id.startsWith("sql-"))) continue;
    if (rule.id === "sql-format" && out.some((o) => o.rule.id.startsWith("sql-"))) continue;
    out.push({ rule, column: m.index + 1 });
  }
  return out;
}

/**
 * @module test/workers/agents/code-review.test
 * Linter findings with positions, security findings with redaction, and cyclomatic complexity of known snippets.
 */
import { describe, expect, it } from "vitest";
import { lint, listRules, runLinter } from "../../../workers/tools/lint/run-linter";
import { scanCode, securityScan } from "../../../workers/tools/security/scan";
import { entropy } from "../../../workers/tools/security/secrets";
import { analyzeComplexity, analyzeComplexityTool } from "../../../workers/tools/complexity/analyze";
import { detectLanguage } from "../../../workers/tools/code/language";
import { runTool } from "./helpers";

type F = { rule: string; line: number; column: number };
const at = (fs: F[], rule: string) => fs.filter((f) => f.rule === rule).map((f) => [f.line, f.column]);

describe("linter", () => {
  const JS = [
    'import { used, notUsed } from "./x";', // 1
    "var count = 1;", // 2
    "const unused = 2;", // 3
    "function helper(x) { return x }", // 4
    "export function main(y) {", // 5
    "  if (y == 1 || y != null) { console.log(used); }   ", // 6
    "  // TODO: handle errors", // 7
    "  try { helper(y) } catch (e) {}", // 8
    "  debugger;", // 9
    "  const { a, b: renamed, ...rest } = y; return a + rest;", // 10
    "}", // 11
    "const _ignored = 1;", // 12
    "x".repeat(120), // 13
  ].join("\n");

  it("reports each JS rule at the right line and column", () => {
    const { findings, language } = lint(JS);
    expect(language).toBe("javascript");
    expect(at(findings, "no-var")).toEqual([[2, 1]]);
    expect(at(findings, "eqeqeq")).toEqual([[6, 7]]);
    expect(at(findings, "no-console")).toEqual([[6, 30]]);
    expect(at(findings, "no-trailing-spaces")).toEqual([[6, 50]]);
    expect(at(findings, "todo-comment")).toEqual([[7, 6]]);
    expect(at(findings, "no-empty-catch")).toEqual([[8, 21]]);
    expect(at(findings, "no-debugger")).toEqual([[9, 3]]);
    expect(at(findings, "max-line-length")).toEqual([[13, 101]]);
  });

  it("finds unused bindings but not used, exported or underscored ones", () => {
    const unused = lint(JS).findings.filter((f) => f.rule === "no-unused-vars").map((f) => f.message.split("'")[1]);
    expect(unused.sort()).toEqual(["count", "notUsed", "renamed", "unused"]);
  });

  it("parses TypeScript and counts type-only uses", () => {
    const ts = "import type { Foo } from './f';\ninterface Bar { x: number }\nexport const v: Foo = { x: 1 } as Foo;\n";
    const r = lint(ts, { filePath: "a.ts" });
    expect(r.language).toBe("typescript");
    expect(r.findings.filter((f) => f.rule === "no-unused-vars")).toEqual([]);
  });

  it("reports a syntax error with its position and still runs text rules", () => {
    const r = lint("const a = ;\n// FIXME later", { language: "js" });
    expect(at(r.findings, "syntax-error")).toEqual([[1, 11]]);
    expect(at(r.findings, "todo-comment")).toEqual([[2, 4]]);
    expect(r.counts.errors).toBe(1);
  });

  it("checks Python: bare except, mutable defaults, None comparison, imports", () => {
    const py = [
      "import os", // 1
      "import sys, json as j", // 2
      "from typing import List, Dict", // 3
      "from x import *", // 4
      "def f(a=[], b={}):", // 5
      "    s = 'except: == None'  # TODO check", // 6
      "    try:", // 7
      "        return a == None", // 8
      "    except:", // 9
      "        pass", // 10
      "print(sys.argv, Dict)", // 11
    ].join("\n");
    const r = lint(py, { filePath: "m.py" });
    expect(r.language).toBe("python");
    expect(at(r.findings, "bare-except")).toEqual([[9, 5]]);
    expect(at(r.findings, "mutable-default-arg")).toEqual([[5, 8], [5, 14]]);
    expect(at(r.findings, "none-comparison")).toEqual([[8, 18]]);
    expect(at(r.findings, "wildcard-import")).toEqual([[4, 1]]);
    expect(at(r.findings, "todo-comment")).toEqual([[6, 30]]);
    expect(r.findings.filter((f) => f.rule === "unused-import").map((f) => f.message.split("`")[1])).toEqual(["os", "j", "List"]);
  });

  it("detects languages", () => {
    expect(detectLanguage("def f(x):\n    return x")).toBe("python");
    expect(detectLanguage("let x: number = 1")).toBe("typescript");
    expect(detectLanguage("const x = 1")).toBe("javascript");
    expect(detectLanguage("anything", undefined, "main.go")).toBe("text");
  });

  it("honours max_line_length from the agent config and lists its rules", async () => {
    const r = await runTool(runLinter, { code: "const abc = 1234567;\nexport { abc };" }, { max_line_length: 10 });
    expect(at(r.findings, "max-line-length")).toEqual([[1, 11], [2, 11]]);
    const rules = await runTool(listRules, {});
    expect(rules.rules.map((x: { id: string }) => x.id)).toEqual(expect.arrayContaining(["no-unused-vars", "eqeqeq", "bare-except"]));
  });
});

describe("security scan", () => {
  const AWS = "AKIAIOSFODNN7EXAMPLE";
  const GH = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";
  const ANT = "sk-ant-api03-abcdefghijklmnopqrstuvwxyz";
  const SLACK = "xoxb-123456789012-abcdefghijkl";
  const CODE = [
    `const aws = "${AWS}";`, // 1
    `const token = "${GH}";`, // 2
    'const password = "hunter22";', // 3
    'api_key = "q8Zr3vT9xLm2Kp7WnB4c"', // 4
    "const fromEnv = process.env.API_KEY;", // 5
    'db.query("SELECT * FROM users WHERE id = " + id);', // 6
    "db.query(`SELECT * FROM users WHERE name = '${name}'`);", // 7
    "exec(`ls ${dir}`);", // 8
    "el.innerHTML = userInput;", // 9
    "eval(code);", // 10
    "-----BEGIN RSA PRIVATE KEY-----", // 11
    "subprocess.run(cmd, shell=True)", // 12
    "data = pickle.loads(blob)", // 13
    "cfg = yaml.load(f)", // 14
    "cfg = yaml.load(f, Loader=yaml.SafeLoader)", // 15
    'cursor.execute(f"SELECT * FROM t WHERE id = {uid}")', // 16
    `const k = "${ANT}"; const s = "${SLACK}";`, // 17
    "// eval(x) in a comment is fine", // 18
    "os.system('rm -rf ' + path)", // 19
    "const fn = new Function('a', body);", // 20
  ].join("\n");

  const r = scanCode(CODE, "app.js");
  const rules = (line: number) => r.findings.filter((f) => f.line === line).map((f) => f.rule).sort();

  it("finds secrets with their lines", () => {
    expect(rules(1)).toEqual(["aws-access-key-id"]);
    expect(rules(2)).toEqual(["github-token"]);
    expect(rules(3)).toEqual(["hardcoded-password"]);
    expect(rules(4)).toEqual(["generic-secret"]);
    expect(rules(5)).toEqual([]);
    expect(rules(11)).toEqual(["private-key"]);
    expect(rules(17)).toEqual(["anthropic-api-key", "slack-token"]);
  });

  it("finds injection and unsafe APIs, skipping comments and SafeLoader", () => {
    expect(rules(6)).toEqual(["sql-concat"]);
    expect(rules(7)).toEqual(["sql-template"]);
    expect(rules(8)).toEqual(["child-process-exec"]);
    expect(rules(9)).toEqual(["inner-html"]);
    expect(rules(10)).toEqual(["eval"]);
    expect(rules(12)).toEqual(["subprocess-shell"]);
    expect(rules(13)).toEqual(["pickle-loads"]);
    expect(rules(14)).toEqual(["yaml-load"]);
    expect(rules(15)).toEqual([]);
    expect(rules(16)).toEqual(["sql-format"]);
    expect(rules(18)).toEqual([]);
    expect(rules(19)).toEqual(["os-system"]);
    expect(rules(20)).toEqual(["new-function"]);
  });

  it("orders by severity, gives a fix for every finding and an overall risk", () => {
    expect(r.risk).toBe("critical");
    expect(r.findings[0]!.severity).toBe("critical");
    expect(r.findings.every((f) => f.fix.length > 10 && f.column >= 1)).toBe(true);
    expect(r.counts.critical).toBeGreaterThanOrEqual(5);
  });

  it("never returns a secret value anywhere in the result", async () => {
    const out = JSON.stringify(await runTool(securityScan, { code: CODE }));
    for (const secret of [AWS, GH, ANT, SLACK, "hunter22", "q8Zr3vT9xLm2Kp7WnB4c"]) expect(out).not.toContain(secret);
    expect(out).toContain("AKIA…[REDACTED 20 chars]");
  });

  it("ignores placeholders and low-entropy values", () => {
    const clean = scanCode('const apiKey = "your-api-key";\nconst token = "aaaaaaaaaaaaaaaaaaaa";\nconst x = a === b;');
    expect(clean.findings).toEqual([]);
    expect(clean.risk).toBe("none");
    expect(entropy("aaaa")).toBe(0);
    expect(entropy("abcd")).toBe(2);
  });
});

describe("complexity", () => {
  const SNIPPET = [
    "function a(x) { if (x) { return 1 } else if (x > 2) { return 2 } return x ?? 3 }", // 1: 1 + if + if + ?? = 4
    "const b = (y) => y && y.z || 0;", // 2: 1 + && + || = 3
    "class K {", // 3
    "  m(v) { for (const i of v) { switch (i) { case 1: break; case 2: break; default: } } }", // 4: 1 + for + 2 cases = 4
    "  n = () => 1;", // 5
    "}", // 6
    "const o = { p() { return [1].map((q) => (q ? 1 : 2)) } };", // 7: p = 1, callback = 2
    "export default function (e) { try { e() } catch { while (e) {} } }", // 8: 1 + catch + while = 3
    "let t = 0; t ||= 1; if (t) t++;", // 9: module: 1 + ||= + if = 3
  ].join("\n");

  it("scores each function with its name and line", () => {
    const r = analyzeComplexity(SNIPPET) as Exclude<ReturnType<typeof analyzeComplexity>, { error: string }>;
    expect(r.functions.map((f) => [f.name, f.line, f.complexity])).toEqual([
      ["a", 1, 4],
      ["b", 2, 3],
      ["K.m", 4, 4],
      ["K.n", 5, 1],
      ["p", 7, 1],
      ["<callback to (…).map>", 7, 2],
      ["default", 8, 3],
    ]);
    expect(r.total_complexity).toBe(18);
    expect(r.max_complexity).toBe(4);
    expect(r.top_level_complexity).toBe(3);
    expect(r.rating).toBe("simple");
  });

  it("rates a branchy function as complex", async () => {
    const cases = Array.from({ length: 24 }, (_, i) => `case ${i}: return ${i};`).join(" ");
    const r = await runTool(analyzeComplexityTool, { code: `function big(k: number): number { switch (k) { ${cases} } return -1 }`, language: "ts" });
    expect(r.functions[0]).toEqual({ name: "big", line: 1, complexity: 25, rating: "complex" });
    expect(r.over_threshold).toEqual(["big"]);
  });

  it("handles JSX and TypeScript generics", () => {
    const tsx = "const C = () => <div>{ok ? <A /> : null}</div>;\nfunction id<T>(x: T): T { return x }";
    const r = analyzeComplexity(tsx) as { functions: { name: string; complexity: number }[] };
    expect(r.functions).toEqual([
      { name: "C", line: 1, complexity: 2, rating: "simple" },
      { name: "id", line: 2, complexity: 1, rating: "simple" },
    ]);
  });

  it("returns a parse error with line and column", async () => {
    const r = await runTool(analyzeComplexityTool, { code: "function f() {\n  return (1 + ;\n}" });
    expect(r.error).toMatch(/line 2, column 15/);
    expect(r).toMatchObject({ line: 2, column: 15 });
  });

  it("refuses non-JS languages clearly", () => {
    expect((analyzeComplexity("def f():\n    pass\n") as { error: string }).error).toMatch(/JavaScript and TypeScript only/);
  });
});

describe("one-sentence summaries (what a reader without a model sees)", () => {
  it("linter: the count by severity, then findings as line:column severity rule", () => {
    const r = lint("var x = 1;\nif (x == 2) debugger;\n", { language: "js" });
    expect(r.summary).toMatch(/^\d+ lint findings in javascript \(1 error, \d+ warnings\): /);
    expect(r.summary).toContain("1:1 warning no-var: ");
    expect(r.summary).toContain("2:13 error no-debugger: ");
    expect(lint("x = 1\n", { language: "python" }).summary).toBe("No lint findings: the python code is clean for the rules checked.");
  });

  it("linter: names at most eight findings and counts the rest", () => {
    const r = lint(Array.from({ length: 12 }, (_, i) => `var v${i} = ${i};`).join("\n") + "\n", { language: "js" });
    expect(r.counts.total).toBeGreaterThan(12);
    expect(r.summary.match(/\d+:\d+ (error|warning|info) [\w-]+: /g)?.length).toBe(8);
    expect(r.summary).toMatch(new RegExp(`; and ${r.counts.total - 8} more\\.$`));
  });

  it("security: the overall risk first, the most severe finding first, secrets redacted", () => {
    const r = scanCode('const key = "AKIAIOSFODNN7EXAMPL3";\nos.system("rm " + path)\n');
    expect(r.summary).toMatch(/^Risk critical: 2 security findings \(1 critical, 1 high\): 1:\d+ critical /);
    expect(r.summary).not.toContain("AKIAIOSFODNN7EXAMPL3");
    expect(scanCode("const a = 1;\n").summary).toBe("No security findings in 2 lines: no leaked secrets or injection patterns found.");
  });

  it("complexity: the highest complexity and the most complex functions first", () => {
    const r = analyzeComplexity("function a(x) { if (x) return 1; return 2 }\nfunction b(x) { if (x) { for (;;) { if (x > 1) break } } return x && 1 }\n") as { summary: string };
    expect(r.summary).toMatch(/^2 functions, highest complexity 5 \(simple\): b \(line 2\) 5 simple; a \(line 1\) 2 simple\.$/);
  });
});

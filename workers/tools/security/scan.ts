/**
 * @module workers/tools/security/scan
 * security_scan: secrets and injection risks in code the user sends. Secret values are redacted in every field
 * of the result, including the line excerpt, so the scan never re-leaks what it found.
 */
import { z } from "zod";
import { defineTool } from "../tool";
import { findPatterns } from "./injection";
import { findSecrets, redact } from "./secrets";
import { findingList } from "../code/report";
import { plural } from "../result";

const SEVERITIES = ["critical", "high", "medium", "low"] as const;
type Sev = (typeof SEVERITIES)[number];
const MAX_FINDINGS = 50;
const MAX_EXCERPT = 120;

export interface SecurityFinding {
  rule: string;
  category: string;
  severity: Sev;
  line: number;
  column: number;
  message: string;
  excerpt: string;
  fix: string;
}

const SECRET_FIX = "Remove it from the code, load it from an environment variable or secret store, and rotate it: it must be treated as leaked.";

export function scanCode(code: string, filePath?: string) {
  const findings: SecurityFinding[] = [];
  const lines = code.split(/\r?\n/);
  lines.forEach((text, i) => {
    const secrets = findSecrets(text);
    let safe = text;
    // A private-key header is not itself secret (the body lines are), so it stays readable.
    const hidden = secrets.filter((s) => s.rule !== "private-key");
    for (const s of hidden) safe = safe.split(s.value).join(redact(s.value));
    const excerpt = safe.trim().slice(0, MAX_EXCERPT);
    for (const s of secrets) {
      findings.push({ rule: s.rule, category: "secret", severity: s.severity, line: i + 1, column: s.column, message: s.rule === "private-key" ? s.message : `${s.message}: ${redact(s.value)}`, excerpt, fix: SECRET_FIX });
    }
    for (const { rule, column } of findPatterns(text)) {
      findings.push({ rule: rule.id, category: rule.category, severity: rule.severity, line: i + 1, column, message: rule.message, excerpt, fix: rule.fix });
    }
  });
  const rank = (s: Sev) => SEVERITIES.indexOf(s);
  findings.sort((a, b) => rank(a.severity) - rank(b.severity) || a.line - b.line || a.column - b.column);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Sev, number>;
  const risk = counts.critical ? "critical" : counts.high ? "high" : counts.medium ? "medium" : counts.low ? "low" : "none";
  return {
    ...(filePath ? { file_path: filePath } : {}),
    lines_scanned: lines.length,
    risk,
    summary: findings.length
      ? `Risk ${risk}: ${plural(findings.length, "security finding")} (${SEVERITIES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`).join(", ")}): ${findingList(findings)}.`
      : `No security findings in ${plural(lines.length, "line")}: no leaked secrets or injection patterns found.`,
    counts,
    findings: findings.slice(0, MAX_FINDINGS),
    ...(findings.length > MAX_FINDINGS ? { note: `showing the ${MAX_FINDINGS} most severe of ${findings.length} findings` } : {}),
  };
}

export const securityScan = defineTool({
  name: "security_scan",
  description:
    "Security scan of source code: finds leaked secrets (API keys, tokens, passwords, private keys; redacted in the output) and vulnerabilities like SQL injection, command injection, eval, XSS via innerHTML, unsafe pickle/yaml. Send the code itself; returns findings with severity, line and a fix.",
  input: z.object({
    code: z.string().min(1).describe("The source code to scan (the text, not a path)"),
    file_path: z.string().optional().describe("Original file name, for the report"),
  }),
  run({ code, file_path }) {
    return scanCode(code, file_path);
  },
});

/**
 * @module workers/tools/security/secrets
 * Secret detection: well-known token formats plus high-entropy string literals assigned to names like *key,
 * *secret, *token or password. Matched values are redacted before they leave this module.
 */

export interface SecretRule {
  id: string;
  severity: "critical" | "high" | "medium";
  message: string;
  /** Group 1, when present, is the secret value; otherwise the whole match is. */
  pattern: RegExp;
}

export const SECRET_RULES: readonly SecretRule[] = [
  { id: "private-key", severity: "critical", message: "Private key block in source", pattern: /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |PGP |ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----/ },
  { id: "aws-access-key-id", severity: "critical", message: "AWS access key id", pattern: /\b((?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16})\b/ },
  { id: "aws-secret-access-key", severity: "critical", message: "AWS secret access key", pattern: /aws_?secret_?(?:access_?)?key["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})\b/i },
  { id: "github-token", severity: "critical", message: "GitHub token", pattern: /\b((?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/ },
  { id: "slack-token", severity: "critical", message: "Slack token", pattern: /\b(xox[abposr]-[A-Za-z0-9-]{10,})\b/ },
  { id: "anthropic-api-key", severity: "critical", message: "Anthropic API key", pattern: /\b(sk-ant-[A-Za-z0-9_-]{20,})/ },
  { id: "openai-api-key", severity: "critical", message: "OpenAI-style API key", pattern: /\b(sk-(?!ant-)(?:proj-)?[A-Za-z0-9_-]{20,})/ },
  { id: "stripe-secret-key", severity: "critical", message: "Stripe secret key", pattern: /\b((?:sk|rk)_live_[A-Za-z0-9]{16,})\b/ },
  { id: "google-api-key", severity: "high", message: "Google API key", pattern: /\b(AIza[0-9A-Za-z_-]{35})\b/ },
];

/** Assignment of a string literal to a secret-looking name, in JS, Python, YAML or .env style. */
const ASSIGNMENT = /\b([\w.-]*?(?:key|secret|token|passwd|password|pwd|credential)s?)["']?\s*(?::|=|:=|=>)\s*(?:[rbf]?)(["'`])([^"'`\s]{6,})\2/gi;

const PLACEHOLDER = /^(?:x+|\*+|\.+|<.*>|\$\{.*\}|%\(.*\)s|changeme|change_me|your[_-].*|example.*|placeholder|dummy|test|secret|password|null|none|undefined|todo|redacted)$/i;

/** Shannon entropy in bits per character: random tokens score above ~3.5, words and placeholders below. */
export function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** Keeps a 4-character prefix so a reader can tell which key leaked; the rest never leaves the scanner. */
export function redact(secret: string): string {
  if (secret.length <= 8) return "[REDACTED]";
  return `${secret.slice(0, 4)}…[REDACTED ${secret.length} chars]`;
}

export interface SecretHit {
  rule: string;
  severity: SecretRule["severity"];
  message: string;
  column: number;
  /** The raw value: only for redaction by the caller, never returned. */
  value: string;
}

export function findSecrets(line: string): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const r of SECRET_RULES) {
    const m = r.pattern.exec(line);
    if (!m) continue;
    const value = r.id === "private-key" ? m[0] : (m[1] ?? m[0]);
    hits.push({ rule: r.id, severity: r.severity, message: r.message, column: m.index + m[0].indexOf(value) + 1, value });
  }
  for (const m of line.matchAll(ASSIGNMENT)) {
    const name = m[1]!;
    const value = m[3]!;
    if (hits.some((h) => h.value.includes(value) || value.includes(h.value))) continue;
    if (PLACEHOLDER.test(value) || /^(process\.env|os\.environ|env\.)/.test(value)) continue;
    const isPassword = /pass|pwd/i.test(name);
    // Passwords are flagged whatever they look like; keys and tokens only when they look random.
    if (!isPassword && (value.length < 16 || entropy(value) < 3.5)) continue;
    hits.push({
      rule: isPassword ? "hardcoded-password" : "generic-secret",
      severity: "high",
      message: isPassword ? `Hard-coded password in \`${name}\`` : `High-entropy secret assigned to \`${name}\``,
      column: m.index + m[0].lastIndexOf(value) + 1,
      value,
    });
  }
  return hits;
}

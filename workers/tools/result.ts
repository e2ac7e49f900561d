/**
 * @module workers/tools/result
 * Small helpers shared by the built-in tools: the error result shape and number rounding for compact output.
 */

/** What a tool returns instead of throwing when the model sent something it cannot use. */
export interface ToolError {
  error: string;
  [k: string]: unknown;
}

export function toolError(message: string, extra: Record<string, unknown> = {}): ToolError {
  return { error: message, ...extra };
}

export function isToolError(v: unknown): v is ToolError {
  return typeof v === "object" && v !== null && typeof (v as ToolError).error === "string";
}

/** Rounds to `digits` decimals; keeps tool output short and stable across platforms. */
/** "1 finding", "3 findings". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Lower-case, trimmed, single-spaced, without accents and punctuation: the key for name lookups. */
export function normalizeName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[.,'’()]/g, "")
    .replace(/[-_]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** Aborts when either the caller's signal fires or `ms` elapse. */
export function withTimeout(signal: AbortSignal | undefined, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}

/**
 * @module workers/tools/code/report
 * One-sentence reports for the code tools' results (`summary`), so a reader without a model (the offline
 * backend, a log line) sees the findings themselves rather than a dump of the result object.
 */

/** How many findings a sentence names before it says "and N more". */
const LISTED = 8;

export interface Located {
  line: number;
  column: number;
  severity: string;
  rule: string;
  message: string;
}

/** `line:column severity rule: message; …` for the first few findings, in the order given. */
export function findingList(findings: readonly Located[]): string {
  const shown = findings.slice(0, LISTED).map((f) => `${f.line}:${f.column} ${f.severity} ${f.rule}: ${f.message.replace(/\s+/g, " ").trim().replace(/\.+$/, "")}`);
  const more = findings.length - shown.length;
  return shown.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

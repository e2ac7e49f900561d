/**
 * @module workers/tools/code/language
 * Decides which language a snippet is in, from an explicit hint, the file extension, or the code itself.
 */

export type CodeLanguage = "javascript" | "typescript" | "python" | "text";

const ALIASES: Record<string, CodeLanguage> = {
  js: "javascript", javascript: "javascript", jsx: "javascript", mjs: "javascript", cjs: "javascript", node: "javascript",
  ts: "typescript", typescript: "typescript", tsx: "typescript", mts: "typescript", cts: "typescript",
  py: "python", python: "python", python3: "python",
};

export function detectLanguage(code: string, language?: string, filePath?: string): CodeLanguage {
  const hint = language?.trim().toLowerCase();
  if (hint && ALIASES[hint]) return ALIASES[hint];
  const ext = filePath && /\.([a-z0-9]+)$/i.exec(filePath)?.[1]?.toLowerCase();
  if (ext && ALIASES[ext]) return ALIASES[ext];
  if (ext || (hint && hint !== "auto")) return "text";
  if (/^\s*def \w+\s*\(.*\)\s*(->\s*[^:]+)?:\s*$/m.test(code) || /^\s*from [\w.]+ import [\w*]/m.test(code) || /^\s*import [\w.]+(\s+as\s+\w+)?\s*$/m.test(code) || /^\s*(elif|except)\b.*:\s*$/m.test(code)) {
    return "python";
  }
  if (/:\s*(string|number|boolean|unknown|any)\b|\binterface\s+\w+\s*\{|\btype\s+\w+\s*=|\bas\s+const\b/.test(code)) return "typescript";
  return "javascript";
}

/** Whether JSX should be enabled: .jsx/.tsx files, or snippets with tags and no file name. */
export function wantsJsx(code: string, filePath?: string): boolean {
  if (filePath) return /\.(jsx|tsx)$/i.test(filePath) || /\.js$/i.test(filePath);
  return /<\/?[A-Za-z][\w.]*[\s/>]/.test(code);
}

// Runs the project's own wrangler offline and quietly (no metrics, no Request.cf fetch, no prompts).
import { execFile } from "node:child_process";
import { resolve } from "node:path";

export const WRANGLER_BIN = resolve("node_modules/wrangler/bin/wrangler.js");

export const OFFLINE_WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  CI: "true",
};

export function runWrangler(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [WRANGLER_BIN, ...args], { cwd: opts.cwd, env: { ...process.env, ...OFFLINE_WRANGLER_ENV, ...opts.env }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

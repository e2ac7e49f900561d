/**
 * @module deployer/targets/cloudflare/wrangler
 * Runs this package's wrangler (or ADE_WRANGLER_BIN) non-interactively, quietly, with a timeout; secret values
 * go on stdin, never argv. Turns wrangler's authentication failures into the fix.
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { UserError } from "../../errors";
import { PACKAGE_ROOT } from "../../paths";

export interface WranglerRun {
  code: number;
  output: string;
}

export function wranglerBin(): string {
  return process.env.ADE_WRANGLER_BIN ?? join(PACKAGE_ROOT, "node_modules/wrangler/bin/wrangler.js");
}

export function runWrangler(args: string[], opts: { cwd?: string; stdin?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<WranglerRun> {
  return new Promise((resolve) => {
    const bin = wranglerBin();
    const child = spawn(bin.endsWith(".js") ? process.execPath : bin, bin.endsWith(".js") ? [bin, ...args] : args, {
      cwd: opts.cwd,
      env: { ...process.env, WRANGLER_SEND_METRICS: "false", WRANGLER_SEND_ERROR_REPORTS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", CI: "true", ...opts.env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 180_000);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, output });
    });
    child.on("error", (err) => {
      clearTimeout(timer);
      resolve({ code: 1, output: `${output}\ncould not run wrangler (${bin}): ${err.message}` });
    });
    // A wrangler that exits without reading its input (an early auth failure) must not crash us with EPIPE.
    child.stdin.on("error", () => undefined);
    child.stdin.end(opts.stdin ?? "");
  });
}

/** Wrangler's output → a UserError that says what to do; undefined when it is not an auth problem. */
export function authProblem(output: string): UserError | undefined {
  if (/CLOUDFLARE_API_TOKEN|not authenticated|Authentication error|Invalid API Token|code: 10000|\[code: 9109\]/i.test(output)) {
    return new UserError(
      "Cloudflare rejected the credentials (or none are set). Run `npx wrangler login` on a machine with a browser, or export CLOUDFLARE_API_TOKEN (a token with the 'Edit Cloudflare Workers' template) and CLOUDFLARE_ACCOUNT_ID, then retry. To check the build without an account: `ade start JOB --dry-run`.",
    );
  }
  return undefined;
}

/** The workers.dev / route URL wrangler prints after a deploy. */
export function deployedUrl(output: string): string | undefined {
  return /https:\/\/[a-z0-9.-]+\.workers\.dev\b/i.exec(output)?.[0];
}

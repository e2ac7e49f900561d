/**
 * @module deployer/runtime/bundle-runner
 * Bundles the mesh runner into one .mjs that needs only `miniflare` beside it (locally: this package's
 * node_modules; on an SSH host: the pinned miniflare the remote install puts in its workdir).
 */
import { build } from "esbuild";
import { mkdir } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PACKAGE_ROOT } from "../paths";

/** Under node_modules so that `import "miniflare"` in the bundle resolves to this package's copy. */
export const RUNNER_BUNDLE = join(PACKAGE_ROOT, "node_modules/.cache/ade/runner.mjs");

let pending: Promise<string> | undefined;

export function bundleRunner(outFile = RUNNER_BUNDLE): Promise<string> {
  if (outFile === RUNNER_BUNDLE && pending) return pending;
  const job = (async () => {
    await mkdir(dirname(outFile), { recursive: true });
    await build({
      entryPoints: [join(PACKAGE_ROOT, "deployer/runtime/runner.ts")],
      outfile: outFile,
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      external: ["miniflare"],
      logLevel: "silent",
    });
    return outFile;
  })();
  if (outFile === RUNNER_BUNDLE) pending = job;
  return job;
}

/**
 * @module deployer/runtime/bundle
 * Bundles an agent Worker entry with esbuild the way wrangler would (ESM, workerd conditions, `cloudflare:*`
 * and `node:*` left to the runtime). Output is content-addressed: the same sources give the same hash, and an
 * unchanged bundle is not rewritten.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { build, type BuildOptions } from "esbuild";
import { PACKAGE_ROOT, SDK_ALIAS } from "../paths";

export interface BundleOptions {
  /** The Worker entry (`workers/index.ts`, or a generated entry for a user's module). */
  entry: string;
  /** Where the single-file ESM bundle is written. */
  outFile: string;
  /** Extra module aliases (e.g. SDK stubs for a backend the agent does not use). */
  alias?: Record<string, string>;
  /** Extra `define`s (e.g. build ids); values are JS source text. */
  define?: Record<string, string>;
  minify?: boolean;
}

export interface BundleResult {
  /** Absolute path of the bundle. */
  path: string;
  /** sha256 (hex) of the bundle's bytes. */
  hash: string;
  /** False when the file on disk already had this content. */
  written: boolean;
  bytes: number;
}

/** esbuild options equivalent to wrangler's for a modules Worker. */
export const WORKER_BUILD_OPTIONS: BuildOptions = {
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["module", "main"],
  external: ["cloudflare:*", "node:*"],
  legalComments: "none",
  // A user's agent module beside their job imports "ade/agent" and zod from this package, wherever the job lives.
  alias: SDK_ALIAS,
  nodePaths: [resolve(PACKAGE_ROOT, "node_modules")],
  logLevel: "silent",
};

// Hash of the last bundle written per output file in this process: a second call with the same result skips I/O.
const written = new Map<string, string>();

export async function bundleWorker(options: BundleOptions): Promise<BundleResult> {
  const path = resolve(options.outFile);
  const key = JSON.stringify({ entry: resolve(options.entry), minify: options.minify ?? false, alias: options.alias ?? {}, define: options.define ?? {} });
  const cached = await fromCache(path, key);
  if (cached) return cached;
  let result;
  try {
    result = await build({
      metafile: true,
      ...WORKER_BUILD_OPTIONS,
      entryPoints: [resolve(options.entry)],
      write: false,
      outfile: path,
      minify: options.minify ?? false,
      ...(options.alias ? { alias: { ...SDK_ALIAS, ...options.alias } } : {}),
      ...(options.define ? { define: options.define } : {}),
    });
  } catch (err) {
    const errors = (err as { errors?: Array<{ text: string; location?: { file: string; line: number; column: number } | null }> }).errors;
    if (!errors?.length) throw err;
    const lines = errors.map((e) => (e.location ? `${e.location.file}:${e.location.line}:${e.location.column}: ${e.text}` : e.text));
    throw new Error(`bundling ${options.entry} failed:\n${lines.join("\n")}`);
  }
  const outputs = result.outputFiles ?? [];
  const file = outputs.find((f) => f.path === path) ?? outputs[0];
  if (!file) throw new Error(`bundling ${options.entry} produced no output`);
  const hash = createHash("sha256").update(file.contents).digest("hex");
  const bytes = file.contents.byteLength;
  await saveCache(path, key, hash, bytes, Object.keys(result.metafile?.inputs ?? {}));
  if (written.get(path) === hash || (await hashOf(path)) === hash) {
    written.set(path, hash);
    return { path, hash, written: false, bytes };
  }
  await mkdir(dirname(path), { recursive: true });
  // Write-then-rename: a Miniflare reading the old bundle never sees half a file.
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, file.contents);
  await rename(tmp, path);
  written.set(path, hash);
  return { path, hash, written: true, bytes };
}

/**
 * A bundle's sources by size and mtime, kept beside it: when none changed (a second `ade start`), esbuild need
 * not run at all. Any change, or a different entry or option, rebuilds.
 */
interface BundleCache {
  key: string;
  hash: string;
  bytes: number;
  inputs: Record<string, string>;
}

async function stamp(file: string): Promise<string> {
  const s = await stat(file).catch(() => undefined);
  return s ? `${s.size}:${s.mtimeMs}` : "missing";
}

async function fromCache(path: string, key: string): Promise<BundleResult | undefined> {
  try {
    const cache = JSON.parse(await readFile(`${path}.inputs.json`, "utf8")) as BundleCache;
    if (cache.key !== key || (await hashOf(path)) !== cache.hash) return undefined;
    for (const [file, was] of Object.entries(cache.inputs)) if ((await stamp(file)) !== was) return undefined;
    return { path, hash: cache.hash, written: false, bytes: cache.bytes };
  } catch {
    return undefined;
  }
}

async function saveCache(path: string, key: string, hash: string, bytes: number, inputs: string[]): Promise<void> {
  const stamps: Record<string, string> = {};
  // esbuild names inputs relative to its working directory.
  for (const input of inputs) if (!input.includes(":")) stamps[resolve(input)] = await stamp(resolve(input));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(`${path}.inputs.json`, JSON.stringify({ key, hash, bytes, inputs: stamps } satisfies BundleCache));
}

async function hashOf(path: string): Promise<string | undefined> {
  try {
    return createHash("sha256").update(await readFile(path)).digest("hex");
  } catch {
    return undefined;
  }
}

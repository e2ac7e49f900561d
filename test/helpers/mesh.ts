/**
 * Test harness: bundles an agent entry once per test process and runs a mesh in one real workerd through
 * `meshOptions` (the production options). Each agent gets its own loopback port; `restart()` keeps the
 * persisted state, the way `ade start` would after a crash.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Readable } from "node:stream";
import { Miniflare, type MiniflareOptions } from "miniflare";
import { bundleWorker } from "../../deployer/runtime/bundle";
import { meshOptions, type MeshAgent } from "../../deployer/runtime/miniflare-mesh";
import type { RuntimeConfigInput } from "../../workers/config";
import { peerBindingName } from "../../workers/config";

export const ROOT = resolve(import.meta.dirname, "../..");
export const DEFAULT_ENTRY = join(ROOT, "workers/index.ts");
export const CUSTOM_ENTRY = join(ROOT, "test/workers/runtime/fixtures/custom-entry.js");

const bundles = new Map<string, Promise<string>>();

/** Bundles `entry` once per process into .ade/test-bundles (content-hashed, so parallel forks agree). */
export function bundled(entry = DEFAULT_ENTRY): Promise<string> {
  let p = bundles.get(entry);
  if (!p) {
    const name = entry.replace(ROOT, "").replace(/[^\w]+/g, "_");
    p = bundleWorker({ entry, outFile: join(ROOT, ".ade/test-bundles", name, "worker.js") }).then((r) => r.path);
    bundles.set(entry, p);
  }
  return p;
}

export interface TestAgent {
  /** Agent id (config.agent); also the Worker name. */
  name: string;
  module: string;
  backend?: RuntimeConfigInput["backend"];
  /** Peer agent ids, bound by service binding unless `peerUrls` gives a URL. */
  peers?: string[];
  peerUrls?: Record<string, string>;
  extra?: Partial<RuntimeConfigInput>;
  secrets?: Record<string, string>;
  entry?: string;
  /** Raw config instead of the one built from the fields above (bad-config tests). */
  rawConfig?: unknown;
  /** Fixed loopback port (when another agent's config must name the URL); default: any free port. */
  port?: number;
}

/** The last lines the agents printed (workerd stdout/stderr), newest last. */
export const runtimeOutput: string[] = [];
function remember(text: string) {
  runtimeOutput.push(...text.split("\n").filter(Boolean));
  if (runtimeOutput.length > 500) runtimeOutput.splice(0, runtimeOutput.length - 500);
  if (process.env.ADE_TEST_VERBOSE) process.stdout.write(text);
}

export interface Mesh {
  mf: Miniflare;
  /** Base URL (no trailing slash) of each agent's own socket. */
  url: Record<string, string>;
  restart(): Promise<void>;
  dispose(): Promise<void>;
}

export function agentConfig(a: TestAgent, all: TestAgent[]): RuntimeConfigInput {
  const peers = (a.peers ?? []).map((p) => {
    const desc = all.find((x) => x.name === p)?.extra?.description;
    const url = a.peerUrls?.[p];
    return { name: p, ...(url ? { url } : { binding: peerBindingName(p) }), ...(desc ? { description: desc } : {}) };
  });
  return {
    job: "test",
    agent: a.name,
    module: a.module,
    displayName: `${a.name} agent`,
    backend: a.backend ?? { type: "offline", model: "offline" },
    peers,
    ...a.extra,
  };
}

export async function startMesh(agents: TestAgent[], opts: { persist?: boolean } = {}): Promise<Mesh> {
  const persistDir = opts.persist ? await mkdtemp(join(tmpdir(), "ade-mesh-")) : undefined;
  const meshAgents: MeshAgent[] = await Promise.all(
    agents.map(async (a) => ({
      workerName: a.name,
      config: (a.rawConfig ?? agentConfig(a, agents)) as RuntimeConfigInput,
      port: a.port ?? 0,
      scriptPath: await bundled(a.entry),
      ...(a.secrets ? { secrets: a.secrets } : {}),
    })),
  );
  const options = {
    ...meshOptions(meshAgents, persistDir ? { persistDir } : {}),
    // Agents log a JSON line per request; keep it (for a failing test's story) but out of the test output.
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      stdout.on("data", (d: Buffer) => remember(d.toString()));
      stderr.on("data", (d: Buffer) => remember(d.toString()));
    },
  } as MiniflareOptions;
  const mesh: Mesh = { mf: undefined as unknown as Miniflare, url: {}, restart, dispose };
  async function boot() {
    mesh.mf = new Miniflare(options);
    await mesh.mf.ready;
    for (const a of agents) mesh.url[a.name] = (await mesh.mf.unsafeGetDirectURL(a.name)).toString().replace(/\/$/, "");
  }
  async function restart() {
    await mesh.mf.dispose();
    await boot();
  }
  async function dispose() {
    await mesh.mf.dispose();
    if (persistDir) await rm(persistDir, { recursive: true, force: true });
  }
  await boot();
  return mesh;
}

/** A loopback port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** POST JSON and parse the JSON answer. */
export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body: parsed };
}

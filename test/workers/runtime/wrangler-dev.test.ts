/**
 * The root wrangler.toml: `wrangler dev` at the repo root serves the default weather agent (offline backend)
 * and answers POST /query. Offline and quiet: no cf fetch, no metrics, loopback only.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { freePort, postJson, ROOT } from "../../helpers/mesh";

let child: ChildProcess | undefined;
let base = "";
let stateDir = "";
let output = "";

beforeAll(async () => {
  const [port, inspector] = [await freePort(), await freePort()];
  stateDir = await mkdtemp(join(tmpdir(), "ade-wrangler-"));
  base = `http://127.0.0.1:${port}`;
  child = spawn(
    process.execPath,
    [join(ROOT, "node_modules/wrangler/bin/wrangler.js"), "dev", "--ip", "127.0.0.1", "--port", String(port), "--inspector-port", String(inspector), "--persist-to", join(stateDir, "state")],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        CI: "true",
        CLOUDFLARE_CF_FETCH_ENABLED: "false",
        WRANGLER_SEND_METRICS: "false",
        WRANGLER_SEND_ERROR_REPORTS: "false",
        WRANGLER_LOG_PATH: join(stateDir, "logs"),
        WRANGLER_REGISTRY_PATH: join(stateDir, "registry"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once("exit", r));
    child.kill("SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
  }
  if (stateDir) await rm(stateDir, { recursive: true, force: true });
});

it("wrangler dev at the repo root answers /health and POST /query", async () => {
  expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ status: "healthy", agent: "weather" });
  const { status, body } = await postJson(`${base}/query`, { query: "What's the weather in Tokyo?", session_id: "wrangler-1" });
  expect(status).toBe(200);
  expect(body).toMatchObject({ session_id: "wrangler-1", response: expect.stringMatching(/Tokyo.*Partly cloudy/s) });
});

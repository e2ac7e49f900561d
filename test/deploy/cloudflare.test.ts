// The Cloudflare target without an account: --dry-run builds and checks every Worker with wrangler in plan
// order; a real deploy without credentials fails fast with the documented fix, and nothing is recorded.
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import start from "../../deployer/cli/commands/start";
import { UserError } from "../../deployer/errors";
import { listDeployments } from "../../deployer/state";

let home: string;
let edgeMesh: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "ade-cf-"));
  process.env.ADE_HOME = home;
  // The seed's 11-agent mesh, moved to the edge.
  const text = (await readFile("jobs/large-mesh.yaml", "utf8")).replace(/deployment: \{target: localhost\}/g, "deployment: {target: cloudflare, account_id: test-account}");
  edgeMesh = join(home, "large-mesh-edge.yaml");
  await writeFile(edgeMesh, text);
});

describe("cloudflare target", () => {
  it("--dry-run checks every agent's bundle with wrangler, callees first", async () => {
    const order: string[] = [];
    const result = await start.run([edgeMesh], { dryRun: true, json: true });
    expect(result.agents).toHaveLength(11);
    expect(result.agents.every((a) => a.state === "built")).toBe(true);
    order.push(...result.agents.map((a) => a.id));
    expect(order.at(-1)).toBe("controller");
    const dist = await readFile(join(home, "run", result.deployment.id, "cloudflare", "controller", "dist", "index.js"), "utf8");
    expect(dist.length).toBeGreaterThan(100_000);
    const config = await readFile(join(home, "run", result.deployment.id, "cloudflare", "controller", "wrangler.jsonc"), "utf8");
    expect(config).toContain('"service": "large-mesh-weather"');
    expect(await listDeployments(home)).toEqual([]);
  }, 300_000);

  it("a deploy without credentials stops with the fix (wrangler login / CLOUDFLARE_API_TOKEN)", async () => {
    const saved = { token: process.env.CLOUDFLARE_API_TOKEN, key: process.env.ANTHROPIC_API_KEY };
    delete process.env.CLOUDFLARE_API_TOKEN;
    process.env.ANTHROPIC_API_KEY = "sk-test-not-real";
    try {
      await expect(start.run(["jobs/edge.yaml"], { json: true })).rejects.toThrow(/wrangler login.*CLOUDFLARE_API_TOKEN/s);
    } finally {
      if (saved.token !== undefined) process.env.CLOUDFLARE_API_TOKEN = saved.token;
      if (saved.key === undefined) delete process.env.ANTHROPIC_API_KEY;
      else process.env.ANTHROPIC_API_KEY = saved.key;
    }
    const record = (await listDeployments(home)).find((d) => d.job === "edge")!;
    expect(record.status).toBe("failed");
    expect(record.groups).toEqual([]);
  }, 120_000);

  it("a rejected token from wrangler gives the same fix", async () => {
    const fake = join(home, "fake-wrangler.sh");
    await writeFile(fake, '#!/bin/sh\necho "✘ [ERROR] A request to the Cloudflare API (/accounts/x/workers/scripts/edge-weather) failed." >&2\necho "  Authentication error [code: 10000]" >&2\nexit 1\n', { mode: 0o755 });
    process.env.ADE_WRANGLER_BIN = fake;
    process.env.ANTHROPIC_API_KEY = "sk-test-not-real";
    try {
      const err = await start.run(["jobs/edge.yaml"], { json: true }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserError);
      expect((err as Error).message).toMatch(/Cloudflare rejected the credentials/);
    } finally {
      delete process.env.ADE_WRANGLER_BIN;
      delete process.env.ANTHROPIC_API_KEY;
    }
  });

  it("refuses to start when a secret the agents need is not set", async () => {
    delete process.env.ANTHROPIC_API_KEY;
    const err = await start.run(["jobs/edge.yaml"], { json: true }).catch((e: unknown) => e);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(/secrets not set: ANTHROPIC_API_KEY \(needed by weather, maps, calculator, controller\)/);
  });
});

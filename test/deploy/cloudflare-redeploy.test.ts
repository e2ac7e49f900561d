// Redeploying a changed job to Cloudflare touches only the changed Workers, deletes nothing, and keeps the
// URLs of the others. wrangler is replaced by a script that records its calls (there is no network here).
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDeployment } from "../../deployer/deploy/prepare";
import { validateJobText } from "../../deployer/job/validate";
import { cloudflareTarget } from "../../deployer/targets/cloudflare/index";
import type { GroupRecord, TargetContext } from "../../deployer/targets/target";

let dir: string;
let calls: string;

const job = (units: string) => `job: {name: edgy, version: 1.0.0, description: redeploy}
backend: {type: offline}
agents:
  - {id: weather, module: weather, config: {units: ${units}}, deployment: {target: cloudflare, account_id: acc}}
  - {id: maps, module: maps, deployment: {target: cloudflare, account_id: acc}}
  - {id: hub, module: controller, deployment: {target: cloudflare, account_id: acc}}
topology: {type: hub-spoke, hub: hub, spokes: [weather, maps]}
`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ade-cf-redeploy-"));
  calls = join(dir, "calls.log");
  const fake = join(dir, "wrangler.sh");
  // Answers like wrangler: the Worker name comes from the config it is given.
  await writeFile(
    fake,
    `#!/bin/sh
echo "$@" >> ${calls}
case "$1" in
  deploy) name=$(grep -o '"name": "[^"]*"' "$3" | head -1 | cut -d'"' -f4); echo "Uploaded $name"; echo "  https://$name.acc.workers.dev";;
  secret) cat > /dev/null; echo "Success";;
esac
`,
    { mode: 0o755 },
  );
  process.env.ADE_WRANGLER_BIN = fake;
});

afterAll(() => {
  delete process.env.ADE_WRANGLER_BIN;
});

async function deploy(units: string, previous?: GroupRecord): Promise<{ record: GroupRecord; deployed: string[] }> {
  const v = validateJobText(job(units), "edgy.yaml", dir, { env: {} });
  const home = join(dir, ".ade");
  const prepared = await prepareDeployment(v.model!, { home, deploymentId: "edgy-1", dryRun: false });
  const ctx: TargetContext = { deploymentId: "edgy-1", job: "edgy", home, logDir: join(home, "logs"), stateDir: join(home, "state"), progress: () => undefined, dryRun: false };
  const before = (await readFile(calls, "utf8").catch(() => "")).split("\n").filter(Boolean).length;
  const record = await cloudflareTarget.start(prepared.groups[0]!, ctx, previous);
  const lines = (await readFile(calls, "utf8")).split("\n").filter(Boolean).slice(before);
  return { record, deployed: lines.filter((l) => l.startsWith("deploy")).map((l) => /build\/edgy\/(\w+)|cloudflare\/(\w+)\/wrangler/.exec(l)?.slice(1).find(Boolean) ?? l) };
}

describe("cloudflare redeploy", () => {
  it("deploys callees first and records the URLs wrangler prints", async () => {
    const first = await deploy("metric");
    expect(first.deployed).toEqual(["weather", "maps", "hub"]);
    expect(first.record.urls).toEqual({ weather: "https://edgy-weather.acc.workers.dev", maps: "https://edgy-maps.acc.workers.dev", hub: "https://edgy-hub.acc.workers.dev" });
  });

  it("after a change, redeploys only the changed agent and deletes nothing", async () => {
    const first = await deploy("metric");
    const second = await deploy("imperial", first.record);
    expect(second.deployed).toEqual(["weather"]);
    expect(second.record.urls).toEqual(first.record.urls);
    expect(await readFile(calls, "utf8")).not.toMatch(/^delete/m);
  });
});

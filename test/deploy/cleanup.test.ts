// `ade cleanup` removes stopped or failed deployments (record, logs, run files) older than the given age and
// never touches a running one; `ade list` hides stopped ones unless --all; lookups by id, job name or job file.
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import cleanup, { parseAge } from "../../deployer/cli/commands/cleanup";
import list from "../../deployer/cli/commands/list";
import { findDeployment, saveDeployment, type DeploymentRecord } from "../../deployer/state";

let home: string;
const HOUR = 3600_000;

function record(id: string, status: DeploymentRecord["status"], ageHours: number, job = "demo"): DeploymentRecord {
  const at = new Date(Date.now() - ageHours * HOUR).toISOString();
  return { id, job, file: `jobs/${job}.yaml`, status, startedAt: at, ...(status === "running" ? {} : { stoppedAt: at }), buildHash: "x", stages: [["a"]], groups: [], restarts: {}, meshToken: "secret-token" };
}

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "ade-cleanup-"));
  process.env.ADE_HOME = home;
  for (const r of [record("demo-old", "stopped", 24 * 10), record("demo-new", "stopped", 1), record("demo-failed", "failed", 24 * 30), record("demo-live", "running", 24 * 40)]) {
    await saveDeployment(home, r);
    await mkdir(join(home, "logs", r.id), { recursive: true });
    await writeFile(join(home, "logs", r.id, "local.log"), "x\n");
  }
});

describe("cleanup, list and lookup", () => {
  it("parses ages and refuses nonsense", () => {
    expect(parseAge("12h")).toBe(12 * HOUR);
    expect(parseAge("7d")).toBe(7 * 24 * HOUR);
    expect(parseAge("2w")).toBe(14 * 24 * HOUR);
    expect(() => parseAge("soon")).toThrow(/12h, 7d or 2w/);
  });

  it("--dry-run lists what would go and removes nothing", async () => {
    const r = await cleanup.run([], { olderThan: "7d", dryRun: true });
    expect(r.removed.sort()).toEqual(["demo-failed", "demo-old"]);
    expect((await readdir(join(home, "deployments"))).length).toBe(4);
  });

  it("removes old stopped and failed deployments with their logs, keeps running and recent ones", async () => {
    await cleanup.run([], { olderThan: "7d" });
    expect((await readdir(join(home, "deployments"))).sort()).toEqual(["demo-live.json", "demo-new.json"]);
    expect((await readdir(join(home, "logs"))).sort()).toEqual(["demo-live", "demo-new"]);
  });

  it("lists running deployments (all with --all) without their tokens", async () => {
    expect((await list.run([], {})).map((d) => d.id)).toEqual(["demo-live"]);
    const all = await list.run([], { all: true });
    expect(all).toHaveLength(4);
    expect(JSON.stringify(all)).not.toContain("secret-token");
  });

  it("says when a running deployment's local runtime is gone", async () => {
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
    const group = (pid: number) => ({ key: "localhost", kind: "localhost" as const, agents: ["a"], pid, urls: {}, fingerprints: {} });
    await saveDeployment(home, { ...record("demo-up", "running", 1, "up"), groups: [group(process.pid)] });
    await saveDeployment(home, { ...record("demo-dead", "running", 1, "dead"), groups: [group(Number(gone.stdout))] });
    const listed = await list.run([], {});
    expect(Object.fromEntries(listed.map((d) => [d.id, d.live]))).toEqual({ "demo-live": undefined, "demo-up": "up", "demo-dead": "down" });
    const text = list.render(listed, {});
    expect(text).toMatch(/demo-dead\s+dead\s+running, down/);
    expect(text).toContain("some runtimes are gone: `ade status ID` shows which agents");
  });

  it("finds a deployment by id, job name (the running one first) or job file", async () => {
    expect((await findDeployment(home, "demo-old")).id).toBe("demo-old");
    expect((await findDeployment(home, "demo")).id).toBe("demo-live");
    expect((await findDeployment(home, "jobs/demo.yaml")).id).toBe("demo-live");
    await expect(findDeployment(home, "nope")).rejects.toThrow(/no deployment "nope"/);
  });
});

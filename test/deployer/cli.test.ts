// The real binary, as a shell runs it: exit codes (0 ok, 2 invalid job or usage, 1 other errors) and where
// the messages go.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli";

let home: string;
beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), "ade-cli-"));
});

describe("ade, the binary", () => {
  it("validate: a valid job exits 0 with a one-line summary", async () => {
    const r = await runCli(["validate", "jobs/hub-spoke.yaml"], { ADE_HOME: home });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(1);
    expect(r.stdout).toMatch(/jobs\/hub-spoke\.yaml: .*4 agents/);
  });

  it("validate: a bad job exits 2 with FILE:LINE:COL", async () => {
    const r = await runCli(["validate", "test/fixtures/jobs/bad-unknown-top-level.yaml"], { ADE_HOME: home });
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain('test/fixtures/jobs/bad-unknown-top-level.yaml:17:1: error: unknown field "toplogy" in the job. Did you mean "topology"?');
  });

  it("start: a bad job exits 2, says nothing was started, and writes no state", async () => {
    const r = await runCli(["start", "test/fixtures/jobs/bad-unknown-top-level.yaml"], { ADE_HOME: home });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nothing was started or written");
    const listed = await runCli(["list", "--all", "--json"], { ADE_HOME: home });
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it("takes the seed's spellings: plan -f json, list -a -n", async () => {
    const plan = await runCli(["plan", "jobs/hub-spoke.yaml", "-f", "json"], { ADE_HOME: home });
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).plan.stages.at(-1)).toMatchObject({ agents: ["controller"] });
    expect((await runCli(["plan", "jobs/hub-spoke.yaml", "-f", "xml"], { ADE_HOME: home })).stderr).toContain('--format must be table or json, got "xml"');
    const list = await runCli(["list", "-a", "-n", "1", "--json"], { ADE_HOME: home });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout)).toEqual([]);
  });

  it("usage errors exit 2: an unknown command, an unknown option", async () => {
    const unknown = await runCli(["frobnicate"], { ADE_HOME: home });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('error: unknown command "frobnicate"; run `ade --help` for the list\n');
    const option = await runCli(["validate", "--bogus", "jobs/hub-spoke.yaml"], { ADE_HOME: home });
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("unknown option --bogus");
  });

  it("other user errors exit 1 with one line on stderr; --json puts them on stdout", async () => {
    const r = await runCli(["query", "nope", "hello"], { ADE_HOME: home });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("error: no deployments yet; start one with `ade start JOB.yaml`\n");
    const json = await runCli(["status", "nope", "--json"], { ADE_HOME: home });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ ok: false, error: "no deployments yet; start one with `ade start JOB.yaml`" });
  });
});

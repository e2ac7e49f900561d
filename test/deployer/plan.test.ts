// The planner: stages in dependency order (callees first), cycles detected and explained, peers wired by
// service binding within a target and by URL across targets.
import { describe, expect, it } from "vitest";
import { planDeployment } from "../../deployer/plan";
import { FakeJob } from "../helpers/fake-job";

const stages = (job: FakeJob) => planDeployment(job.model()).stages.map((s) => s.agents);

describe("planDeployment", () => {
  it("puts spokes before their hub", () => {
    const job = new FakeJob().agent("hub").agent("a").agent("b").topology({ type: "hub-spoke", hub: "hub", spokes: ["a", "b"] });
    expect(stages(job)).toEqual([["a", "b"], ["hub"]]);
  });

  it("runs a pipeline back to front, parallel stages together", () => {
    const job = new FakeJob().agent("in").agent("x").agent("y").agent("out").topology({ type: "pipeline", stages: ["in", ["x", "y"], "out"] });
    expect(stages(job)).toEqual([["out"], ["x", "y"], ["in"]]);
  });

  it("levels a DAG by its longest path to a sink", () => {
    const job = new FakeJob()
      .agent("a").agent("b").agent("c").agent("d")
      .topology({ type: "dag", connections: [{ from: "a", to: ["b", "c"] }, { from: "b", to: "c" }, { from: "c", to: "d" }] });
    expect(stages(job)).toEqual([["d"], ["c"], ["b"], ["a"]]);
  });

  it("deploys a cycle as one stage and says how", () => {
    const job = new FakeJob().agent("a").agent("b").agent("c").agent("sink")
      .topology({ type: "dag", connections: [{ from: "a", to: "b" }, { from: "b", to: "c" }, { from: "c", to: "a" }, { from: "c", to: "sink" }] });
    const plan = planDeployment(job.model());
    expect(plan.stages.map((s) => s.agents)).toEqual([["sink"], ["a", "b", "c"]]);
    expect(plan.stages[1]!.cycle).toEqual({ members: ["a", "b", "c"], resolution: expect.stringContaining("together") });
    expect(plan.stages[0]!.cycle).toBeUndefined();
  });

  it("explains the two-pass deploy for a cycle on Cloudflare", () => {
    const cf = { target: "cloudflare", account_id: "acc" };
    const job = new FakeJob().agent("a", { target: cf }).agent("b", { target: cf }).topology({ type: "mesh", agents: ["a", "b"] });
    expect(planDeployment(job.model()).stages[0]!.cycle!.resolution).toMatch(/first deployed without the bindings that close the cycle/);
  });

  it("walks a hierarchy from the leaves up, in both level notations", () => {
    const objects = new FakeJob().agent("root").agent("r1").agent("r2").agent("leaf")
      .topology({ type: "hierarchical", root: "root", levels: [{ parent: "root", children: ["r1", "r2"] }, { parent: "r1", children: ["leaf"] }] });
    expect(stages(objects)).toEqual([["r2", "leaf"], ["r1"], ["root"]]);
    const lists = new FakeJob().agent("root").agent("r1").agent("leaf").topology({ type: "hierarchical", root: "root", levels: [["r1"], ["leaf"]] });
    expect(stages(lists)).toEqual([["leaf"], ["r1"], ["root"]]);
  });

  it("wires peers by service binding on one target and by URL across targets", () => {
    const job = new FakeJob()
      .agent("hub", { port: 9000 })
      .agent("near", { port: 9001 })
      .agent("far", { port: 9002, target: { target: "remote", host: "gpu-box", user: "agents" } })
      .topology({ type: "hub-spoke", hub: "hub", spokes: ["near", "far"] });
    const hub = planDeployment(job.model()).agents.find((a) => a.id === "hub")!;
    expect(hub.peers).toEqual([
      { name: "near", via: "service-binding", binding: "PEER_NEAR" },
      { name: "far", via: "http", url: "http://gpu-box:9002" },
    ]);
  });

  it("plans a 1,000-agent chain without overflowing the stack", () => {
    const job = new FakeJob();
    const ids = Array.from({ length: 1000 }, (_, i) => `a${i}`);
    ids.forEach((id) => job.agent(id));
    job.topology({ type: "pipeline", stages: ids });
    const plan = planDeployment(job.model());
    expect(plan.stages).toHaveLength(1000);
    expect(plan.stages[0]!.agents).toEqual(["a999"]);
  });
});

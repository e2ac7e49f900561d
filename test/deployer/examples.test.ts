// Every example job in jobs/ validates (warnings allowed: edge jobs need keys we do not have here).
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { validateJobFile } from "../../deployer/job/validate";

describe("example jobs", () => {
  const files = readdirSync("jobs").filter((f) => f.endsWith(".yaml"));
  it("include the documented set", () => {
    expect(files.sort()).toEqual(["dag.yaml", "edge.yaml", "hub-spoke.yaml", "hybrid.yaml", "large-mesh.yaml", "mesh.yaml", "pipeline.yaml", "ssh-localhost.yaml"]);
  });
  it.each(files)("jobs/%s is valid", async (file) => {
    const v = await validateJobFile(`jobs/${file}`, { env: {} });
    expect(v.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(v.ok).toBe(true);
  });
});

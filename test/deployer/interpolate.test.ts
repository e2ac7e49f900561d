// ${VAR} and ${VAR:-default} anywhere in a job, with positions kept for errors.
import { describe, expect, it } from "vitest";
import { validateJobText } from "../../deployer/job/validate";

const job = (port: string, extra = "") => `job: {name: "\${JOB_NAME:-interp}", version: 1.0.0, description: "d \$\${literal}"}
backend: {type: offline}
agents:
  - id: a
    module: restricted
    config:
      port: ${port}
    deployment: {target: localhost${extra}}
topology: {type: pipeline, stages: [a]}
`;

describe("interpolation", () => {
  it("substitutes variables and defaults, re-typing a whole plain scalar", () => {
    const v = validateJobText(job("${PORT}"), "j.yaml", ".", { env: { PORT: "9123" } });
    expect(v.ok).toBe(true);
    expect(v.model!.agents[0]!.port).toBe(9123);
    expect(v.model!.name).toBe("interp");
    expect(v.model!.description).toBe("d ${literal}");
  });

  it("uses the default when the variable is unset or empty", () => {
    const v = validateJobText(job("${PORT:-9200}"), "j.yaml", ".", { env: { PORT: "" } });
    expect(v.model!.agents[0]!.port).toBe(9200);
  });

  it("reports a missing variable at its node", () => {
    const v = validateJobText(job("${NOPE}"), "j.yaml", ".", { env: {} });
    expect(v.ok).toBe(false);
    expect(v.diagnostics[0]).toMatchObject({ code: "missing-variable", line: 7, col: 13, message: expect.stringContaining('"NOPE"') });
  });

  it("keeps secrets out of plain vars", () => {
    const v = validateJobText(job("9300", ", environment: {API_TOKEN: \"${TOKEN}\", REGION: eu}"), "j.yaml", ".", { env: { TOKEN: "s3cret" } });
    const agent = v.model!.agents[0]!;
    expect(agent.vars).toEqual({ REGION: "eu" });
    expect(agent.secrets).toContain("API_TOKEN");
  });
});

// Every fixture in test/fixtures/jobs carries its expected diagnostic on line 1 (`# expect: LINE:COL: message`):
// validate must fail with exit code 2 and report exactly that position and message.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import validate from "../../deployer/cli/commands/validate";

const DIR = "test/fixtures/jobs";
const fixtures = readdirSync(DIR).filter((f) => f.startsWith("bad-") && f.endsWith(".yaml")).sort();

describe("bad job files", () => {
  it("has a corpus of at least 25 cases", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
  });

  it.each(fixtures)("%s is rejected at the expected line, column and message", async (name) => {
    const file = join(DIR, name);
    const expectation = readFileSync(file, "utf8").split("\n")[0]!.replace(/^# expect: /, "");
    const [, line, col, message] = /^(\d+):(\d+): (.*)$/.exec(expectation)!;
    const saved = { ...process.env };
    delete process.env.ADE_FIXTURE_UNSET_NAME;
    const result = await validate.run([file], {});
    process.env = saved;
    expect(validate.exitCode!(result)).toBe(2);
    const rendered = validate.render(result, {});
    const located = result.diagnostics.filter((d) => d.severity === "error" && d.line === Number(line) && d.col === Number(col));
    expect(located.map((d) => d.message).join("\n")).toContain(message);
    expect(rendered).toContain(`${file}:${line}:${col}: error: `);
  });
});

// Agents' JSON log lines as people read them in `ade start` and `ade logs`.
import { describe, expect, it } from "vitest";
import { formatLogLine } from "../../deployer/cli/log-format";

const strip = (s: string | undefined) => s?.replace(/\u001b\[[0-9;]*m/g, "");

describe("formatLogLine", () => {
  it("renders requests, tool calls and peer calls in one short line", () => {
    expect(strip(formatLogLine('{"ts":"2026-11-25T03:05:27.886Z","level":"info","msg":"request","agent":"maps","method":"POST","path":"/a2a","status":200,"duration_ms":26,"trace_id":"x"}'))).toBe("03:05:27 maps         POST /a2a → 200 (26 ms)");
    expect(strip(formatLogLine('{"ts":"2026-11-25T03:05:27.263Z","msg":"tool call","agent":"weather","tool":"get_weather","duration_ms":1}'))).toBe("03:05:27 weather      tool get_weather (1 ms)");
    expect(strip(formatLogLine('{"ts":"2026-11-25T03:05:27.278Z","msg":"peer call","agent":"controller","peer":"weather","hop":1,"duration_ms":43}'))).toBe("03:05:27 controller   asks weather (43 ms)");
  });

  it("keeps other fields of other messages, drops the runner's ready marker, passes plain text through", () => {
    expect(strip(formatLogLine('{"ts":"2026-11-25T03:05:27.278Z","level":"error","msg":"backend failed","agent":"a","reason":"401"}'))).toBe("03:05:27 a            backend failed reason=401");
    expect(formatLogLine('ADE_RUNNER_READY {"pid":1}')).toBeUndefined();
    expect(formatLogLine("workerd: something plain")).toBe("workerd: something plain");
  });
});

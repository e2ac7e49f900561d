import { describe, expect, it } from "vitest";
import { colorWanted, table } from "../../deployer/cli/format";

describe("terminal colour", () => {
  it("is off when output is captured, even on CI", () => {
    expect(colorWanted({ CI: "true" }, false)).toBe(false);
  });
  it("is on at a terminal, off for a dumb one", () => {
    expect(colorWanted({}, true)).toBe(true);
    expect(colorWanted({ TERM: "dumb" }, true)).toBe(false);
  });
  it("NO_COLOR wins over a terminal and over FORCE_COLOR", () => {
    expect(colorWanted({ NO_COLOR: "1" }, true)).toBe(false);
    expect(colorWanted({ NO_COLOR: "1", FORCE_COLOR: "1" }, false)).toBe(false);
  });
  it("FORCE_COLOR turns it on without a terminal; 0 or false turn it off even at one", () => {
    expect(colorWanted({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(colorWanted({ FORCE_COLOR: "0" }, true)).toBe(false);
    expect(colorWanted({ FORCE_COLOR: "0" }, false)).toBe(false);
    expect(colorWanted({ FORCE_COLOR: "false" }, false)).toBe(false);
  });
});

describe("table", () => {
  it("aligns columns by visible width, ignoring colour codes", () => {
    expect(table([["\u001b[32mok\u001b[39m", "a"], ["failed", "b"]])).toBe("\u001b[32mok\u001b[39m      a\nfailed  b");
  });
});

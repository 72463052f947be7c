import { describe, expect, test } from "vitest";
import { booleanFlag, checkCommandLine } from "../../src/cli/command-line.js";

describe("boolean flags before parsing", () => {
  test.each([
    [["plan"], false],
    [["plan", "-q"], true],
    [["plan", "--quiet"], true],
    [["plan", "--quiet=true"], true],
    [["plan", "--quiet=false"], false],
    [["plan", "-q", "--no-quiet"], false],
    [["plan", "--", "-q"], false],
  ])("quiet of %j", (words, quiet) => {
    expect(booleanFlag(words, "quiet", false)).toBe(quiet);
  });

  test("color is on unless turned off", () => {
    expect(booleanFlag(["plan"], "color", true)).toBe(true);
    expect(booleanFlag(["plan", "--no-color"], "color", true)).toBe(false);
    expect(booleanFlag(["plan", "--color=false"], "color", true)).toBe(false);
  });
});

describe("command line checks", () => {
  test("repeatable options may repeat", () => {
    expect(() =>
      checkCommandLine([
        "plan",
        "--target",
        "a",
        "--target=b",
        "--exclude",
        "c",
      ]),
    ).not.toThrow();
  });

  test("words after -- are not options", () => {
    expect(() =>
      checkCommandLine(["plan", "--", "--out", "--out"]),
    ).not.toThrow();
  });
});

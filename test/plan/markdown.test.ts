import { describe, expect, test } from "vitest";
import { code, tableCell } from "../../src/plan/markdown.js";

describe("Markdown table cells", () => {
  test("pipe in a code span is escaped", () => {
    expect(tableCell(code("a | b"))).toBe("`a \\| b`");
  });

  test("pipe after one backslash stays", () => {
    expect(tableCell("a\\|b")).toBe("a\\|b");
  });

  test("pipe after two backslashes is escaped", () => {
    expect(tableCell("a\\\\|b")).toBe("a\\\\\\|b");
  });

  test("text without pipes is unchanged", () => {
    expect(tableCell("`backend-strict`, `baseline`")).toBe(
      "`backend-strict`, `baseline`",
    );
  });
});

describe("Markdown code spans", () => {
  test("HTML characters stay as written", () => {
    expect(code("R&D <team>")).toBe("`R&D <team>`");
  });

  test("backticks get a longer fence", () => {
    expect(code("a`b")).toBe("``a`b``");
  });

  test("line breaks are shown escaped", () => {
    expect(code("a\nb")).toBe("`a\\nb`");
  });
});

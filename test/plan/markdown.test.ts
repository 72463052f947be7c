import { describe, expect, test } from "vitest";
import { code, escapeMarkdown, tableCell } from "../../src/plan/markdown.js";

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

describe("Markdown prose", () => {
  test("link and emphasis stay text", () => {
    expect(escapeMarkdown('configuration "[x](http://e) **b**"')).toBe(
      'configuration "\\[x\\](http://e) \\*\\*b\\*\\*"',
    );
  });

  test("HTML characters become entities", () => {
    expect(escapeMarkdown("R&D <team> -> ok")).toBe(
      "R&amp;D &lt;team&gt; -&gt; ok",
    );
  });

  test("backslash, backtick, pipe and tilde are escaped", () => {
    expect(escapeMarkdown("a\\b `c` d|e ~f~")).toBe(
      "a\\\\b \\`c\\` d\\|e \\~f\\~",
    );
  });

  test("underscore inside a word stays", () => {
    expect(escapeMarkdown("risk_threshold _x_")).toBe("risk_threshold \\_x\\_");
  });
});

import { describe, expect, test } from "vitest";
import {
  bracketProblem,
  compileGlob,
  rewriteForPosixClasses,
} from "../../src/util/glob.js";

describe("POSIX classes in globs", () => {
  test.each([
    ["api-[[:digit:]]", ["api-1", "API-2"], ["api-x", "api-12"]],
    ["[[:lower:]]*-api", ["pay-api", "billing-api"], ["9-api", "pay_api"]],
    ["{a,b}-[[:digit:]]", ["a-1", "b-2"], ["c-3", "a,b-1"]],
    ["x\\-[[:alpha:]]", ["x-a"], ["x-1"]],
    ["a,b[[:digit:]]", ["a,b1"], ["a1", "b1"]],
    ["my file#[[:digit:]]", ["my file#1"], ["my-file#1"]],
    ["[-x][[:digit:]]", ["-1", "x1"], ["y1"]],
    ["team-[[:alpha:]]*/*-svc", ["team-a/x-svc"], ["team-1/x-svc"]],
  ])("%s matches as written", (pattern, matching, other) => {
    const matcher = compileGlob(pattern, false);
    for (const name of matching) expect(matcher.match(name)).toBe(true);
    for (const name of other) expect(matcher.match(name)).toBe(false);
  });

  test("rewrite lists unsafe literals twice", () => {
    expect(rewriteForPosixClasses("api-[[:digit:]]")).toBe(
      "api[--][[:digit:]]",
    );
    expect(rewriteForPosixClasses("{a,b}-[[:digit:]]")).toBe(
      "{a,b}[--][[:digit:]]",
    );
    expect(rewriteForPosixClasses("a\\,b[[:digit:]]")).toBe(
      "a[,,]b[[:digit:]]",
    );
  });

  test("rewrite leaves other globs alone", () => {
    expect(rewriteForPosixClasses("api-*")).toBe("api-*");
    expect(rewriteForPosixClasses("api-[0-9]")).toBe("api-[0-9]");
  });
});

describe("bracket expression mistakes", () => {
  test.each([
    ["[[:foo:]]x", "has the unknown character class [:foo:]"],
    ["[[:DIGIT:]]*", "has the unknown character class [:DIGIT:]"],
    ["svc-[z-a]*", "has the range z-a, whose ends are in reverse order"],
    ["[!9-0]", "has the range 9-0, whose ends are in reverse order"],
  ])("%s", (pattern, message) => {
    expect(bracketProblem(pattern)?.message).toBe(message);
  });

  test.each(["api-[0-9]*", "[a-]x", "[!a-z]*", "[[:digit:]-z]", "a\\[z-a]"])(
    "%s is fine",
    (pattern) => {
      expect(bracketProblem(pattern)).toBeUndefined();
    },
  );
});

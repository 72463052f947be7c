import { describe, expect, test } from "vitest";
import type { Repository } from "../../src/api/index.js";
import { RepositoryIndex } from "../../src/plan/repository-index.js";

const NAMES = [
  ".github",
  "api-orders",
  "API-Users",
  "old-api-orders",
  "group/api-nested",
  "group/sub/deep",
  "caf\u00e9-svc",
  "acme.github.io",
];

const repositories: Repository[] = NAMES.map((name, index) => ({
  id: `00000000-0000-4000-8000-00000000000${index}`,
  name,
  configuration_id: null,
}));

function matches(pattern: string, caseSensitive = false): string[] {
  return new RepositoryIndex(repositories, caseSensitive)
    .byPattern(pattern)
    .map((repository) => repository.name);
}

describe("RepositoryIndex", () => {
  test("pattern matches the whole name", () => {
    expect(matches("api-*")).toEqual(["api-orders", "API-Users"]);
  });

  test("leading dot is ordinary", () => {
    expect(matches("*github*")).toEqual([".github", "acme.github.io"]);
  });

  test("star stops at a slash", () => {
    expect(matches("group/*")).toEqual(["group/api-nested"]);
  });

  test("double star crosses slashes", () => {
    expect(matches("group/**")).toEqual(["group/api-nested", "group/sub/deep"]);
  });

  test("case-sensitive setting", () => {
    expect(matches("api-*", true)).toEqual(["api-orders"]);
    expect(matches("API-*", true)).toEqual(["API-Users"]);
  });

  test("POSIX class beside a hyphen", () => {
    expect(matches("api-[[:alpha:]]*")).toEqual(["api-orders", "API-Users"]);
    expect(matches("[[:lower:]]*-orders", true)).toEqual([
      "api-orders",
      "old-api-orders",
    ]);
  });

  test("names compare after NFC", () => {
    const index = new RepositoryIndex(repositories, false);
    const decomposed = "cafe\u0301-svc";
    expect(index.byName(decomposed).map((r) => r.name)).toEqual([
      "caf\u00e9-svc",
    ]);
    expect(matches("cafe\u0301-*")).toEqual(["caf\u00e9-svc"]);
  });

  test("exact names ignore case by default", () => {
    const index = new RepositoryIndex(repositories, false);
    expect(index.byName("api-users").map((r) => r.name)).toEqual(["API-Users"]);
    expect(new RepositoryIndex(repositories, true).byName("api-users")).toEqual(
      [],
    );
  });

  test("ids ignore case", () => {
    const index = new RepositoryIndex(repositories, false);
    expect(
      index.byId("00000000-0000-4000-8000-00000000000A".toLowerCase()),
    ).toBeUndefined();
    expect(
      index.byId("00000000-0000-4000-8000-000000000001".toUpperCase())?.name,
    ).toBe("api-orders");
  });
});

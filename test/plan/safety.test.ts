import { describe, expect, test } from "vitest";
import { describeSafety } from "../../src/plan/safety.js";

const check = (count: number, total: number) => ({
  kind: "delete" as const,
  count,
  total,
  limit: 30,
  applies: true,
  exceeded: true,
});

describe("threshold message", () => {
  test.each([
    [7, 20, "7 deletes is 35% of 20 managed configurations"],
    [10, 33, "10 deletes is 30.3% of 33 managed configurations"],
    [751, 2500, "751 deletes is 30.04% of 2500 managed configurations"],
  ])("%i of %i", (count, total, text) => {
    expect(describeSafety(check(count, total))).toBe(
      `${text}, over the limit of 30%`,
    );
  });
});

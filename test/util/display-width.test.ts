import { describe, expect, test } from "vitest";
import { displayWidth, padDisplay } from "../../src/util/display-width.js";
import { formatTable } from "../../src/cli/table.js";

describe("display width", () => {
  test("combining mark takes no column", () => {
    expect(displayWidth("cafe\u0301")).toBe(4);
    expect(displayWidth("caf\u00e9")).toBe(4);
  });

  test("astral character takes one column", () => {
    expect(displayWidth("a\u{1d400}b")).toBe(3);
  });

  test("padding counts columns", () => {
    expect(padDisplay("cafe\u0301", 6)).toBe("cafe\u0301  ");
  });

  test("table columns line up", () => {
    const rows = [{ name: "cafe\u0301-svc" }, { name: "api-orders" }];
    const table = formatTable(rows, [
      { heading: "NAME", cell: (row) => row.name },
      { heading: "X", cell: () => "x" },
    ]);
    expect(table).toBe(
      ["NAME        X", "cafe\u0301-svc    x", "api-orders  x", ""].join("\n"),
    );
  });
});

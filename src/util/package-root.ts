import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Finds the folder of the installed package, which contains `schemas/` and
 * `examples/`: the nearest folder above this module whose package.json
 * names dryrun-config. This module runs from `src/util/` in the source tree,
 * `dist/util/` once built, and `dist-bench/src/util/` in the benchmarks.
 */
function findPackageRoot(): string {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(folder, "package.json");
    if (existsSync(manifest)) {
      const { name } = JSON.parse(readFileSync(manifest, "utf8")) as {
        name?: string;
      };
      if (name === "dryrun-config") return folder;
    }
    const parent = path.dirname(folder);
    if (parent === folder) {
      throw new Error(
        `no dryrun-config package.json above ${fileURLToPath(import.meta.url)}`,
      );
    }
    folder = parent;
  }
}

/** The folder of the installed package. */
export const PACKAGE_ROOT = findPackageRoot();

/** The example config repository that the demo and the emulator use. */
export const EXAMPLE_DIR = path.join(PACKAGE_ROOT, "examples", "dryrun-config");

/** The seed of the example account, the emulator's default. */
export const EXAMPLE_SEED = path.join(EXAMPLE_DIR, "emulator-seed.json");

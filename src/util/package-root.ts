import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of the installed package, which contains `schemas/` and
 * `examples/`. This file sits two levels below it, as `src/util/` in the
 * source tree and `dist/util/` once built.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The example config repository that the demo and the emulator use. */
export const EXAMPLE_DIR = path.join(PACKAGE_ROOT, "examples", "dryrun-config");

/** The seed of the example account, the emulator's default. */
export const EXAMPLE_SEED = path.join(EXAMPLE_DIR, "emulator-seed.json");

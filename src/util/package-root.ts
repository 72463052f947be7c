import { fileURLToPath } from "node:url";

/**
 * The folder of the installed package, which contains `schemas/` and
 * `examples/`. This file sits two levels below it, as `src/util/` in the
 * source tree and `dist/util/` once built.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Compiles the validators of the package's JSON schemas ahead of time as
 * ajv's standalone code, so that a run neither loads ajv nor compiles a
 * schema. src/util/schemas.ts loads them.
 *
 * Usage, after tsc: node scripts/compile-schemas.mjs BUILD_FOLDER
 * BUILD_FOLDER contains the compiled util/schemas.js: dist, or dist-bench/src
 * for the benchmarks.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import standaloneCode from "ajv/dist/standalone/index.js";

const build = process.argv[2];
if (build === undefined) {
  console.error("usage: node scripts/compile-schemas.mjs BUILD_FOLDER");
  process.exit(1);
}
const schemas = await import(
  pathToFileURL(path.resolve(build, "util", "schemas.js")).href
);
const out = path.resolve(build, "schemas");
mkdirSync(out, { recursive: true });
for (const file of schemas.PRECOMPILED_SCHEMAS) {
  const ajv = schemas.createAjv({ code: { source: true } });
  const validate = ajv.compile(schemas.readSchema(file));
  const code = standaloneCode(ajv, validate);
  writeFileSync(path.join(out, schemas.precompiledName(file)), code);
}

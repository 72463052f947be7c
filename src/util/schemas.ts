import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Ajv, Options, ValidateFunction } from "ajv";
import { PACKAGE_ROOT } from "./package-root.js";

// ajv and ajv-formats are CommonJS; requiring them keeps schemaValidator
// synchronous and loads them only when a schema has no compiled validator.
const require = createRequire(import.meta.url);

/**
 * The schemas whose validators the build compiles ahead of time, into
 * `dist/schemas/NAME.validate.cjs`, so that a run neither loads ajv nor
 * spends tens of milliseconds compiling them.
 */
export const PRECOMPILED_SCHEMAS = [
  "config.schema.json",
  "plan.schema.json",
  "emulator-seed.schema.json",
] as const;

const OPTIONS: Options = {
  allErrors: true,
  verbose: true,
  strict: true,
  allowUnionTypes: true,
};

const compiled = new Map<string, ValidateFunction>();

/**
 * Returns the validator of a JSON schema of the package's `schemas/` folder,
 * which collects every error rather than the first: the one the build
 * compiled, or else (running from the sources) one compiled now.
 */
export function schemaValidator<T = unknown>(
  file: string,
): ValidateFunction<T> {
  let validate = compiled.get(file);
  if (validate === undefined) {
    validate =
      precompiledValidator(file) ?? createAjv().compile(readSchema(file));
    compiled.set(file, validate);
  }
  return validate as ValidateFunction<T>;
}

/** Creates an ajv instance with the options every schema of the package uses. */
export function createAjv(options: Options = {}): Ajv {
  const { Ajv } = require("ajv") as typeof import("ajv");
  const formats = require("ajv-formats") as typeof import("ajv-formats");
  const ajv = new Ajv({ ...OPTIONS, ...options });
  formats.default(ajv);
  return ajv;
}

/** Parses a schema of the package's `schemas/` folder. */
export function readSchema(file: string): object {
  const text = readFileSync(path.join(PACKAGE_ROOT, "schemas", file), "utf8");
  return JSON.parse(text) as object;
}

/** Returns the file name of a schema's compiled validator. */
export function precompiledName(file: string): string {
  return file.replace(/\.schema\.json$/, ".validate.cjs");
}

function precompiledValidator(file: string): ValidateFunction | undefined {
  const compiledFile = fileURLToPath(
    new URL(`../schemas/${precompiledName(file)}`, import.meta.url),
  );
  if (!existsSync(compiledFile)) return undefined;
  return require(compiledFile) as ValidateFunction;
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import formats from "ajv-formats";
import { PACKAGE_ROOT } from "./package-root.js";

const compiled = new Map<string, ValidateFunction>();

/**
 * Compiles a JSON schema of the package's `schemas/` folder once and returns
 * its validator, which collects every error rather than the first.
 */
export function schemaValidator(file: string): ValidateFunction {
  let validate = compiled.get(file);
  if (validate === undefined) {
    const text = readFileSync(path.join(PACKAGE_ROOT, "schemas", file), "utf8");
    const ajv = new Ajv({
      allErrors: true,
      verbose: true,
      strict: true,
      allowUnionTypes: true,
    });
    formats.default(ajv);
    validate = ajv.compile(JSON.parse(text) as object);
    compiled.set(file, validate);
  }
  return validate;
}

import { existsSync } from "node:fs";
import { CLI } from "./support/cli.js";

/** The integration tests run the built CLI, so a build must exist. */
export default function checkBuild(): void {
  if (!existsSync(CLI)) {
    throw new Error(
      `${CLI} does not exist; run \`npm run build\` first (npm test does)`,
    );
  }
}

import { appendFile } from "node:fs/promises";
import type { CliContext } from "./context.js";

/**
 * Appends the Markdown that `render` returns to the GitHub Actions job
 * summary when the job sets `GITHUB_STEP_SUMMARY`; elsewhere it does
 * nothing, and `render` is not called. A failed write is a
 * warning, because the result itself was already printed.
 */
export async function appendStepSummary(
  context: CliContext,
  render: () => string,
): Promise<void> {
  const file = context.env.GITHUB_STEP_SUMMARY;
  if (!file) return;
  try {
    await appendFile(file, `${render()}\n`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    context.output.warning(
      `cannot append to the job summary ${file} (${code}); the report above is complete`,
    );
  }
}

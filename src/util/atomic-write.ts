import { randomBytes } from "node:crypto";
import { access, open, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { UserError } from "../errors.js";

/**
 * Writes a file atomically: a temporary file in the same folder, synced to
 * disk, then renamed over the target, so a reader never sees half a file.
 * The file gets mode 0600 unless `mode` says otherwise. An existing file is replaced only with
 * `overwrite`; the check and the rename are two steps, so a file created in
 * between by another process is replaced.
 */
export async function writeFileAtomic(
  file: string,
  content: string,
  options: { overwrite: boolean; flag: string; mode?: number },
): Promise<void> {
  if (!options.overwrite && (await exists(file))) {
    throw new UserError(`${file} already exists`, {
      hint: `pass ${options.flag} to replace it, or choose another file name`,
    });
  }
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    const handle = await open(temporary, "wx", options.mode ?? 0o600);
    try {
      await handle.writeFile(content, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? "unknown error";
    throw new UserError(`cannot write ${file} (${code})`, {
      hint: "check that the folder exists and is writable",
      cause: error,
    });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

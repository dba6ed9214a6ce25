import { lstat, readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";

/**
 * An upload's temp file not written to for this long is abandoned (its server was killed
 * mid-upload). Far longer than an upload can take: Node ends a request after 5 minutes
 * (`requestTimeout`), and inspecting the file afterwards is time-limited too.
 */
export const UPLOAD_ABANDONED_AFTER_MS = 30 * 60_000;
/** How often a running server sweeps again (another node sharing DATA_DIR may have died meanwhile). */
export const UPLOAD_SWEEP_INTERVAL_MS = 10 * 60_000;

/** Where uploads are received before they are inspected and stored. */
export const uploadTempDir = (dataDir: string): string => path.join(dataDir, "tmp", "uploads");

/**
 * Removes abandoned upload temp files from `dir` (`DATA_DIR/tmp/uploads`): plain files whose last
 * change is older than `olderThanMs`. Newer files are left alone, since another API node sharing
 * DATA_DIR may still be writing them. A missing folder is fine; a file that cannot be removed is
 * logged and skipped.
 *
 * @returns how many files were removed.
 */
export const sweepUploads = async (options: { dir: string; olderThanMs?: number; logger: Logger }): Promise<number> => {
  const cutoff = Date.now() - (options.olderThanMs ?? UPLOAD_ABANDONED_AFTER_MS);
  let names: string[];
  try {
    names = await readdir(options.dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    const file = path.join(options.dir, name);
    try {
      const stats = await lstat(file);
      if (!stats.isFile() || stats.mtimeMs >= cutoff) continue;
      await rm(file, { force: true });
      removed++;
    } catch (error) {
      // Gone meanwhile (its upload finished or another node swept it), or not ours to remove.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") options.logger.warn({ err: error, file }, "could not remove an abandoned upload");
    }
  }
  if (removed > 0) options.logger.info({ removed, dir: options.dir }, "removed abandoned upload temp files");
  return removed;
};

import { lstat, readdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Logger } from "pino";

/**
 * Removes what processes killed mid-job left in a scratch folder (`DATA_DIR/tmp/renders`,
 * `tmp/chunks`, `tmp/shares`, `tmp/uploads`): each entry (a job's folder, an upload's file) is removed when its mtime is older than
 * `olderThanMs`. With shared storage a killed render is retried on whichever machine takes it, so
 * no later attempt may ever come back here to clean up. Pass more than the longest a job may run:
 * another worker on this machine may still be using a younger folder.
 *
 * @returns how many folders were removed.
 */
export const sweepScratch = async (options: { dir: string; olderThanMs: number; logger: Logger }): Promise<number> => {
  // Gone meanwhile (finished, or another process swept it) is fine; anything else is logged and skipped.
  const cutoff = Date.now() - options.olderThanMs;
  let names: string[];
  try {
    names = await readdir(options.dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  let removed = 0;
  for (const name of names) {
    const entry = path.join(options.dir, name);
    try {
      if ((await lstat(entry)).mtimeMs >= cutoff) continue;
      await rm(entry, { recursive: true, force: true });
      removed++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") options.logger.warn({ err: error, dir: entry }, "could not remove abandoned scratch space");
    }
  }
  if (removed > 0) options.logger.info({ removed, dir: options.dir }, "removed scratch space of killed jobs or uploads");
  return removed;
};

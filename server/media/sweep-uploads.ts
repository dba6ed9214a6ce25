import path from "node:path";
import type { Logger } from "pino";
import { sweepScratch } from "../renders/sweep-scratch";

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
 * Removes abandoned upload temp files from `dir` (`DATA_DIR/tmp/uploads`) whose last change is
 * older than `olderThanMs`. Newer files are left alone, since another API node sharing DATA_DIR
 * may still be writing them. A missing folder is fine; a file that cannot be removed is logged
 * and skipped.
 *
 * @returns how many files were removed.
 */
export const sweepUploads = (options: { dir: string; olderThanMs?: number; logger: Logger }): Promise<number> =>
  sweepScratch({ dir: options.dir, olderThanMs: options.olderThanMs ?? UPLOAD_ABANDONED_AFTER_MS, logger: options.logger });

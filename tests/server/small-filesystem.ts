import { execFile } from "node:child_process";
import { chmodSync, closeSync, mkdtempSync, openSync, rmSync, rmdirSync, writeSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export type SmallFilesystem = {
  /** Where it is mounted (mode 0755, so the PostgreSQL server's user can reach folders inside). */
  dir: string;
  /** Writes a filler file until the disk answers ENOSPC; returns the bytes it took. */
  fill(): number;
  /** Removes the filler. */
  free(): void;
  unmount(): Promise<void>;
};

/**
 * A real, small filesystem (tmpfs) to run out of space on: writes past its size fail with
 * ENOSPC, as on a full disk. Needs root (CAP_SYS_ADMIN) to mount; fails with a message saying so
 * rather than skipping.
 */
export const mountSmallFilesystem = async (options: { megabytes: number }): Promise<SmallFilesystem> => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "reelgen-small-fs-"));
  chmodSync(dir, 0o755);
  try {
    await run("mount", ["-t", "tmpfs", "-o", `size=${options.megabytes}m,mode=0755`, "tmpfs", dir]);
  } catch (error) {
    rmdirSync(dir);
    throw new Error(`cannot mount a ${options.megabytes} MB tmpfs to fill (this test needs root): ${(error as Error).message}`, { cause: error });
  }
  const filler = path.join(dir, "filler");
  return {
    dir,
    fill() {
      const fd = openSync(filler, "w");
      const chunk = Buffer.alloc(1024 * 1024, 7);
      let written = 0;
      try {
        // Smaller and smaller writes, so the last free pages go too.
        for (let size = chunk.length; size >= 512; ) {
          try {
            written += writeSync(fd, chunk, 0, size);
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
            size /= 2;
          }
        }
      } finally {
        closeSync(fd);
      }
      return written;
    },
    free: () => rmSync(filler, { force: true }),
    async unmount() {
      await run("umount", [dir]);
      rmdirSync(dir);
    },
  };
};

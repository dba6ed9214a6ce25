import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { ReelgenError } from "./reelgen-error";

export type OutputFile = {
  /** Where the renderer writes; a hidden file beside the final path. */
  tempPath: string;
  /** Moves the finished file into place (one rename: readers never see half a file). */
  commit: () => Promise<void>;
  /** Removes whatever was written. */
  discard: () => Promise<void>;
};

/**
 * Claims an output path before any work starts, so an unwritable destination fails in
 * milliseconds rather than after a render, and a failed or cancelled render leaves nothing.
 */
export const reserveOutput = async (outputPath: string): Promise<OutputFile> => {
  const finalPath = path.resolve(outputPath);
  const dir = path.dirname(finalPath);
  const ext = path.extname(finalPath);
  const tempPath = path.join(dir, `.${path.basename(finalPath, ext)}.${randomBytes(4).toString("hex")}.partial${ext}`);
  try {
    await mkdir(dir, { recursive: true });
    await (await open(tempPath, "wx")).close();
  } catch (err) {
    throw new ReelgenError({
      code: "OUTPUT_NOT_WRITABLE",
      message: `Cannot write ${outputPath}: ${(err as Error).message}`,
      cause: err,
    });
  }
  return {
    tempPath,
    commit: () => rename(tempPath, finalPath),
    discard: () => rm(tempPath, { force: true }),
  };
};

import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdir, open, readdir, rename, rm, rmdir } from "node:fs/promises";
import path from "node:path";
import { ReelgenError } from "../script/reelgen-error";

export type OutputFile = {
  /** Where the renderer writes; a hidden file beside the final path. */
  tempPath: string;
  /** Moves the finished file into place (one rename: readers never see half a file). */
  commit: () => Promise<void>;
  /** Removes whatever was written. */
  discard: () => Promise<void>;
};

// Temp files not yet committed or discarded. Remotion's own SIGINT handler ends the process
// with process.exit(130) before any `finally` can run, so an exit hook removes what is left.
const pendingTempFiles = new Set<string>();
let exitHookInstalled = false;
const removePendingTempFiles = () => {
  for (const file of pendingTempFiles) rmSync(file, { force: true });
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
  let createdDir: string | undefined;
  try {
    createdDir = await mkdir(dir, { recursive: true });
    await (await open(tempPath, "wx")).close();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === "EEXIST" || code === "ENOTDIR" ? "a part of its folder path is a file" : (err as Error).message;
    throw new ReelgenError({ code: "OUTPUT_NOT_WRITABLE", message: `Cannot write ${outputPath}: ${reason}`, cause: err });
  }
  if (!exitHookInstalled) {
    process.on("exit", removePendingTempFiles);
    exitHookInstalled = true;
  }
  pendingTempFiles.add(tempPath);
  return {
    tempPath,
    commit: async () => {
      await rename(tempPath, finalPath);
      pendingTempFiles.delete(tempPath);
    },
    discard: async () => {
      await rm(tempPath, { force: true });
      pendingTempFiles.delete(tempPath);
      // Folders this call created go too, when nothing else was put in them meanwhile.
      for (let d = dir; createdDir && d.startsWith(createdDir); d = path.dirname(d)) {
        if ((await readdir(d)).length > 0) break;
        await rmdir(d);
      }
    },
  };
};

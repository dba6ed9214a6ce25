import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";

const require = createRequire(import.meta.url);
const exec = promisify(execFile);

/** The folder of the FFmpeg build shipped with Remotion's compositor (binaries and their libraries). */
const compositorDir = () => {
  const pkg = `@remotion/compositor-${process.platform}-${process.arch}${process.platform === "linux" ? "-gnu" : ""}`;
  return path.dirname(require.resolve(`${pkg}/package.json`));
};

/**
 * Runs Remotion's own `ffmpeg` or `ffprobe`, so the renderer needs no system FFmpeg.
 * Resolves with stdout and stderr; rejects when the tool exits non-zero.
 */
export const runFf = async (tool: "ffmpeg" | "ffprobe", args: string[], signal?: AbortSignal | null) => {
  const dir = compositorDir();
  return exec(path.join(dir, tool), args, {
    env: { ...process.env, LD_LIBRARY_PATH: dir },
    maxBuffer: 64 * 1024 * 1024,
    signal: signal ?? undefined,
  });
};

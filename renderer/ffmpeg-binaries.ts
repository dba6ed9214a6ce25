import { createRequire } from "node:module";
import path from "node:path";
import type { ErrorCode } from "../script/reelgen-error";
import { DEFAULT_RENDER_TIMEOUTS } from "./render-timeouts";
import { runTool } from "./run-tool";

const require = createRequire(import.meta.url);

/** The folder of the FFmpeg build shipped with Remotion's compositor (binaries and their libraries). */
const compositorDir = () => {
  const pkg = `@remotion/compositor-${process.platform}-${process.arch}${process.platform === "linux" ? "-gnu" : ""}`;
  return path.dirname(require.resolve(`${pkg}/package.json`));
};

export type RunFfOptions = {
  /** Killed after this long (`TIMED_OUT`); default the short-run limit (`DEFAULT_RENDER_TIMEOUTS.toolMs`). */
  timeoutMs?: number;
  signal?: AbortSignal | null;
  /** The error code of a failure (default `RENDER_FAILED`). */
  code?: ErrorCode;
  /** What the run is, for messages (default the tool's name). */
  what?: string;
};

/**
 * Runs Remotion's own `ffmpeg` or `ffprobe`, so the renderer needs no system FFmpeg, through
 * `runTool`: a time limit, no shell, and messages that never hold the tool's output.
 * Resolves with stdout and stderr as text; rejects when the tool exits non-zero.
 */
export const runFf = async (tool: "ffmpeg" | "ffprobe", args: string[], options: RunFfOptions = {}) => {
  const dir = compositorDir();
  const { stdout, stderr } = await runTool({
    command: path.join(dir, tool),
    args,
    env: { LD_LIBRARY_PATH: dir },
    timeoutMs: options.timeoutMs ?? DEFAULT_RENDER_TIMEOUTS.toolMs,
    signal: options.signal ?? null,
    code: options.code ?? "RENDER_FAILED",
    what: options.what ?? tool,
  });
  return { stdout: stdout.toString("utf8"), stderr: stderr.toString("utf8") };
};

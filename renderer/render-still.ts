import { makeCancelSignal, renderStill as remotionRenderStill, type LogLevel } from "@remotion/renderer";
import path from "node:path";
import { buildTimeline, frameSize, RESOLUTIONS, type Resolution, type Timeline } from "../script";
import { reserveOutput } from "./output-file";
import { espeakSpeechProvider, type SpeechProvider } from "./prepare";
import { DEFAULT_CACHE_DIR } from "./project-paths";
import { resolveRenderTimeouts, type RenderTimeouts } from "./render-timeouts";
import { checkRenderInput, withOverrides, withPreparedRender, type ScriptOverrides } from "./prepare-render";
import { ReelgenError } from "../script/reelgen-error";

const STILL_FORMATS = { png: "png", jpg: "jpeg", jpeg: "jpeg" } as const;

export type RenderStillOptions = ScriptOverrides & {
  script: unknown;
  template: string;
  outputPath: string;
  /** Frame number to capture, or `"auto"` (default) for a cover frame picked from the script. */
  frame?: number | "auto";
  resolution?: Resolution;
  assetBaseDir?: string;
  /** Voice the lines first (default true), so frame numbers match the voiced video. */
  voice?: boolean;
  /** Default espeak-ng; the CLI passes `speechProviderFromEnv(process.env)`, the server its configured one. */
  speechProvider?: SpeechProvider;
  browserExecutable?: string;
  /** Where bundles, voices and the unpacked browser are cached; default `.cache/` in the checkout. */
  cacheDir?: string;
  /** Time limits of the programs the render runs; see `DEFAULT_RENDER_TIMEOUTS`. */
  timeouts?: Partial<RenderTimeouts>;
  logLevel?: LogLevel;
  onProgress?: (progress: { stage: "bundling" | "rendering" | "done"; progress: number }) => void;
  signal?: AbortSignal;
};

export type RenderStillResult = {
  outputPath: string;
  frame: number;
  width: number;
  height: number;
  durationInFrames: number;
  wallSeconds: number;
  bundle: { cached: boolean; seconds: number; hash: string };
};

/**
 * A frame that shows what the video is: the first character line with its caption fully on
 * screen (a narrator line if there is none), else the middle of the video.
 */
export const pickCoverFrame = (timeline: Timeline): number => {
  const lines = timeline.scenes.flatMap((s) => s.lines.map((l) => ({ l, from: s.from + l.from })));
  const pick = lines.find(({ l }) => !l.isNarrator) ?? lines[0];
  if (!pick) return Math.floor(timeline.durationInFrames / 2);
  return pick.from + Math.max(0, Math.min(pick.l.durationInFrames - 8, Math.round(pick.l.durationInFrames * 0.8)));
};

/** The image format a still's file name asks for; anything but .png, .jpg or .jpeg is INVALID_ARGUMENT. */
export const checkStillPath = (outputPath: string): "png" | "jpeg" => {
  const imageFormat = STILL_FORMATS[path.extname(outputPath).slice(1).toLowerCase() as keyof typeof STILL_FORMATS];
  if (!imageFormat) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `Output ${outputPath} should end in .png, .jpg or .jpeg` });
  return imageFormat;
};

/** Renders one frame of a script as a PNG or JPEG (a thumbnail or cover). */
export const renderStill = async (options: RenderStillOptions): Promise<RenderStillResult> => {
  const started = performance.now();
  const imageFormat = checkStillPath(options.outputPath);
  const resolution = options.resolution ?? "1080p";
  if (!(resolution in RESOLUTIONS)) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `resolution: expected one of ${Object.keys(RESOLUTIONS).join(", ")}, got "${resolution}"` });
  }
  const requested = options.frame ?? "auto";
  if (requested !== "auto" && (!Number.isInteger(requested) || requested < 0)) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `frame: expected "auto" or a whole number from 0, got ${requested}` });
  }
  const timeouts = resolveRenderTimeouts(options.timeouts);
  const input = checkRenderInput(withOverrides(options.script, options), options.template);
  const outputPath = path.resolve(options.outputPath);
  const out = await reserveOutput(outputPath);
  const onProgress = options.onProgress ?? (() => {});
  const { cancelSignal, cancel } = makeCancelSignal();
  const onAbort = () => cancel();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const result = await withPreparedRender(
      {
        input,
        speechProvider: options.voice === false ? null : (options.speechProvider ?? espeakSpeechProvider()),
        onSpeechProgress: () => {},
        assetBaseDir: options.assetBaseDir ?? process.cwd(),
        browserExecutable: options.browserExecutable ?? null,
        cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR,
        timeouts,
        logLevel: options.logLevel ?? "error",
        signal: options.signal ?? null,
        onBundleProgress: (fraction) => onProgress({ stage: "bundling", progress: fraction }),
      },
      async ({ composition, inputProps, serveUrl, bundle, browser, browserExecutable, script }) => {
        const frame = requested === "auto" ? pickCoverFrame(buildTimeline(script, composition.fps)) : requested;
        if (frame >= composition.durationInFrames) {
          throw new ReelgenError({
            code: "INVALID_ARGUMENT",
            message: `frame: this script has frames 0 to ${composition.durationInFrames - 1}, got ${frame}`,
          });
        }
        onProgress({ stage: "rendering", progress: 0 });
        const size = frameSize(script.format, resolution);
        await remotionRenderStill({
          composition: { ...composition, ...size },
          serveUrl,
          inputProps,
          frame,
          output: out.tempPath,
          overwrite: true,
          imageFormat,
          puppeteerInstance: browser,
          browserExecutable,
          cancelSignal,
          // How long the frame may wait on its delayRender() calls.
          timeoutInMilliseconds: timeouts.frameMs,
          logLevel: options.logLevel ?? "error",
        });
        return { size, bundle, frame, durationInFrames: composition.durationInFrames };
      },
    );
    await out.commit();
    onProgress({ stage: "done", progress: 1 });
    return {
      outputPath,
      frame: result.frame,
      ...result.size,
      durationInFrames: result.durationInFrames,
      wallSeconds: (performance.now() - started) / 1000,
      bundle: { cached: result.bundle.cached, seconds: result.bundle.seconds, hash: result.bundle.hash },
    };
  } catch (err) {
    await out.discard();
    if (options.signal?.aborted) throw new ReelgenError({ code: "ABORTED", message: "Render cancelled", cause: err });
    if (err instanceof ReelgenError) throw err;
    // Remotion's and the browser's words (URLs, paths, stack traces) stay in the cause, for logs.
    throw new ReelgenError({ code: "RENDER_FAILED", message: "Still failed in the browser", cause: err });
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
};

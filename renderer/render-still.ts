import { makeCancelSignal, renderStill as remotionRenderStill, type LogLevel } from "@remotion/renderer";
import path from "node:path";
import { frameSize, RESOLUTIONS, type Resolution } from "../script";
import { reserveOutput } from "./output-file";
import { speechProviderFromEnv, type SpeechProvider } from "./prepare";
import { checkRenderInput, withPreparedRender } from "./prepare-render";
import { ReelgenError } from "./reelgen-error";

const STILL_FORMATS = { png: "png", jpg: "jpeg", jpeg: "jpeg" } as const;

export type RenderStillOptions = {
  script: unknown;
  template: string;
  outputPath: string;
  /** Frame number to capture; default 0. */
  frame?: number;
  resolution?: Resolution;
  assetBaseDir?: string;
  /** Voice the lines first (default true), so frame numbers match the voiced video. */
  voice?: boolean;
  speechProvider?: SpeechProvider;
  browserExecutable?: string;
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

/** Renders one frame of a script as a PNG or JPEG (a thumbnail or cover). */
export const renderStill = async (options: RenderStillOptions): Promise<RenderStillResult> => {
  const started = performance.now();
  const ext = path.extname(options.outputPath).slice(1).toLowerCase();
  const imageFormat = STILL_FORMATS[ext as keyof typeof STILL_FORMATS];
  if (!imageFormat) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `Output ${options.outputPath} should end in .png, .jpg or .jpeg` });
  }
  const resolution = options.resolution ?? "1080p";
  if (!(resolution in RESOLUTIONS)) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `resolution: expected one of ${Object.keys(RESOLUTIONS).join(", ")}, got "${resolution}"` });
  }
  const frame = options.frame ?? 0;
  if (!Number.isInteger(frame) || frame < 0) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `frame: expected a whole number from 0, got ${frame}` });
  }
  const input = checkRenderInput(options.script, options.template);
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
        speechProvider: options.voice === false ? null : (options.speechProvider ?? speechProviderFromEnv()),
        onSpeechProgress: () => {},
        assetBaseDir: options.assetBaseDir ?? process.cwd(),
        browserExecutable: options.browserExecutable ?? null,
        logLevel: options.logLevel ?? "error",
        signal: options.signal ?? null,
        onBundleProgress: (fraction) => onProgress({ stage: "bundling", progress: fraction }),
      },
      async ({ composition, inputProps, serveUrl, bundle, browser, script }) => {
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
          cancelSignal,
          logLevel: options.logLevel ?? "error",
        });
        return { size, bundle, durationInFrames: composition.durationInFrames };
      },
    );
    await out.commit();
    onProgress({ stage: "done", progress: 1 });
    return {
      outputPath,
      frame,
      ...result.size,
      durationInFrames: result.durationInFrames,
      wallSeconds: (performance.now() - started) / 1000,
      bundle: { cached: result.bundle.cached, seconds: result.bundle.seconds, hash: result.bundle.hash },
    };
  } catch (err) {
    await out.discard();
    if (options.signal?.aborted) throw new ReelgenError({ code: "ABORTED", message: "Render cancelled", cause: err });
    if (err instanceof ReelgenError) throw err;
    throw new ReelgenError({ code: "RENDER_FAILED", message: `Still failed: ${(err as Error).message}`, cause: err });
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
};

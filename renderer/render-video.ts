import { makeCancelSignal, renderMedia, type LogLevel } from "@remotion/renderer";
import os from "node:os";
import path from "node:path";
import { buildTimeline, CAPTION_BOX_LOG, frameSize, RESOLUTIONS, type CaptionBox, type Resolution } from "../script";
import { normalizeLoudness, type LoudnessResult } from "./normalize-loudness";
import { checkQuality, writeQualityReport, type QualityReport } from "./quality-report";
import { espeakSpeechProvider, type SpeechProvider } from "./prepare";
import { writeCaptionFiles } from "./write-captions";
import { reserveOutput } from "./output-file";
import { checkRenderInput, withOverrides, withPreparedRender, type CheckedRenderInput, type ScriptOverrides } from "./prepare-render";
import { probeMedia } from "./probe-media";
import { DEFAULT_CACHE_DIR } from "./project-paths";
import { resolveRenderTimeouts, type RenderTimeouts } from "./render-timeouts";
import { ReelgenError } from "../script/reelgen-error";

/** Container and codec of each format; `frameStep` > 1 keeps every n-th frame (GIFs at 15 fps). */
export const VIDEO_FORMATS = {
  mp4: { codec: "h264", extension: "mp4", frameStep: 1 },
  webm: { codec: "vp9", extension: "webm", frameStep: 1 },
  gif: { codec: "gif", extension: "gif", frameStep: 2 },
  /** ProRes 422 HQ in QuickTime, for editors. */
  prores: { codec: "prores", extension: "mov", frameStep: 1 },
} as const;
export type VideoFormat = keyof typeof VIDEO_FORMATS;

export type RenderStage = "voicing" | "bundling" | "rendering" | "encoding" | "mixing" | "done";

export type RenderProgress = {
  stage: RenderStage;
  /** Progress of the current stage, 0 to 1 (rendering and encoding share one scale). */
  progress: number;
  renderedFrames: number;
  encodedFrames: number;
  totalFrames: number;
};

export type RenderVideoOptions = ScriptOverrides & {
  /** The script as parsed JSON; it is validated here. */
  script: unknown;
  template: string;
  outputPath: string;
  /** Short side of the frame; the script's format sets the aspect ratio. Default `1080p`. */
  resolution?: Resolution;
  /** Container and codec; default from the output's extension, else `mp4`. */
  format?: VideoFormat;
  /** Browser tabs rendering in parallel; at most the number of cores. */
  concurrency?: number;
  /** Folder that relative asset paths in the script are resolved against. Default: cwd. */
  assetBaseDir?: string;
  /** Quality-gate warnings become an error (`QUALITY_FAILED`); the files and report stay. */
  strict?: boolean;
  /** Speak every line (default true); false renders silent, captions-only videos. */
  voice?: boolean;
  /** Default espeak-ng; the CLI passes `speechProviderFromEnv(process.env)`, the server its configured one. */
  speechProvider?: SpeechProvider;
  /** A Chromium to render with; default the one inside `@sparticuz/chromium`, unpacked into `cacheDir`. */
  browserExecutable?: string;
  /** Where bundles, voices and the unpacked browser are cached; default `.cache/` in the checkout. */
  cacheDir?: string;
  /** Time limits of the programs the render runs; see `DEFAULT_RENDER_TIMEOUTS`. */
  timeouts?: Partial<RenderTimeouts>;
  logLevel?: LogLevel;
  onProgress?: (progress: RenderProgress) => void;
  signal?: AbortSignal;
};

export type RenderVideoResult = {
  outputPath: string;
  format: VideoFormat;
  codec: string;
  width: number;
  height: number;
  fps: number;
  durationInFrames: number;
  /** Duration of the written file, as ffprobe reads it. */
  durationSec: number;
  sizeBytes: number;
  wallSeconds: number;
  /** Frames rendered per second of wall time, bundling excluded. */
  renderFps: number;
  bundle: { cached: boolean; seconds: number; hash: string };
  /** Lines voiced, and how many of them came from the audio cache; null with `voice: false`. */
  speech: { synthesized: number; cached: number } | null;
  /** Integrated loudness before and after normalisation; null for silent outputs. */
  loudness: LoudnessResult | null;
  /** Sidecar caption files beside the video; null for GIFs. */
  captions: { srt: string; vtt: string } | null;
  /** The quality report, also written beside the video as `<name>.quality.json`. */
  quality: QualityReport & { file: string };
};

/**
 * Renders a script with a template pack to a video file. The file appears at `outputPath` only
 * when complete; on error or abort nothing is left behind and the browser and encoder are stopped.
 */
export const renderVideo = async (options: RenderVideoOptions): Promise<RenderVideoResult> => {
  const { format, resolution, concurrency } = checkVideoOptions(options);
  return internalRenderVideo({
    input: checkRenderInput(withOverrides(options.script, options), options.template),
    outputPath: path.resolve(options.outputPath),
    resolution,
    format,
    concurrency,
    assetBaseDir: options.assetBaseDir ?? process.cwd(),
    speechProvider: options.voice === false ? null : (options.speechProvider ?? espeakSpeechProvider()),
    strict: options.strict ?? false,
    browserExecutable: options.browserExecutable ?? null,
    cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR,
    timeouts: resolveRenderTimeouts(options.timeouts),
    logLevel: options.logLevel ?? "error",
    onProgress: options.onProgress ?? (() => {}),
    signal: options.signal ?? null,
  });
};

/** The output options of a video render, checked (format against the file name, resolution, concurrency) without rendering. */
export const checkVideoOptions = (options: Pick<RenderVideoOptions, "outputPath" | "format" | "resolution" | "concurrency">): { format: VideoFormat; resolution: Resolution; concurrency: number } => {
  const format = options.format ?? formatFromExtension(options.outputPath) ?? "mp4";
  if (!(format in VIDEO_FORMATS)) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `format: expected one of ${Object.keys(VIDEO_FORMATS).join(", ")}, got "${format}"` });
  }
  const ext = path.extname(options.outputPath).slice(1).toLowerCase();
  const wanted = VIDEO_FORMATS[format].extension;
  if (ext !== wanted) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `Output ${options.outputPath} should end in .${wanted} for format ${format}` });
  }
  const resolution = options.resolution ?? "1080p";
  if (!(resolution in RESOLUTIONS)) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `resolution: expected one of ${Object.keys(RESOLUTIONS).join(", ")}, got "${resolution}"` });
  }
  const cores = os.availableParallelism();
  const concurrency = options.concurrency ?? cores;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > cores) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `concurrency: expected a whole number from 1 to ${cores} (this machine's cores), got ${concurrency}` });
  }
  return { format, resolution, concurrency };
};

type InternalRenderVideoOptions = {
  input: CheckedRenderInput;
  outputPath: string;
  resolution: Resolution;
  format: VideoFormat;
  concurrency: number;
  assetBaseDir: string;
  /** `null`: no voices. */
  speechProvider: SpeechProvider | null;
  strict: boolean;
  browserExecutable: string | null;
  cacheDir: string;
  timeouts: RenderTimeouts;
  logLevel: LogLevel;
  onProgress: (progress: RenderProgress) => void;
  signal: AbortSignal | null;
};

const internalRenderVideo = async (o: InternalRenderVideoOptions): Promise<RenderVideoResult> => {
  const started = performance.now();
  const out = await reserveOutput(o.outputPath);
  const { cancelSignal, cancel } = makeCancelSignal();
  // The one place an AbortSignal becomes Remotion's cancel signal.
  const onAbort = () => cancel();
  o.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    o.signal?.throwIfAborted();
    const result = await withPreparedRender(
      {
        input: o.input,
        speechProvider: o.speechProvider,
        onSpeechProgress: (done, total) => o.onProgress({ stage: "voicing", progress: total ? done / total : 1, renderedFrames: 0, encodedFrames: 0, totalFrames: 0 }),
        assetBaseDir: o.assetBaseDir,
        browserExecutable: o.browserExecutable,
        cacheDir: o.cacheDir,
        timeouts: o.timeouts,
        logLevel: o.logLevel,
        signal: o.signal,
        onBundleProgress: (fraction) =>
          o.onProgress({ stage: "bundling", progress: fraction, renderedFrames: 0, encodedFrames: 0, totalFrames: 0 }),
      },
      async ({ composition, inputProps, serveUrl, bundle, browser, browserExecutable, script, speech }) => {
        const size = frameSize(script.format, o.resolution);
        const totalFrames = composition.durationInFrames;
        const renderStarted = performance.now();
        const captionBoxes: CaptionBox[] = [];
        await renderMedia({
          composition: { ...composition, ...size },
          serveUrl,
          inputProps,
          codec: VIDEO_FORMATS[o.format].codec,
          proResProfile: o.format === "prores" ? "hq" : undefined,
          outputLocation: out.tempPath,
          overwrite: true,
          puppeteerInstance: browser,
          browserExecutable,
          concurrency: o.concurrency,
          cancelSignal,
          // How long one frame may wait on its delayRender() calls.
          timeoutInMilliseconds: o.timeouts.frameMs,
          logLevel: o.logLevel,
          hardwareAcceleration: "disable",
          imageFormat: "jpeg",
          // Limited-range BT.709, tagged: what players and platforms expect (the default tags
          // full-range JPEG frames as yuvj420p).
          colorSpace: o.format === "mp4" || o.format === "webm" ? "bt709" : undefined,
          jpegQuality: 90,
          // npm run bench: veryfast renders ~1.1x as fast as medium at ~0.95x its file size.
          x264Preset: o.format === "mp4" ? "veryfast" : undefined,
          everyNthFrame: VIDEO_FORMATS[o.format].frameStep,
          onBrowserLog: (log) => {
            if (log.text.startsWith(CAPTION_BOX_LOG)) captionBoxes.push(JSON.parse(log.text.slice(CAPTION_BOX_LOG.length)) as CaptionBox);
          },
          onProgress: (p) =>
            o.onProgress({
              stage: p.stitchStage === "muxing" || p.renderedFrames >= totalFrames ? "encoding" : "rendering",
              progress: p.progress,
              renderedFrames: p.renderedFrames,
              encodedFrames: p.encodedFrames,
              totalFrames,
            }),
        });
        const renderSeconds = (performance.now() - renderStarted) / 1000;
        return { composition, size, bundle, totalFrames, renderSeconds, script, speech, captionBoxes };
      },
    );
    let loudness: LoudnessResult | null = null;
    const probeOptions = { timeouts: o.timeouts, signal: o.signal };
    if (o.format !== "gif" && (await probeMedia(out.tempPath, { ...probeOptions, countFrames: false })).audio) {
      o.onProgress({ stage: "mixing", progress: 0, renderedFrames: result.totalFrames, encodedFrames: result.totalFrames, totalFrames: result.totalFrames });
      loudness = await normalizeLoudness({
        file: out.tempPath,
        container: o.format === "prores" ? "mov" : o.format,
        durationSec: result.totalFrames / result.composition.fps,
        timeouts: o.timeouts,
        signal: o.signal,
      });
    }
    await out.commit();
    const timeline = buildTimeline(result.script, result.composition.fps);
    const captions = o.format === "gif" ? null : await writeCaptionFiles(o.outputPath, timeline);
    const probe = await probeMedia(o.outputPath, probeOptions);
    const report = await checkQuality({
      file: o.outputPath,
      probe,
      timeline,
      frameStep: VIDEO_FORMATS[o.format].frameStep,
      expectAudio: o.format !== "gif" && (result.speech !== null || result.script.music !== undefined),
      hasMusic: result.script.music !== undefined,
      captionBoxes: result.captionBoxes,
      timeouts: o.timeouts,
      signal: o.signal,
    });
    const qualityFile = await writeQualityReport(o.outputPath, report);
    o.onProgress({ stage: "done", progress: 1, renderedFrames: result.totalFrames, encodedFrames: result.totalFrames, totalFrames: result.totalFrames });
    const output: RenderVideoResult = {
      outputPath: o.outputPath,
      format: o.format,
      codec: probe.video?.codec ?? VIDEO_FORMATS[o.format].codec,
      width: result.size.width,
      height: result.size.height,
      fps: result.composition.fps,
      durationInFrames: result.totalFrames,
      durationSec: probe.durationSec,
      sizeBytes: probe.sizeBytes,
      wallSeconds: (performance.now() - started) / 1000,
      renderFps: result.totalFrames / result.renderSeconds,
      bundle: { cached: result.bundle.cached, seconds: result.bundle.seconds, hash: result.bundle.hash },
      speech: result.speech,
      loudness,
      captions,
      quality: { ...report, file: qualityFile },
    };
    if (o.strict && !report.ok) {
      const warnings = report.checks.filter((c) => c.status === "warn");
      throw new ReelgenError({
        code: "QUALITY_FAILED",
        message: `Quality gate failed (--strict); the video and ${qualityFile} were kept:\n${warnings.map((w) => `  ${w.id}: ${w.message}`).join("\n")}`,
        problems: warnings.map((w) => ({ path: w.id, message: w.message })),
      });
    }
    return output;
  } catch (err) {
    if (err instanceof ReelgenError && err.code === "QUALITY_FAILED") throw err;
    await out.discard();
    if (o.signal?.aborted) throw new ReelgenError({ code: "ABORTED", message: "Render cancelled", cause: err });
    if (err instanceof ReelgenError) throw err;
    // Remotion's and the browser's words (URLs, paths, stack traces) stay in the cause, for logs.
    throw new ReelgenError({ code: "RENDER_FAILED", message: "Render failed in the browser or the encoder", cause: err });
  } finally {
    o.signal?.removeEventListener("abort", onAbort);
  }
};

/** The video format an output file name implies, or `null`. */
export const formatFromExtension = (file: string): VideoFormat | null => {
  const ext = path.extname(file).slice(1).toLowerCase();
  const found = Object.entries(VIDEO_FORMATS).find(([, f]) => f.extension === ext);
  return found ? (found[0] as VideoFormat) : null;
};

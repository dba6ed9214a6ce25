import type { LogLevel } from "@remotion/renderer";
import type { Resolution } from "../script";
import type { SpeechProvider } from "./prepare";
import type { ScriptOverrides } from "./prepare-render";
import { ReelgenError } from "../script/reelgen-error";
import { DEFAULT_CACHE_DIR } from "./project-paths";
import { openPlanRun, prepareRender, runPlan, type FinalizeResult } from "./render-plan";
import { renderScenesCached } from "./render-scenes-cached";
import { sessionOptionsOf, withRenderSession } from "./render-session";
import type { RenderTimeouts } from "./render-timeouts";
import { checkVideoOptions, type RenderProgress, type RenderVideoResult, type VideoFormat } from "./video-formats";

export * from "./video-formats";

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
  /** Render in chunks of this many frames, joined without re-encoding (mp4 only); default one piece. */
  framesPerChunk?: number;
  /**
   * Render scene by scene, reusing scenes rendered before (cached by content under
   * `cacheDir/segments`) and mixing the soundtrack once (mp4 only); the result reports hits and misses.
   */
  sceneCache?: boolean;
  /** Folder that relative asset paths in the script are resolved against. Default: cwd. */
  assetBaseDir?: string;
  /** Quality-gate warnings become an error (`QUALITY_FAILED`); the files and report stay. */
  strict?: boolean;
  /** Speak every line (default true); false renders silent, captions-only videos. */
  voice?: boolean;
  /** Default the offline voices (Festival and flite for English, espeak-ng for other languages); the CLI passes `speechProviderFromEnv(process.env)`, the server its configured one. */
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

/**
 * Renders a script with a template pack to a video file: `prepareRender` → `runPlan` in a
 * session of its own. The file appears at `outputPath` only when complete; on error or abort
 * nothing is left behind and the browser and encoder are stopped.
 */
export const renderVideo = async (options: RenderVideoOptions): Promise<RenderVideoResult> => {
  const { concurrency } = checkVideoOptions(options);
  if (options.sceneCache && options.framesPerChunk !== undefined) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: "sceneCache: renders by scene, not with framesPerChunk" });
  const started = performance.now();
  const plan = await prepareRender({ ...options, outputs: [{ outputPath: options.outputPath, format: options.format, resolution: options.resolution }] });
  return withRenderSession(
    sessionOptionsOf(options),
    async (session) => {
      if (options.sceneCache) {
        const run = await openPlanRun(session, plan, { timeouts: options.timeouts });
        try {
          const result = await renderScenesCached(run, 0, { cacheDir: options.cacheDir ?? DEFAULT_CACHE_DIR, concurrency, signal: options.signal, onProgress: options.onProgress });
          return { ...result, wallSeconds: (performance.now() - started) / 1000, bundle: { cached: session.bundle.cached, seconds: session.bundle.seconds, hash: session.bundle.hash } };
        } finally {
          await run.close();
        }
      }
      const { outputs } = await runPlan(session, plan, {
        concurrency,
        framesPerChunk: options.framesPerChunk,
        timeouts: options.timeouts,
        signal: options.signal,
        onProgress: (_, p) => options.onProgress?.(p),
      });
      return { ...(outputs[0] as FinalizeResult), wallSeconds: (performance.now() - started) / 1000, bundle: { cached: session.bundle.cached, seconds: session.bundle.seconds, hash: session.bundle.hash } };
    },
  );
};

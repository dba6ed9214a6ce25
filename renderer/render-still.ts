import type { LogLevel } from "@remotion/renderer";
import type { Resolution } from "../script";
import type { SpeechProvider } from "./prepare";
import type { ScriptOverrides } from "./prepare-render";
import { prepareRender, runPlan } from "./render-plan";
import { withRenderSession } from "./render-session";
import type { RenderTimeouts } from "./render-timeouts";

export { checkStillPath, pickCoverFrame } from "./still-frame";

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
  /** Default the offline voices (Festival and flite for English, espeak-ng for other languages); the CLI passes `speechProviderFromEnv(process.env)`, the server its configured one. */
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

/** Renders one frame of a script as a PNG or JPEG (a thumbnail or cover). */
export const renderStill = async (options: RenderStillOptions): Promise<RenderStillResult> => {
  const started = performance.now();
  const onProgress = options.onProgress ?? (() => {});
  const plan = await prepareRender({ ...options, onProgress: undefined, outputs: [], stills: [{ outputPath: options.outputPath, frame: options.frame, resolution: options.resolution }] });
  return withRenderSession(
    { browserExecutable: options.browserExecutable, cacheDir: options.cacheDir, logLevel: options.logLevel, signal: options.signal, onBundleProgress: (fraction) => onProgress({ stage: "bundling", progress: fraction }) },
    async (session) => {
      onProgress({ stage: "rendering", progress: 0 });
      const { outputs } = await runPlan(session, plan, { concurrency: 1, timeouts: options.timeouts, signal: options.signal });
      onProgress({ stage: "done", progress: 1 });
      const still = outputs[0] as Omit<RenderStillResult, "wallSeconds" | "bundle">;
      return { ...still, wallSeconds: (performance.now() - started) / 1000, bundle: { cached: session.bundle.cached, seconds: session.bundle.seconds, hash: session.bundle.hash } };
    },
  );
};

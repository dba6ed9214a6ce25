import { makeCancelSignal, openBrowser, type CancelSignal, type LogLevel } from "@remotion/renderer";
import { resolveBrowserExecutable } from "./browser";
import { ensureBundle, type BundleResult } from "./bundle-cache";
import { DEFAULT_CACHE_DIR } from "./project-paths";
import { ReelgenError } from "../script/reelgen-error";

/**
 * What every render in a process shares: the bundle and one open browser. Opened once (by the
 * CLI for all its outputs, by a worker for all its jobs) and reused; Remotion opens its tabs in it.
 */
export type RenderSession = {
  bundle: BundleResult;
  browser: Awaited<ReturnType<typeof openBrowser>>;
  /**
   * Pass it on to Remotion with the browser: if the browser goes away mid-render (a cancel
   * closes it), Remotion opens a replacement, and without an executable it would try to
   * download one.
   */
  browserExecutable: string;
  logLevel: LogLevel;
  /** Whether the browser still answers (a long-lived session checks before each job: Chrome may have crashed or been killed). */
  alive: () => Promise<boolean>;
  close: () => Promise<void>;
};

export type RenderSessionOptions = {
  /** `null`: the browser inside `@sparticuz/chromium`, unpacked into `cacheDir`. */
  browserExecutable?: string | null;
  /** Bundles and the unpacked browser live here; default `.cache/` in the checkout. */
  cacheDir?: string;
  logLevel?: LogLevel;
  signal?: AbortSignal | null;
  onBundleProgress?: (fraction: number) => void;
};

export const openRenderSession = async (options: RenderSessionOptions = {}): Promise<RenderSession> => {
  const cacheDir = options.cacheDir ?? DEFAULT_CACHE_DIR;
  const logLevel = options.logLevel ?? "error";
  const bundle = await ensureBundle({ onProgress: options.onBundleProgress, signal: options.signal ?? undefined, cacheDir });
  options.signal?.throwIfAborted();
  const browserExecutable = await resolveBrowserExecutable({ browserExecutable: options.browserExecutable, cacheDir, signal: options.signal });
  const browser = await openBrowser("chrome", { browserExecutable, logLevel });
  let closed = false;
  const alive = async () => {
    if (closed) return false;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("no answer")), 2000)));
      await Promise.race([browser.connection.send("Target.setDiscoverTargets", { discover: true }), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
  const close = async () => {
    closed = true;
    await browser.close({ silent: true });
  };
  return { bundle, browser, browserExecutable, logLevel, alive, close };
};

/** The session options of a one-off render's own options (its bundling progress reported as a render stage). */
export const sessionOptionsOf = (o: { browserExecutable?: string; cacheDir?: string; logLevel?: LogLevel; signal?: AbortSignal; onProgress?: (p: { stage: "bundling"; progress: number; renderedFrames: number; encodedFrames: number; totalFrames: number }) => void }): RenderSessionOptions => ({
  browserExecutable: o.browserExecutable,
  cacheDir: o.cacheDir,
  logLevel: o.logLevel,
  signal: o.signal,
  onBundleProgress: (fraction) => o.onProgress?.({ stage: "bundling", progress: fraction, renderedFrames: 0, encodedFrames: 0, totalFrames: 0 }),
});

/** Runs `work` in a session of its own, closed afterwards (one-off renders). */
export const withRenderSession = async <T>(options: RenderSessionOptions, work: (session: RenderSession) => Promise<T>): Promise<T> => {
  const session = await openRenderSession(options);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
};

/**
 * The one place an AbortSignal becomes Remotion's cancel signal. Call `dispose` when the Remotion
 * call is over, so a long-lived signal (a worker's) does not collect listeners.
 */
export const remotionCancelSignal = (signal: AbortSignal | null | undefined): { cancelSignal: CancelSignal; dispose: () => void } => {
  const { cancelSignal, cancel } = makeCancelSignal();
  if (!signal) return { cancelSignal, dispose: () => {} };
  if (signal.aborted) cancel();
  const onAbort = () => cancel();
  signal.addEventListener("abort", onAbort, { once: true });
  return { cancelSignal, dispose: () => signal.removeEventListener("abort", onAbort) };
};

/**
 * The one place a render's failure becomes a ReelgenError: ABORTED when the signal fired, our own
 * errors as they are, and anything from Remotion, the browser or FFmpeg as `RENDER_FAILED` whose
 * words (URLs, paths, stack traces) stay in the cause, for logs.
 */
export const toRenderError = (err: unknown, signal: AbortSignal | null | undefined, message = "Render failed in the browser or the encoder"): ReelgenError => {
  if (signal?.aborted) return new ReelgenError({ code: "ABORTED", message: "Render cancelled", cause: err });
  if (err instanceof ReelgenError) return err;
  return new ReelgenError({ code: "RENDER_FAILED", message, cause: err });
};

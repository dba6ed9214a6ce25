import { ReelgenError } from "../script/reelgen-error";

/**
 * Time limits of the programs a render runs. When one is reached the program (and everything it
 * started) is killed and the render fails with `TIMED_OUT`. The whole render's wall time is the
 * caller's to bound (the server's per-tier `renderTimeoutSeconds`).
 */
export type RenderTimeouts = {
  /** One short run: speaking one line (espeak-ng, or one request to the speech endpoint), listing voices, ffprobe reading a header, fc-list. */
  toolMs: number;
  /**
   * An FFmpeg pass over a whole video (loudness measuring and normalising, counting frames, the
   * quality measures) may take `videoPassMs + videoPassMsPerSecond × the video's seconds`.
   */
  videoPassMs: number;
  videoPassMsPerSecond: number;
  /**
   * Remotion's `timeoutInMilliseconds`: how long one frame may wait on its `delayRender()` calls
   * (a brand font loading, an image) and how long picking the composition may take. Remotion
   * refuses less than 7 s.
   */
  frameMs: number;
};

/**
 * Defaults: 60 s for a short run; 60 s plus 5 s per second of video for a pass over it (on a
 * 10.7 s 480p clip here: loudness measuring 0.07 s, the quality measures 0.04 s, counting frames
 * 0.03 s per second of video, so this leaves room for 4K ProRes on a busy machine); Remotion's own
 * 30 s per frame.
 */
export const DEFAULT_RENDER_TIMEOUTS: RenderTimeouts = { toolMs: 60_000, videoPassMs: 60_000, videoPassMsPerSecond: 5_000, frameMs: 30_000 };

/** The given limits over the defaults; each must be a whole number of milliseconds (`frameMs` at least 7000). */
export const resolveRenderTimeouts = (given: Partial<RenderTimeouts> | undefined): RenderTimeouts => {
  const timeouts = { ...DEFAULT_RENDER_TIMEOUTS, ...Object.fromEntries(Object.entries(given ?? {}).filter(([, v]) => v !== undefined)) };
  for (const key of Object.keys(DEFAULT_RENDER_TIMEOUTS) as (keyof RenderTimeouts)[]) {
    const value = timeouts[key];
    const min = key === "frameMs" ? 7000 : key === "videoPassMsPerSecond" ? 0 : 1;
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
      throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `timeouts.${key}: expected a whole number of milliseconds from ${min}` });
    }
  }
  return timeouts;
};

/** The limit of one FFmpeg pass over a video this long (an unknown length counts as 0 s). */
export const videoPassTimeoutMs = (timeouts: RenderTimeouts, videoSeconds: number): number =>
  Math.round(timeouts.videoPassMs + timeouts.videoPassMsPerSecond * (Number.isFinite(videoSeconds) && videoSeconds > 0 ? videoSeconds : 0));

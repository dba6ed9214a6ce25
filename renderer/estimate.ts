import { estimatePrice, type AwsRegion } from "@remotion/lambda-client";
import { ReelgenError } from "../script/reelgen-error";

/** Where a render can run. */
export type RenderBackend = "local" | "cluster" | "lambda";
export const RENDER_BACKENDS = ["local", "cluster", "lambda"] as const satisfies readonly RenderBackend[];

/** One file a render produces, as much of it as its time depends on. A still is one frame. */
export type EstimateOutput = { width: number; height: number; format: "mp4" | "webm" | "gif" | "prores" | "png" | "jpeg" };

/**
 * How much slower each format renders than MP4 (frames and encoding together): the same
 * factors as the render-minutes (`server/quotas/render-quota.ts`, measured by encoding 2 s of
 * 1080×1920 on the render machine). Stills are one frame.
 */
const FORMAT_FACTOR: Record<EstimateOutput["format"], number> = { mp4: 1, gif: 1, prores: 2, webm: 4, png: 1, jpeg: 1 };

/**
 * Every frame costs this many megapixels on top of its own: capturing a frame has a fixed part
 * (React, the screenshot, the pipe to the encoder) that does not shrink with the frame. Measured
 * (see `DEFAULT_THROUGHPUT`): a 480×854 frame (0.41 MP) took 0.28 of the time of a 1080×1920 one
 * (2.07 MP), not the 0.20 the pixel counts alone would say; (0.41 + 0.25) / (2.07 + 0.25) = 0.28.
 */
export const FRAME_OVERHEAD_MEGAPIXELS = 0.25;

/**
 * Default throughput, measured on the 2-core development machine with `reelgen render
 * examples/lunch-thief.json` (879 frames at 30 fps, mp4, 2 tabs, bundle cached), the machine
 * shared with other helpers' work:
 *
 * | resolution | wall | frames rendered + encoded | per frame | load average |
 * | --- | --- | --- | --- | --- |
 * | 480p 480×854 | 43 s | 36.5 s (24.1 frames/s) | 0.042 s | 5-6 |
 * | 480p 480×854, one tab (`-c 1`) | 80 s | 71.4 s (12.3 frames/s) | 0.081 s | 6-7 |
 * | 1080p 1080×1920 | 149 s | 130 s (6.8 frames/s) | 0.148 s | 9-14 |
 * | 1080p 1080×1920, idle machine (931 frames, earlier) | 59 s | — | 0.063 s | ~0 |
 *
 * Per megapixel-frame (frame + {@link FRAME_OVERHEAD_MEGAPIXELS}) with 2 tabs: 0.064 s loaded,
 * 0.027 s idle; one tab (the server's worker renders each render with one) about twice that
 * (measured at 480p: 0.123 s, 1.95× the 2 tabs' 0.063 s), so 0.054-0.127 s. The default, 0.1 s, sits towards the loaded end, since a worker shares its
 * machine; `learnThroughput` moves it to what a machine really does. Each render also spends
 * ~6 s outside its frames (voicing from cache, the browser, loudness, quality checks).
 */
export const DEFAULT_THROUGHPUT = {
  local: { secondsPerMegapixelFrame: 0.1, startSeconds: 6 },
  /** Each chunk worker renders one chunk with one tab; the finalize job joins, mixes and checks. */
  cluster: { secondsPerMegapixelFrame: 0.1, startSeconds: 6, chunkStartSeconds: 3, joinSeconds: 4 },
  /**
   * Not measured here (there is no AWS on this machine): a 2048 MB function has about one vCPU,
   * so one frame costs about what it costs in one local tab; a cold start and the stitching
   * function add seconds. Learned from recorded Lambda renders once there are some.
   */
  lambda: { secondsPerMegapixelFrame: 0.1, startSeconds: 8, joinSeconds: 5 },
} as const;

export type LocalBackendOptions = {
  /** Wall seconds one browser tab needs per megapixel-frame (default measured, see {@link DEFAULT_THROUGHPUT}). */
  secondsPerMegapixelFrame?: number;
  /** Browser tabs rendering one render in parallel (the server's worker: 1; the CLI: cores). */
  concurrency?: number;
  /** Seconds every render spends besides its frames (voicing, browser, loudness, checks). */
  startSeconds?: number;
};

export type ClusterBackendOptions = {
  secondsPerMegapixelFrame?: number;
  /** Workers taking chunk jobs. */
  workers: number;
  /** `RENDER_CHUNK_FRAMES`: mp4 outputs longer than this are split into chunks of this many frames. */
  framesPerChunk: number;
  startSeconds?: number;
  /** Seconds each chunk job spends before its first frame (plan and assets from storage). */
  chunkStartSeconds?: number;
  /** Seconds the finalize job takes to join the chunks, mix and check. */
  joinSeconds?: number;
};

export type LambdaBackendOptions = {
  secondsPerMegapixelFrame?: number;
  region?: AwsRegion;
  /** The function's memory and disk (Remotion's defaults: 2048 MB each). */
  memoryMb?: number;
  diskMb?: number;
  /** Frames each renderer function takes (Remotion's `framesPerLambda`); default: enough to need at most `maxConcurrency` functions, and at least 20. */
  framesPerLambda?: number;
  /** Functions running at once (AWS's default account limit leaves Remotion 1000; Remotion caps a render at 200). */
  maxConcurrency?: number;
  startSeconds?: number;
  joinSeconds?: number;
};

export type EstimateRenderOptions = {
  /** Frames of the video (the plan's `durationInFrames`). */
  frames: number;
  fps: number;
  outputs: EstimateOutput[];
  /** The backends to estimate; one left out (or null) is not configured. */
  backends: { local?: LocalBackendOptions | null; cluster?: ClusterBackendOptions | null; lambda?: LambdaBackendOptions | null };
  /** Renders ahead of this one and the workers taking them (the server's queue); none for the CLI. */
  queue?: { waiting: number; active: number; workers: number } | null;
};

export type BackendEstimate = {
  backend: RenderBackend;
  /** Wall seconds from the first step (voicing) to the finished files. */
  seconds: number;
  /** Seconds waiting in the queue before a worker takes it; null when no worker is connected (it would wait until one is). */
  waitSeconds: number | null;
  /** US dollars, for Lambda (AWS's price via Remotion's `estimatePrice`); null on your own machines. */
  costUsd: number | null;
  /** How the work is split: chunks (cluster) or functions (Lambda); 1 for local. */
  parts: number;
};

export type RenderEstimate = {
  frames: number;
  fps: number;
  videoSeconds: number;
  /** The work in megapixel-frames, format-weighted, each frame with {@link FRAME_OVERHEAD_MEGAPIXELS} added. */
  megapixelFrames: number;
  backends: BackendEstimate[];
  /** The backend that finishes first counting the queue; a tie goes to the cheaper one. */
  recommended: RenderBackend;
};

const invalid = (path: string, message: string) => new ReelgenError({ code: "INVALID_ARGUMENT", message: `${path}: ${message}`, problems: [{ path, message }] });

const positive = (value: unknown, path: string, { integer = false, zero = false } = {}) => {
  if (typeof value !== "number" || !Number.isFinite(value) || (zero ? value < 0 : value <= 0) || (integer && !Number.isInteger(value))) {
    throw invalid(path, `expected ${zero ? "a number from 0" : "a positive number"}${integer ? " (whole)" : ""}, got ${JSON.stringify(value)}`);
  }
  return value;
};

/** The work of one render in megapixel-frames: each video output's frames × (its megapixels + the per-frame overhead) × its format factor; a still is one frame. */
export const megapixelFramesOf = (frames: number, outputs: EstimateOutput[]): number =>
  outputs.reduce((sum, o) => {
    const megapixels = ((o.width * o.height) / 1e6 + FRAME_OVERHEAD_MEGAPIXELS) * FORMAT_FACTOR[o.format];
    return sum + (o.format === "png" || o.format === "jpeg" ? megapixels : frames * megapixels);
  }, 0);

/**
 * Estimates how long a render takes, and what it costs, on each configured backend: local (one
 * worker, `concurrency` tabs), cluster (mp4 outputs in chunks of `framesPerChunk` across
 * `workers`, then one join) and Lambda (Remotion's renderer functions, priced with Remotion's
 * `estimatePrice`). The queue adds the wait for the renders ahead, each assumed to take as long
 * as this one locally. Pure: the figures come from the options (defaults measured here, or
 * learned with {@link learnThroughput}).
 */
export const estimateRender = (options: EstimateRenderOptions): RenderEstimate => {
  const frames = positive(options.frames, "frames", { integer: true });
  const fps = positive(options.fps, "fps");
  if (!Array.isArray(options.outputs) || options.outputs.length === 0) throw invalid("outputs", "expected at least one output");
  options.outputs.forEach((o, i) => {
    positive(o.width, `outputs.${i}.width`, { integer: true });
    positive(o.height, `outputs.${i}.height`, { integer: true });
    if (!(o.format in FORMAT_FACTOR)) throw invalid(`outputs.${i}.format`, `expected one of ${Object.keys(FORMAT_FACTOR).join(", ")}, got ${JSON.stringify(o.format)}`);
  });
  const queue = options.queue ?? null;
  if (queue) {
    positive(queue.waiting, "queue.waiting", { integer: true, zero: true });
    positive(queue.active, "queue.active", { integer: true, zero: true });
    positive(queue.workers, "queue.workers", { integer: true, zero: true });
  }
  const work = megapixelFramesOf(frames, options.outputs);
  const estimates: BackendEstimate[] = [];

  const local = options.backends.local ?? null;
  const localSpmf = positive(local?.secondsPerMegapixelFrame ?? DEFAULT_THROUGHPUT.local.secondsPerMegapixelFrame, "backends.local.secondsPerMegapixelFrame");
  const localConcurrency = positive(local?.concurrency ?? 1, "backends.local.concurrency", { integer: true });
  const localStart = positive(local?.startSeconds ?? DEFAULT_THROUGHPUT.local.startSeconds, "backends.local.startSeconds", { zero: true });
  // What one render takes on one worker: the queue ahead is measured in it.
  const localSeconds = localStart + (work * localSpmf) / localConcurrency;
  // Renders ahead, spread over the workers; the active ones are on average half done.
  const wait = !queue ? 0 : queue.waiting + queue.active === 0 ? 0 : queue.workers === 0 ? null : ((queue.waiting + queue.active / 2) * localSeconds) / queue.workers;
  if (local) estimates.push({ backend: "local", seconds: localSeconds, waitSeconds: queue?.workers === 0 ? null : wait, costUsd: null, parts: 1 });

  const cluster = options.backends.cluster ?? null;
  if (cluster) {
    const spmf = positive(cluster.secondsPerMegapixelFrame ?? DEFAULT_THROUGHPUT.cluster.secondsPerMegapixelFrame, "backends.cluster.secondsPerMegapixelFrame");
    const workers = positive(cluster.workers, "backends.cluster.workers", { integer: true, zero: true });
    const framesPerChunk = positive(cluster.framesPerChunk, "backends.cluster.framesPerChunk", { integer: true });
    const start = positive(cluster.startSeconds ?? DEFAULT_THROUGHPUT.cluster.startSeconds, "backends.cluster.startSeconds", { zero: true });
    const chunkStart = positive(cluster.chunkStartSeconds ?? DEFAULT_THROUGHPUT.cluster.chunkStartSeconds, "backends.cluster.chunkStartSeconds", { zero: true });
    const join = positive(cluster.joinSeconds ?? DEFAULT_THROUGHPUT.cluster.joinSeconds, "backends.cluster.joinSeconds", { zero: true });
    // Only mp4 outputs longer than a chunk are split (as the worker does); the rest render whole, one after another.
    let seconds = start;
    let parts = 0;
    for (const o of options.outputs) {
      const outputWork = megapixelFramesOf(frames, [o]);
      if (o.format !== "mp4" || frames <= framesPerChunk) {
        seconds += outputWork * spmf;
        parts += 1;
        continue;
      }
      const chunks = Math.ceil(frames / framesPerChunk);
      // No worker connected: the time once one is (the wait says it cannot start yet).
      const waves = Math.ceil(chunks / Math.max(1, workers));
      seconds += waves * (chunkStart + (outputWork / chunks) * spmf) + join;
      parts += chunks;
    }
    estimates.push({ backend: "cluster", seconds, waitSeconds: workers === 0 ? null : wait, costUsd: null, parts });
  }

  const lambda = options.backends.lambda ?? null;
  if (lambda) {
    const spmf = positive(lambda.secondsPerMegapixelFrame ?? DEFAULT_THROUGHPUT.lambda.secondsPerMegapixelFrame, "backends.lambda.secondsPerMegapixelFrame");
    const memoryMb = positive(lambda.memoryMb ?? 2048, "backends.lambda.memoryMb", { integer: true });
    const diskMb = positive(lambda.diskMb ?? 2048, "backends.lambda.diskMb", { integer: true });
    const maxConcurrency = positive(lambda.maxConcurrency ?? 200, "backends.lambda.maxConcurrency", { integer: true });
    const framesPerLambda = positive(lambda.framesPerLambda ?? Math.max(20, Math.ceil(frames / maxConcurrency)), "backends.lambda.framesPerLambda", { integer: true });
    const start = positive(lambda.startSeconds ?? DEFAULT_THROUGHPUT.lambda.startSeconds, "backends.lambda.startSeconds", { zero: true });
    const join = positive(lambda.joinSeconds ?? DEFAULT_THROUGHPUT.lambda.joinSeconds, "backends.lambda.joinSeconds", { zero: true });
    const functions = Math.ceil(frames / framesPerLambda) * options.outputs.length;
    const waves = Math.ceil(functions / maxConcurrency);
    const perFunction = start + (work / functions) * spmf;
    const seconds = start + waves * perFunction + join;
    // Billed: every renderer function, plus the main function that waits for them and stitches.
    const costUsd = estimatePrice({ region: lambda.region ?? "us-east-1", memorySizeInMb: memoryMb, diskSizeInMb: diskMb, lambdasInvoked: functions + 1, durationInMilliseconds: (functions * perFunction + seconds) * 1000 });
    estimates.push({ backend: "lambda", seconds, waitSeconds: 0, costUsd, parts: functions });
  }
  if (estimates.length === 0) throw invalid("backends", "configure at least one of local, cluster, lambda");

  const total = (e: BackendEstimate) => (e.waitSeconds === null ? Infinity : e.waitSeconds + e.seconds);
  const best = estimates.reduce((a, b) => (total(b) < total(a) || (total(b) === total(a) && (b.costUsd ?? 0) < (a.costUsd ?? 0)) ? b : a));
  return { frames, fps, videoSeconds: frames / fps, megapixelFrames: work, backends: estimates, recommended: best.backend };
};

/** One finished render: what it was, where it ran, how long it really took (wall seconds, first step to files). */
export type ThroughputSample = { backend: RenderBackend; megapixelFrames: number; seconds: number; concurrency?: number };

export type LearnedThroughput = {
  backends: Record<RenderBackend, { secondsPerMegapixelFrame: number; samples: number; meanAbsolutePercentError: number | null }>;
  /** Over every sample: how far each estimate (made before that render was known) was from what it took, in percent. */
  samples: number;
  meanAbsolutePercentError: number | null;
};

/**
 * Learns seconds per megapixel-frame per backend from finished renders, oldest first: an
 * exponentially weighted mean (`alpha` on the newest) starting at the default. Each render is
 * first predicted with what was known before it, so the error reported is the estimator's real
 * one-step-ahead error (mean absolute percentage error), not its fit to data it has seen.
 */
export const learnThroughput = (samples: ThroughputSample[], options: { alpha?: number; startSeconds?: Partial<Record<RenderBackend, number>>; initial?: Partial<Record<RenderBackend, number>> } = {}): LearnedThroughput => {
  const alpha = options.alpha ?? 0.3;
  if (!(alpha > 0 && alpha <= 1)) throw invalid("alpha", `expected a number above 0 and at most 1, got ${JSON.stringify(alpha)}`);
  const state = Object.fromEntries(
    RENDER_BACKENDS.map((b) => [b, { spmf: options.initial?.[b] ?? DEFAULT_THROUGHPUT[b].secondsPerMegapixelFrame, start: options.startSeconds?.[b] ?? DEFAULT_THROUGHPUT[b].startSeconds, samples: 0, errors: [] as number[] }]),
  ) as Record<RenderBackend, { spmf: number; start: number; samples: number; errors: number[] }>;
  samples.forEach((s, i) => {
    if (!RENDER_BACKENDS.includes(s.backend)) throw invalid(`samples.${i}.backend`, `expected one of ${RENDER_BACKENDS.join(", ")}, got ${JSON.stringify(s.backend)}`);
    positive(s.megapixelFrames, `samples.${i}.megapixelFrames`);
    positive(s.seconds, `samples.${i}.seconds`);
    const concurrency = positive(s.concurrency ?? 1, `samples.${i}.concurrency`, { integer: true });
    const b = state[s.backend];
    const predicted = b.start + (s.megapixelFrames * b.spmf) / concurrency;
    b.errors.push(Math.abs(predicted - s.seconds) / s.seconds);
    // What this render says one megapixel-frame takes, its fixed start taken off (never below a tenth of the whole).
    const observed = (Math.max(s.seconds - b.start, s.seconds / 10) * concurrency) / s.megapixelFrames;
    b.spmf = alpha * observed + (1 - alpha) * b.spmf;
    b.samples += 1;
  });
  const mape = (errors: number[]) => (errors.length ? (100 * errors.reduce((a, e) => a + e, 0)) / errors.length : null);
  const all = RENDER_BACKENDS.flatMap((b) => state[b].errors);
  return {
    backends: Object.fromEntries(RENDER_BACKENDS.map((b) => [b, { secondsPerMegapixelFrame: state[b].spmf, samples: state[b].samples, meanAbsolutePercentError: mape(state[b].errors) }])) as LearnedThroughput["backends"],
    samples: all.length,
    meanAbsolutePercentError: mape(all),
  };
};

import { mapScriptSources, scriptSources } from "../../script";
import { ReelgenError } from "../../script/reelgen-error";
import { reserveOutput } from "../output-file";
import { storePlanAssets, STORAGE_SRC } from "../plan-assets";
import { finalizeOutput, type FinalizeResult, type PlanRun, type RenderPlan } from "../render-plan";
import type { RenderSession } from "../render-session";
import { resolveRenderTimeouts, type RenderTimeouts } from "../render-timeouts";
import { checkStorageKey, type Storage } from "../storage/index";
import { VIDEO_FORMATS, type RenderProgress } from "../video-formats";
import { renderOnLambda, type LambdaClient, type LambdaRenderInput, type LambdaRenderResult } from "./render-on-lambda";

/** S3's longest presigned URL: seven days. */
const MAX_PRESIGN_SECONDS = 7 * 86_400;

export type RenderPlanOnLambdaOptions = {
  client: LambdaClient;
  /**
   * Where the plan's local files (speech, music, media) go for the functions to fetch: storage
   * that hands out presigned URLs (an `S3Storage`, usually on the render bucket). A local folder
   * has none and is refused.
   */
  storage: Storage;
  /** The deployed site (`reelgen lambda deploy` prints it). */
  serveUrl: string;
  /** Storage folder for the assets; content-addressed, so renders share what they have in common. */
  assetPrefix: string;
  /** Where the output goes in the render bucket. */
  outputKey: string;
  onProgress?: (progress: RenderProgress) => void;
  /** Aborting cancels the render on Lambda and removes the local output. */
  signal?: AbortSignal | null;
  framesPerLambda?: number | null;
  webhook?: LambdaRenderInput["webhook"];
  pollIntervalMs?: number;
  /** Give up (and cancel) after this long; default 15 minutes, Lambda's own limit. */
  timeoutMs?: number;
  /** How long the assets' URLs stay valid; default the render's time limit and an hour. */
  assetUrlSeconds?: number;
  /** Limits of the finishing steps run here (loudness, quality report). */
  timeouts?: Partial<RenderTimeouts>;
};

export type PlanOnLambdaResult = FinalizeResult & { lambda: LambdaRenderResult };

/**
 * One video output of a plan rendered on Remotion Lambda, then finished here like a local one.
 * The plan's local files are put into `storage` (content-hash keys, see `storePlanAssets`) and the
 * props name them by presigned URL, so the functions fetch them from the bucket, never from this
 * machine. The output is copied back into the plan's output path and finalised by the same
 * `finalizeOutput` as a local render (loudness, captions, quality report). Returns that result
 * with Lambda's own figures (cost, functions, timings).
 */
export const renderPlanOnLambda = async (plan: RenderPlan, outputIndex: number, options: RenderPlanOnLambdaOptions): Promise<PlanOnLambdaResult> => {
  const output = plan.outputs[outputIndex];
  if (output?.kind !== "video") throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `output: ${outputIndex} is not a video output of this plan` });
  checkStorageKey(options.assetPrefix, "assetPrefix");
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const assetUrlSeconds = options.assetUrlSeconds ?? Math.ceil(timeoutMs / 1000) + 3600;
  if (!Number.isInteger(assetUrlSeconds) || assetUrlSeconds < 60 || assetUrlSeconds > MAX_PRESIGN_SECONDS) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `assetUrlSeconds: expected a whole number of seconds from 60 to ${MAX_PRESIGN_SECONDS} (S3's limit), got ${assetUrlSeconds}` });
  }
  const timeouts = resolveRenderTimeouts(options.timeouts);
  const signal = options.signal ?? null;
  const onProgress = options.onProgress ?? (() => {});
  const format = VIDEO_FORMATS[output.format];

  const out = await reserveOutput(output.outputPath);
  let lambda: LambdaRenderResult;
  try {
    const stored = await storePlanAssets(plan, options.storage, options.assetPrefix);
    const urls = new Map<string, string>();
    for (const { src } of scriptSources(stored.script)) {
      if (!src.startsWith(STORAGE_SRC) || urls.has(src)) continue;
      const url = await options.storage.presignedUrl(src.slice(STORAGE_SRC.length), { expiresInSeconds: assetUrlSeconds });
      if (!url) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `storage: ${options.storage.location} has no URLs the Lambda functions can fetch; use S3 storage` });
      urls.set(src, url);
    }
    // Each output sees the voiced script with its own aspect ratio, as in a local render.
    const inputProps = { ...mapScriptSources(stored.script, (src) => urls.get(src) ?? src), format: output.aspect };
    signal?.throwIfAborted();
    lambda = await renderOnLambda(
      {
        serveUrl: options.serveUrl,
        compositionId: plan.template.id,
        inputProps,
        codec: format.codec,
        width: output.width,
        height: output.height,
        outputKey: options.outputKey,
        framesPerLambda: options.framesPerLambda ?? null,
        webhook: options.webhook ?? null,
        // What renderSegment asks of a local render, so both backends make the same frames.
        encoding: {
          imageFormat: "jpeg",
          jpegQuality: 90,
          colorSpace: output.format === "mp4" || output.format === "webm" ? "bt709" : undefined,
          x264Preset: output.format === "mp4" ? "veryfast" : undefined,
          proResProfile: output.format === "prores" ? "hq" : undefined,
          everyNthFrame: format.frameStep,
        },
      },
      {
        client: options.client,
        signal: signal ?? undefined,
        downloadTo: out.tempPath,
        pollIntervalMs: options.pollIntervalMs,
        timeoutMs,
        // Lambda's "done" is not ours: the soundtrack and the report are still to come.
        onProgress: (p) => onProgress(p.stage === "done" ? { ...p, stage: "encoding" } : p),
      },
    );
  } catch (err) {
    await out.discard();
    throw err;
  }
  // finalizeOutput reads only the plan, the limits and (to join chunks, which a whole output
  // never is) the session's log level: no browser is opened here for a Lambda render.
  const run: PlanRun = {
    plan,
    timeouts,
    session: { logLevel: "error" } as RenderSession,
    composition: () => {
      throw new ReelgenError({ code: "INVALID_ARGUMENT", message: "a Lambda render has no local browser" });
    },
    close: async () => {},
  };
  const total = plan.durationInFrames;
  const result = await finalizeOutput(run, outputIndex, [{ output: outputIndex, frameRange: [0, total - 1], video: out.tempPath, audio: null, captionBoxes: [], renderSeconds: lambda.timings.wallSeconds }], { signal, onProgress, out });
  return { ...result, lambda };
};

import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { GetObjectCommand, HeadObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { cancelRenderOnLambda, getRenderProgress, renderMediaOnLambda, type AwsRegion, type RenderMediaOnLambdaInput, type RenderProgress as LambdaProgress, type RequestHandler } from "@remotion/lambda-client";
import type { LogLevel } from "@remotion/renderer";
import { ReelgenError, type Problem } from "../../script/reelgen-error";
import type { RenderProgress } from "../render-video";
import { lambdaError } from "./lambda-error";

/** Codecs Remotion Lambda renders in chunks and joins. */
export const LAMBDA_CODECS = ["h264", "h265", "vp8", "vp9", "prores", "gif"] as const;
export type LambdaCodec = (typeof LAMBDA_CODECS)[number];

/**
 * One render on Lambda: what the caller maps its plan onto. The props must already point at
 * assets the functions can fetch (the bucket, presigned URLs), never at a loopback server.
 */
export type LambdaRenderInput = {
  /** The site in the bucket (`reelgen lambda deploy` prints it): an `index.html` URL. */
  serveUrl: string;
  compositionId: string;
  inputProps: Record<string, unknown>;
  codec: LambdaCodec;
  /** Frame size; null keeps the composition's (then `scale` may resize it). */
  width?: number | null;
  height?: number | null;
  scale?: number | null;
  /** First and last frame, inclusive; null renders the whole composition. */
  frames?: [number, number] | null;
  /** Where the output goes in the render bucket; overwritten if present. */
  outputKey: string;
  /** Frames each renderer function takes; null lets Remotion choose. */
  framesPerLambda?: number | null;
  /** Remotion Lambda calls this when the render ends; check it with `verifyLambdaWebhook`. */
  webhook?: { url: string; secret: string; customData?: Record<string, unknown> } | null;
  /** How frames are captured and encoded, when not Remotion's defaults (a plan's output asks for what a local render uses). */
  encoding?: Pick<RenderMediaOnLambdaInput, "imageFormat" | "jpegQuality" | "colorSpace" | "x264Preset" | "everyNthFrame" | "proResProfile"> | null;
};

/** Where the render runs: the deployed function, its bucket and an S3 client for that bucket. */
export type LambdaClient = {
  region: AwsRegion;
  functionName: string;
  bucketName: string;
  /** Downloads and presigns the output (`@aws-sdk/client-s3`). */
  s3: S3Client;
  /** Path-style S3 URLs (S3-compatible stores). */
  forcePathStyle?: boolean;
  /** An AWS SDK request handler for Remotion's own Lambda and S3 calls (proxies, tests). */
  requestHandler?: RequestHandler;
};

export type RenderOnLambdaOptions = {
  client: LambdaClient;
  onProgress?: (progress: RenderProgress) => void;
  /** Aborting cancels the render on Lambda (the renderer functions stop) and throws `ABORTED`. */
  signal?: AbortSignal;
  /** Copy the output into this local file as well (written whole or not at all). */
  downloadTo?: string | null;
  /** Lifetime of the presigned URL of the output; default one day. */
  presignSeconds?: number;
  /** How often to ask for progress; default 1000 ms. */
  pollIntervalMs?: number;
  /** Give up (and cancel) after this long; default 15 minutes, Lambda's own limit. */
  timeoutMs?: number;
  /** Remotion's log level inside the functions (their logs go to CloudWatch); default `error`. */
  logLevel?: LogLevel;
};

export type LambdaRenderResult = {
  renderId: string;
  bucketName: string;
  outputKey: string;
  /** A presigned GET URL of the output. */
  url: string;
  /** The local copy, when `downloadTo` was given. */
  localFile: string | null;
  sizeBytes: number;
  /** What Remotion reports it cost (an estimate from billed Lambda time, not AWS's invoice). */
  costs: { accruedSoFar: number; currency: string; displayCost: string; disclaimer: string };
  lambdasInvoked: number;
  chunks: number;
  timings: {
    wallSeconds: number;
    /** Remotion's figures: all chunks rendered, encoded, combined, whole render. */
    renderFramesSeconds: number | null;
    encodeSeconds: number | null;
    combineSeconds: number | null;
    finishSeconds: number | null;
  };
};

/**
 * Renders on Remotion Lambda: `renderMediaOnLambda`, then `getRenderProgress` until done,
 * reported as reelgen's progress. Failures become `ReelgenError`s whose cause holds AWS's and
 * Remotion's words. Returns where the output is, a presigned URL, Remotion's cost and timings.
 * See https://www.remotion.dev/docs/lambda/rendermediaonlambda
 */
export const renderOnLambda = async (input: LambdaRenderInput, options: RenderOnLambdaOptions): Promise<LambdaRenderResult> => {
  const problems = checkInput(input);
  if (problems.length) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `Invalid Lambda render: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems });
  }
  return internalRenderOnLambda(input, {
    client: options.client,
    onProgress: options.onProgress ?? (() => {}),
    signal: options.signal ?? null,
    downloadTo: options.downloadTo ?? null,
    presignSeconds: options.presignSeconds ?? 86_400,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
    timeoutMs: options.timeoutMs ?? 15 * 60_000,
    logLevel: options.logLevel ?? "error",
  });
};

const checkInput = (input: LambdaRenderInput): Problem[] => {
  const problems: Problem[] = [];
  const positiveInt = (v: unknown) => typeof v === "number" && Number.isInteger(v) && v > 0;
  if (!/^https?:\/\//.test(input.serveUrl ?? "")) problems.push({ path: "serveUrl", message: "must be the http(s) URL of a deployed site" });
  if (!input.compositionId) problems.push({ path: "compositionId", message: "is required" });
  if (!(LAMBDA_CODECS as readonly string[]).includes(input.codec)) problems.push({ path: "codec", message: `must be one of ${LAMBDA_CODECS.join(", ")}` });
  if (input.width != null && !positiveInt(input.width)) problems.push({ path: "width", message: "must be a positive whole number" });
  if (input.height != null && !positiveInt(input.height)) problems.push({ path: "height", message: "must be a positive whole number" });
  if ((input.width == null) !== (input.height == null)) problems.push({ path: input.width == null ? "width" : "height", message: "width and height go together" });
  if (input.scale != null && !(input.scale > 0)) problems.push({ path: "scale", message: "must be above 0" });
  if (input.frames != null) {
    const [first, last] = input.frames;
    if (!Number.isInteger(first) || !Number.isInteger(last) || first < 0 || last < first) problems.push({ path: "frames", message: "must be [first, last] whole frames with 0 ≤ first ≤ last" });
  }
  if (!input.outputKey || input.outputKey.startsWith("/")) problems.push({ path: "outputKey", message: "must be a key inside the bucket" });
  if (input.framesPerLambda != null && !(positiveInt(input.framesPerLambda) && input.framesPerLambda >= 4)) problems.push({ path: "framesPerLambda", message: "must be a whole number of at least 4 (Remotion's minimum)" });
  if (input.webhook && !input.webhook.secret) problems.push({ path: "webhook.secret", message: "is required: unsigned webhooks cannot be trusted" });
  return problems;
};

type InternalOptions = {
  client: LambdaClient;
  onProgress: (progress: RenderProgress) => void;
  signal: AbortSignal | null;
  downloadTo: string | null;
  presignSeconds: number;
  pollIntervalMs: number;
  timeoutMs: number;
  logLevel: LogLevel;
};

const internalRenderOnLambda = async (input: LambdaRenderInput, o: InternalOptions): Promise<LambdaRenderResult> => {
  const started = performance.now();
  const { client } = o;
  const aws = { region: client.region, forcePathStyle: client.forcePathStyle ?? false, requestHandler: client.requestHandler };
  o.signal?.throwIfAborted();
  const totalFrames = input.frames ? input.frames[1] - input.frames[0] + 1 : 0;
  o.onProgress({ stage: "rendering", progress: 0, renderedFrames: 0, encodedFrames: 0, totalFrames });
  let started_: { renderId: string; bucketName: string };
  try {
    started_ = await renderMediaOnLambda({
      ...aws,
      functionName: client.functionName,
      serveUrl: input.serveUrl,
      composition: input.compositionId,
      inputProps: input.inputProps,
      codec: input.codec,
      forceWidth: input.width ?? null,
      forceHeight: input.height ?? null,
      scale: input.scale ?? 1,
      frameRange: input.frames ?? undefined,
      framesPerLambda: input.framesPerLambda ?? undefined,
      forceBucketName: client.bucketName,
      outName: { bucketName: client.bucketName, key: input.outputKey },
      overwrite: true,
      privacy: "private",
      enableCancellation: true,
      // Chunks are not retried by Lambda itself; Remotion retries a failed chunk once.
      maxRetries: 1,
      ...input.encoding,
      webhook: input.webhook ? { url: input.webhook.url, secret: input.webhook.secret, customData: input.webhook.customData ?? null } : null,
      logLevel: o.logLevel,
    });
  } catch (err) {
    throw lambdaError(err, "Starting the Lambda render");
  }
  const { renderId, bucketName } = started_;
  // Renderers left running cost money: a cancel that fails for a passing reason is tried again.
  const cancel = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        await cancelRenderOnLambda({ ...aws, bucketName, renderId });
        return;
      } catch (err) {
        if (attempt < 3) {
          await sleep(250 * attempt, null);
          continue;
        }
        // The render is abandoned either way; the cancel's own failure must not hide why we stopped.
        process.emitWarning(`Could not cancel Lambda render ${renderId}: ${(err as Error).message}`);
        return;
      }
    }
  };
  let progress: LambdaProgress;
  try {
    progress = await pollUntilDone({ renderId, bucketName, totalFrames, aws, started, o });
  } catch (err) {
    if (!(err instanceof ReelgenError && err.code === "RENDER_FAILED")) await cancel();
    throw err;
  }
  const outputKey = progress.outKey ?? input.outputKey;
  const outBucket = progress.outBucket ?? client.bucketName;
  let sizeBytes: number;
  let url: string;
  let localFile: string | null = null;
  try {
    sizeBytes = progress.outputSizeInBytes ?? (await client.s3.send(new HeadObjectCommand({ Bucket: outBucket, Key: outputKey }))).ContentLength ?? 0;
    url = await getSignedUrl(client.s3, new GetObjectCommand({ Bucket: outBucket, Key: outputKey }), { expiresIn: o.presignSeconds });
    if (o.downloadTo) localFile = await download(client.s3, outBucket, outputKey, o.downloadTo, o.signal);
  } catch (err) {
    throw lambdaError(err, "Fetching the Lambda render's output", "SERVICE_UNAVAILABLE");
  }
  const frames = frameCount(progress, totalFrames);
  o.onProgress({ stage: "done", progress: 1, renderedFrames: frames, encodedFrames: frames, totalFrames: frames });
  const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  return {
    renderId,
    bucketName: outBucket,
    outputKey,
    url,
    localFile,
    sizeBytes,
    costs: { accruedSoFar: progress.costs.accruedSoFar, currency: progress.costs.currency, displayCost: progress.costs.displayCost, disclaimer: progress.costs.disclaimer },
    lambdasInvoked: progress.lambdasInvoked,
    chunks: progress.chunks,
    timings: {
      wallSeconds: (performance.now() - started) / 1000,
      renderFramesSeconds: seconds(progress.timeToRenderFrames),
      encodeSeconds: seconds(progress.timeToEncode),
      combineSeconds: seconds(progress.timeToCombine),
      finishSeconds: seconds(progress.timeToFinish),
    },
  };
};

const frameCount = (p: LambdaProgress, totalFrames: number) => {
  const meta = p.renderMetadata;
  return meta?.type === "video" ? meta.frameRange[1] - meta.frameRange[0] + 1 : totalFrames;
};

const pollUntilDone = async (a: {
  renderId: string;
  bucketName: string;
  totalFrames: number;
  aws: { region: AwsRegion; forcePathStyle: boolean; requestHandler?: RequestHandler };
  started: number;
  o: InternalOptions;
}): Promise<LambdaProgress> => {
  const { o } = a;
  // A progress read that fails for a passing reason (throttling, a dropped connection, a progress
  // file caught mid-write) is tried again at the next poll; only this many in a row end the render.
  const MAX_TRANSIENT_FAILURES = 5;
  let failures = 0;
  for (;;) {
    if (o.signal?.aborted) throw new ReelgenError({ code: "ABORTED", message: "The Lambda render was cancelled" });
    if (performance.now() - a.started > o.timeoutMs) {
      throw new ReelgenError({ code: "TIMED_OUT", message: `The Lambda render ${a.renderId} ran past ${Math.round(o.timeoutMs / 1000)} s` });
    }
    let p: LambdaProgress;
    try {
      p = await getRenderProgress({ ...a.aws, functionName: o.client.functionName, bucketName: a.bucketName, renderId: a.renderId, logLevel: "error" });
    } catch (err) {
      const error = lambdaError(err, "Reading the Lambda render's progress", "SERVICE_UNAVAILABLE");
      if (error.code !== "SERVICE_UNAVAILABLE" || ++failures >= MAX_TRANSIENT_FAILURES) throw error;
      await sleep(o.pollIntervalMs, o.signal);
      continue;
    }
    failures = 0;
    if (p.fatalErrorEncountered) {
      // Remotion's words (chunk, frame, stack) stay in the cause; the message says what happened.
      const detail = p.errors.filter((e) => e.isFatal).map((e) => `${e.type}${e.chunk === null ? "" : ` chunk ${e.chunk}`}: ${e.message}`);
      throw new ReelgenError({ code: "RENDER_FAILED", message: `The Lambda render ${a.renderId} failed`, cause: new Error(detail.join("\n") || "fatal error without details", { cause: p.errors }) });
    }
    const total = frameCount(p, a.totalFrames);
    if (p.done) return p;
    const combining = (p.encodingStatus?.combinedFrames ?? 0) > 0 || p.timeToRenderFrames !== null;
    o.onProgress({
      stage: combining ? "encoding" : "rendering",
      progress: p.overallProgress,
      renderedFrames: p.framesRendered,
      encodedFrames: p.encodingStatus?.framesEncoded ?? 0,
      totalFrames: total,
    });
    await sleep(o.pollIntervalMs, o.signal);
  }
};

const sleep = (ms: number, signal: AbortSignal | null) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });

/** Streams the object into `file` through a temp name, so a failure leaves nothing behind. */
const download = async (s3: S3Client, bucket: string, key: string, file: string, signal: AbortSignal | null) => {
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temp = `${file}.${process.pid}.part`;
  try {
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal ?? undefined });
    await pipeline(object.Body as Readable, createWriteStream(temp), { signal: signal ?? undefined });
    await rename(temp, file);
  } finally {
    await rm(temp, { force: true });
  }
  return file;
};

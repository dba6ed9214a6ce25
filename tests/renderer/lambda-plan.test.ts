import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveBrowserExecutable } from "../../renderer/browser";
import { renderPlanOnLambda, type PlanOnLambdaResult } from "../../renderer/lambda/render-plan-on-lambda";
import { verifyLambdaWebhook } from "../../renderer/lambda/verify-lambda-webhook";
import { prepareRender, type RenderPlan } from "../../renderer/render-plan";
import { renderVideo } from "../../renderer/render-video";
import type { RenderProgress, RenderVideoResult } from "../../renderer/video-formats";
import { LocalStorage, S3Storage } from "../../renderer/storage/index";
import { scriptSources } from "../../script";
import { shortScript, tempDir, toneWav } from "./fixtures";
import { decodeFrame, meanAbsDiff, probeStreams } from "./video-frames";
import { deployTestSite, startLambdaHarness, startWebhookReceiver, type LambdaHarness, type WebhookReceiver } from "./lambda-harness";

const BUCKET = "remotionlambda-useast1-reelgenplan";
const FRAMES_PER_LAMBDA = 25;

describe("a RenderPlan on Remotion Lambda (real serverless handlers in-process, s3rver bucket, fake AWS endpoint)", () => {
  let h: LambdaHarness;
  let chromium: string;
  let serveUrl: string;
  let functionName: string;
  let storage: S3Storage;
  let plan: RenderPlan;
  let dir: string;
  let script: ReturnType<typeof shortScript>;

  beforeAll(async () => {
    const cacheDir = process.env.REELGEN_CACHE_DIR || undefined;
    chromium = await resolveBrowserExecutable({ cacheDir, browserExecutable: process.env.REELGEN_BROWSER || undefined });
    h = await startLambdaHarness({ chromium, maxConcurrency: 2 });
    ({ functionName, serveUrl } = await deployTestSite(h, { bucket: BUCKET, siteName: "reelgen-plan" }));
    storage = new S3Storage({ bucket: BUCKET, endpoint: h.s3Endpoint, region: h.region, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" }, forcePathStyle: true });

    // A voiced script (espeak-ng) with a music file beside it: local assets the functions need.
    dir = tempDir();
    writeFileSync(path.join(dir, "music.wav"), toneWav(4, 330));
    script = shortScript({ music: { src: "music.wav", volume: 0.3 } });
    plan = await prepareRender({ script, template: "minidrama", assetBaseDir: dir, outputs: [{ outputPath: path.join(dir, "lambda", "out.mp4"), format: "mp4", resolution: "480p" }] });
  });

  /** Where every render of these tests goes: the deployed function, its bucket (assets there too) and site. */
  const onLambda = () => ({ client: { region: h.region, functionName, bucketName: BUCKET, s3: h.s3, forcePathStyle: true }, storage, serveUrl, assetPrefix: "assets" });

  afterAll(async () => {
    storage?.close();
    await h?.close();
  });

  let lambda: PlanOnLambdaResult;
  let local: RenderVideoResult;
  let webhook: WebhookReceiver;

  it("renders the plan's output on Lambda with assets from the bucket, and it equals a local render", async () => {
    expect(plan.speech).not.toBeNull();
    expect(scriptSources(plan.script).filter((s) => !/^https?:/.test(s.src)).length).toBeGreaterThanOrEqual(3); // two lines' speech and the music

    webhook = await startWebhookReceiver();

    h.calls.length = 0;
    h.invocations.length = 0;
    const progress: RenderProgress[] = [];
    lambda = await renderPlanOnLambda(plan, 0, {
      ...onLambda(),
      outputKey: "renders/plan-test/out.mp4",
      framesPerLambda: FRAMES_PER_LAMBDA,
      pollIntervalMs: 250,
      timeoutMs: 240_000,
      webhook: { url: webhook.url, secret: "plan-secret", customData: { renderId: "plan-1" } },
      onProgress: (p) => {
        // A function that failed where nobody awaits it (the async launch) ends the wait at once.
        if (h.functionErrors.length) throw h.functionErrors[0];
        progress.push(p);
      },
    });
    expect(h.functionErrors).toEqual([]);

    // The local render of the same script, size and format.
    local = await renderVideo({ script, template: "minidrama", assetBaseDir: dir, outputPath: path.join(dir, "local", "out.mp4"), format: "mp4", resolution: "480p", concurrency: 2, browserExecutable: chromium });

    // The props the functions got name every asset by a presigned URL of the bucket, never a local file or loopback server of ours.
    const start = h.calls.find((c) => c.operation === "Invoke" && (c.body as { type: string }).type === "start")!.body as { inputProps: { type: string; payload: string } };
    expect(start.inputProps.type).toBe("payload");
    const props = JSON.parse(start.inputProps.payload) as { format: string };
    expect(props.format).toBe(plan.outputs[0]!.aspect);
    const sources = scriptSources(props as never).map((s) => s.src);
    expect(sources.length).toBe(scriptSources(plan.script).length);
    for (const src of sources) {
      expect(src.startsWith(`${h.s3Endpoint}/${BUCKET}/assets/`), src).toBe(true);
      expect(src).toMatch(/^[^?]+\/assets\/[0-9a-f]{64}\.wav\?.*X-Amz-Signature=/);
    }
    // …and those objects are there, the music once under its content hash.
    const { Contents = [] } = await h.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "assets/" }));
    expect(new Set(sources.map((s) => new URL(s).pathname.slice(`/${BUCKET}/`.length)))).toEqual(new Set(Contents.map((o) => o.Key)));

    // The output went through the same finishing as a local one: loudness, captions, quality report.
    expect(lambda).toMatchObject({ outputPath: path.join(dir, "lambda", "out.mp4"), format: "mp4", codec: "h264", width: 480, height: 854, durationInFrames: plan.durationInFrames });
    expect(existsSync(lambda.captions!.srt)).toBe(true);
    expect(readFileSync(lambda.captions!.srt, "utf8")).toBe(readFileSync(local.captions!.srt, "utf8"));
    expect(existsSync(lambda.quality.file)).toBe(true);
    expect(lambda.loudness).not.toBeNull();
    expect(Math.abs(lambda.loudness!.outputLufs - local.loudness!.outputLufs)).toBeLessThan(1);
    expect(Math.abs(lambda.loudness!.inputLufs - local.loudness!.inputLufs)).toBeLessThan(1);

    // Lambda's figures: cost from billed time, a renderer per chunk.
    const chunks = Math.ceil(plan.durationInFrames / FRAMES_PER_LAMBDA);
    expect(lambda.lambda.costs.accruedSoFar).toBeGreaterThan(0);
    expect(lambda.lambda.costs.currency).toBe("USD");
    expect(lambda.lambda.chunks).toBe(chunks);
    expect(lambda.lambda.lambdasInvoked).toBe(chunks);
    expect(h.invocations.filter((i) => i.type === "renderer")).toHaveLength(chunks);

    const [lv, la] = [await probeStreams(lambda.outputPath), await probeStreams(local.outputPath)];
    const video = lv.find((s) => s.codec_type === "video")!;
    expect(video).toMatchObject({ codec_name: "h264", width: 480, height: 854 });
    expect(Number(video.nb_read_frames)).toBe(plan.durationInFrames);
    expect(video.nb_read_frames).toBe(la.find((s) => s.codec_type === "video")!.nb_read_frames);
    expect(lv.find((s) => s.codec_type === "audio")).toMatchObject({ codec_name: "aac" });

    // Pixels at every chunk join and both ends equal the local render.
    const joins = Array.from({ length: chunks - 1 }, (_, i) => (i + 1) * FRAMES_PER_LAMBDA).flatMap((n) => [n - 1, n]);
    const diffs: string[] = [];
    for (const n of [0, ...joins, plan.durationInFrames - 1]) {
      const diff = meanAbsDiff(await decodeFrame(lambda.outputPath, n), await decodeFrame(local.outputPath, n));
      diffs.push(`${n}: ${diff.toFixed(3)}`);
      expect(diff, `frame ${n}`).toBeLessThan(2);
    }
    // A join that dropped or repeated a frame would compare frame n with n±1: that must show.
    const shifted = meanAbsDiff(await decodeFrame(lambda.outputPath, FRAMES_PER_LAMBDA), await decodeFrame(local.outputPath, FRAMES_PER_LAMBDA + 10));
    expect(shifted).toBeGreaterThan(2);

    // Progress in our shape: Lambda's rendering, then the finishing here, done once at the end.
    expect(progress.some((p) => p.stage === "rendering")).toBe(true);
    expect(progress.some((p) => p.stage === "mixing")).toBe(true);
    expect(progress.filter((p) => p.stage === "done")).toHaveLength(1);
    expect(progress.at(-1)?.stage).toBe("done");
    process.stderr.write(
      `plan on lambda: ${plan.durationInFrames} frames in ${chunks} chunks, ${lambda.lambda.timings.wallSeconds.toFixed(1)} s (in-process, ≤2 at once), cost $${lambda.lambda.costs.accruedSoFar.toFixed(5)}; ` +
        `local renderVideo ${local.wallSeconds.toFixed(1)} s; loudness ${lambda.loudness!.outputLufs.toFixed(1)} vs ${local.loudness!.outputLufs.toFixed(1)} LUFS; mean abs diff at ${diffs.join(", ")}; shifted ${shifted.toFixed(2)}\n`,
    );
  });

  it("Lambda's webhook arrives signed and verifies", async () => {
    await h.idle();
    await webhook.close();
    const webhookBody = webhook.last();
    expect(webhookBody).not.toBeNull();
    const payload = verifyLambdaWebhook({ secret: "plan-secret", rawBody: webhookBody!.raw, headers: webhookBody!.headers });
    expect(payload).toMatchObject({ type: "success", renderId: lambda.lambda.renderId, customData: { renderId: "plan-1" } });
    expect(() => verifyLambdaWebhook({ secret: "wrong", rawBody: webhookBody!.raw, headers: webhookBody!.headers })).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
  });

  it("a GIF output (every 2nd frame, no audio) renders on Lambda with the local render's frame count", async () => {
    const gifPlan = await prepareRender({ script, template: "minidrama", assetBaseDir: dir, outputs: [{ outputPath: path.join(dir, "gif", "out.gif"), format: "gif", resolution: "480p" }] });
    const gif = await renderPlanOnLambda(gifPlan, 0, {
      ...onLambda(),
      outputKey: "renders/plan-test/out.gif",
      framesPerLambda: 38,
      pollIntervalMs: 250,
      timeoutMs: 240_000,
    });
    expect(h.functionErrors).toEqual([]);
    const local = await renderVideo({ script, template: "minidrama", assetBaseDir: dir, outputPath: path.join(dir, "gif-local", "out.gif"), format: "gif", resolution: "480p", concurrency: 2, browserExecutable: chromium });
    const [lv, lo] = [await probeStreams(gif.outputPath), await probeStreams(local.outputPath)];
    expect(lv).toEqual([expect.objectContaining({ codec_type: "video", codec_name: "gif", width: 480, height: 854 })]);
    expect(lv[0]!.nb_read_frames).toBe(lo[0]!.nb_read_frames);
    expect(Number(lv[0]!.nb_read_frames)).toBe(Math.ceil(gifPlan.durationInFrames / 2));
    expect(gif).toMatchObject({ format: "gif", loudness: null, captions: null });
    expect(gif.lambda.costs.accruedSoFar).toBeGreaterThan(0);
  });

  it("cancelling stops the render on Lambda: ABORTED, and nothing is left at the output path", async () => {
    const cancelled = await prepareRender({ script, template: "minidrama", assetBaseDir: dir, outputs: [{ outputPath: path.join(dir, "cancelled", "out.mp4"), format: "mp4", resolution: "480p" }] });
    const controller = new AbortController();
    const err = await renderPlanOnLambda(cancelled, 0, {
      ...onLambda(),
      outputKey: "renders/plan-test/cancelled.mp4",
      framesPerLambda: FRAMES_PER_LAMBDA,
      pollIntervalMs: 200,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.renderedFrames > 0) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "ABORTED" });
    await h.idle();
    expect(h.functionErrors).toEqual([]);
    expect(existsSync(path.join(dir, "cancelled"))).toBe(false);
    const { Contents = [] } = await h.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "renders/plan-test/cancelled.mp4" }));
    expect(Contents).toEqual([]);
  });

  it("refuses storage without URLs (a local folder), leaving no output", async () => {
    h.calls.length = 0;
    const err = await renderPlanOnLambda(plan, 0, {
      ...onLambda(),
      storage: new LocalStorage({ root: tempDir() }),
      outputKey: "renders/plan-test/never.mp4",
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "INVALID_ARGUMENT", message: expect.stringContaining("has no URLs the Lambda functions can fetch") });
    expect(h.calls).toEqual([]);
    expect(existsSync(path.join(dir, "lambda", "out.mp4"))).toBe(true); // the earlier render's, untouched
    expect(readdirSync(path.join(dir, "lambda")).filter((f) => f.includes(".partial"))).toEqual([]);
  });

  it("rejects a still or missing output and a bad asset prefix, naming the field", async () => {
    const base = { client: { region: h.region, functionName, bucketName: BUCKET, s3: h.s3 }, storage, serveUrl, outputKey: "x.mp4" };
    await expect(renderPlanOnLambda(plan, 3, { ...base, assetPrefix: "assets" })).rejects.toMatchObject({ code: "INVALID_ARGUMENT", message: "output: 3 is not a video output of this plan" });
    await expect(renderPlanOnLambda(plan, 0, { ...base, assetPrefix: "../up" })).rejects.toMatchObject({ code: "INVALID_ARGUMENT", problems: [{ path: "assetPrefix" }] });
    await expect(renderPlanOnLambda(plan, 0, { ...base, assetPrefix: "assets", assetUrlSeconds: 30 * 86_400 })).rejects.toMatchObject({ code: "INVALID_ARGUMENT", message: expect.stringMatching(/^assetUrlSeconds:/) });
  });
});

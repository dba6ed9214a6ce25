import { execFile } from "node:child_process";
import { readFileSync, statSync, symlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { renderMedia, selectComposition } from "@remotion/renderer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveBrowserExecutable } from "../../renderer/browser";
import { BUNDLE_INPUTS, ensureBundle } from "../../renderer/bundle-cache";
import { PROJECT_ROOT } from "../../renderer/project-paths";
import { checkRenderInput } from "../../renderer/prepare-render";
import { deployLambda, lambdaStatus, removeLambda } from "../../renderer/lambda/lambda-site";
import { renderOnLambda, type LambdaRenderResult } from "../../renderer/lambda/render-on-lambda";
import { verifyLambdaWebhook } from "../../renderer/lambda/verify-lambda-webhook";
import type { RenderProgress } from "../../renderer/render-video";
import { frameSize } from "../../script";
import { ReelgenError } from "../../script/reelgen-error";
import { runCli, shortScript, tempDir, toneWav } from "./fixtures";
import { decodeFrame, meanAbsDiff, probeStreams } from "./video-frames";
import { startLambdaHarness, startWebhookReceiver, type LambdaHarness, type WebhookReceiver } from "./lambda-harness";

const run = promisify(execFile);

/**
 * The bundle of the committed tree (`git archive HEAD` of the bundle inputs): what `reelgen lambda
 * deploy` would upload from a clean checkout. Built once per content hash into its own cache
 * folder, so it never prunes the checkout's bundles. Not the working tree's: files others are
 * editing must not decide whether this test passes.
 */
const committedBundle = async () => {
  const root = tempDir();
  const { stdout } = await run("git", ["ls-tree", "HEAD", "--name-only"], { cwd: PROJECT_ROOT });
  const inputs = BUNDLE_INPUTS.filter((i) => stdout.split("\n").includes(i));
  await run("sh", ["-c", `git archive HEAD ${inputs.join(" ")} | tar -x -C "${root}"`], { cwd: PROJECT_ROOT });
  symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  return (await ensureBundle({ projectRoot: root, cacheDir: path.join(os.tmpdir(), "reelgen-lambda-test-cache") })).serveUrl;
};
const BUCKET = "remotionlambda-useast1-reelgentest";
const FRAMES_PER_LAMBDA = 25;

describe("Remotion Lambda (real serverless handlers in-process, s3rver bucket, fake AWS endpoint)", () => {
  let h: LambdaHarness;
  let chromium: string;
  let bundleDir: string;
  let serveUrl: string;
  let functionName: string;

  beforeAll(async () => {
    const cacheDir = process.env.REELGEN_CACHE_DIR || undefined;
    chromium = await resolveBrowserExecutable({ cacheDir, browserExecutable: process.env.REELGEN_BROWSER || undefined });
    bundleDir = await committedBundle();
    h = await startLambdaHarness({ chromium, maxConcurrency: 2 });
    await h.s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  });

  afterAll(async () => {
    await h?.close();
  });

  it("deploys the function and our prebuilt bundle as a site, with the AWS calls Remotion makes", async () => {
    const steps: string[] = [];
    const result = await deployLambda({ region: h.region, memoryMb: 2048, timeoutSeconds: 120, diskMb: 2048, bundleDir, siteName: "reelgen-test", bucketName: BUCKET, forcePathStyle: true, onProgress: (step) => steps.push(step) });
    functionName = result.functionName;
    serveUrl = `${h.s3Endpoint}/${BUCKET}/sites/reelgen-test/index.html`;
    expect(result).toMatchObject({ region: "us-east-1", functionAlreadyExisted: false, bucketName: BUCKET, siteName: "reelgen-test" });
    expect(functionName).toMatch(/^remotion-render-4-0-527-mem2048mb-disk2048mb-120sec$/);
    expect(steps).toEqual(["function", "bucket", "site"]);
    expect(result.uploadedFiles).toBeGreaterThan(1);

    // The site is our bundle, byte for byte, served from the bucket.
    const index = await (await fetch(serveUrl)).text();
    expect(index).toBe(readFileSync(path.join(bundleDir, "index.html"), "utf8"));

    // Contract: what went to AWS, in order, with the parameters we chose.
    const ops = h.calls.map((c) => `${c.service}:${c.operation}`);
    // (deploySiteFromBundle asks STS for the account id again, as the expected bucket owner.)
    expect(ops).toEqual(["sts:GetCallerIdentity", "lambda:ListFunctions", "logs:CreateLogGroup", "logs:PutRetentionPolicy", "lambda:CreateFunction", "lambda:TagResource", "lambda:PutFunctionEventInvokeConfig", "lambda:GetFunction", "lambda:PutRuntimeManagementConfig", "sts:GetCallerIdentity"]);
    const create = h.calls.find((c) => c.operation === "CreateFunction")!.body as Record<string, unknown>;
    expect(create).toMatchObject({
      FunctionName: functionName,
      MemorySize: 2048,
      Timeout: 120,
      EphemeralStorage: { Size: 2048 },
      Handler: "index.handler",
      Architectures: ["arm64"],
      Role: "arn:aws:iam::123456789012:role/remotion-lambda-role",
    });
    expect(h.functions.get(functionName)!.zipBytes).toBeGreaterThan(1_000_000);
    expect(h.calls.find((c) => c.operation === "CreateLogGroup")!.body).toEqual({ logGroupName: `/aws/lambda/${functionName}` });
    expect(h.calls.find((c) => c.operation === "PutRetentionPolicy")!.body).toMatchObject({ retentionInDays: 14 });
    expect(h.calls.find((c) => c.operation === "PutFunctionEventInvokeConfig")!.body).toMatchObject({ MaximumRetryAttempts: 0 });
    // Every call was signed for the right service and region.
    for (const c of h.calls) expect(c.headers.authorization).toMatch(new RegExp(`^AWS4-HMAC-SHA256 Credential=S3RVER/\\d{8}/us-east-1/${c.service === "logs" ? "logs" : c.service}/aws4_request`));

    // Deploying again reuses the function and uploads nothing new.
    h.calls.length = 0;
    const again = await deployLambda({ region: h.region, memoryMb: 2048, timeoutSeconds: 120, diskMb: 2048, bundleDir, siteName: "reelgen-test", bucketName: BUCKET, forcePathStyle: true });
    expect(again).toMatchObject({ functionAlreadyExisted: true, uploadedFiles: 0 });
    expect(h.calls.map((c) => c.operation)).not.toContain("CreateFunction");
  });

  it("rejects bad deploy options naming each field, before any AWS call", async () => {
    h.calls.length = 0;
    const err = await deployLambda({ region: h.region, memoryMb: 100, timeoutSeconds: 5000, diskMb: 2048, bundleDir, siteName: "Bad Name", bucketName: BUCKET }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReelgenError);
    expect((err as ReelgenError).code).toBe("INVALID_ARGUMENT");
    expect((err as ReelgenError).problems.map((p) => p.path)).toEqual(["memoryMb", "timeoutSeconds", "siteName"]);
    expect(h.calls).toEqual([]);
  });

  let lambda: LambdaRenderResult;
  let lambdaSeconds: number;
  let localFile: string;
  let localSeconds: number;
  let webhook: WebhookReceiver;

  it("renders 75 frames in 3 chunks on Lambda and matches a local render of the same frames", async () => {
    const dir = tempDir();
    await h.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: "assets/tone.wav", Body: toneWav(3, 440), ContentType: "audio/wav" }));
    const { script } = checkRenderInput(shortScript({ music: { src: `${h.s3Endpoint}/${BUCKET}/assets/tone.wav`, volume: 0.5 } }), "minidrama");
    const inputProps = script as unknown as Record<string, unknown>;
    const { width, height } = frameSize(script.format, "480p");

    webhook = await startWebhookReceiver();

    h.calls.length = 0;
    h.invocations.length = 0;
    const progress: RenderProgress[] = [];
    const started = performance.now();
    lambda = await renderOnLambda(
      { serveUrl, compositionId: "minidrama", inputProps, codec: "h264", width, height, frames: [0, 74], outputKey: "renders/test/out.mp4", framesPerLambda: FRAMES_PER_LAMBDA, webhook: { url: webhook.url, secret: "hook-secret", customData: { renderId: "r1" } } },
      {
        client: { region: h.region, functionName, bucketName: BUCKET, s3: h.s3, forcePathStyle: true },
        downloadTo: path.join(dir, "lambda.mp4"),
        pollIntervalMs: 250,
        timeoutMs: 170_000,
        onProgress: (p) => {
          // A function that failed where nobody awaits it (the async launch) ends the wait at once.
          if (h.functionErrors.length) throw h.functionErrors[0];
          progress.push(p);
        },
      },
    );
    lambdaSeconds = (performance.now() - started) / 1000;
    expect(h.functionErrors).toEqual([]);

    // The local render of the same composition, props, size and frames, with Remotion's defaults as on Lambda.
    localFile = path.join(dir, "local.mp4");
    const localStarted = performance.now();
    const composition = await selectComposition({ serveUrl: bundleDir, id: "minidrama", inputProps, browserExecutable: chromium, logLevel: "error" });
    await renderMedia({ composition: { ...composition, width, height }, serveUrl: bundleDir, inputProps, codec: "h264", outputLocation: localFile, browserExecutable: chromium, concurrency: 2, frameRange: [0, 74], logLevel: "error" });
    localSeconds = (performance.now() - localStarted) / 1000;

    // The output: where we asked, fetched back from the bucket, the same bytes as the local copy.
    expect(lambda).toMatchObject({ bucketName: BUCKET, outputKey: "renders/test/out.mp4", chunks: 3, localFile: path.join(dir, "lambda.mp4") });
    expect(statSync(lambda.localFile!).size).toBe(lambda.sizeBytes);
    const viaUrl = Buffer.from(await (await fetch(lambda.url)).arrayBuffer());
    expect(viaUrl.equals(readFileSync(lambda.localFile!))).toBe(true);
    expect(lambda.url).toContain("X-Amz-Signature=");
    const fromBucket = await h.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: "renders/test/out.mp4" }));
    expect(Buffer.from(await fromBucket.Body!.transformToByteArray()).equals(viaUrl)).toBe(true);

    // Cost as Remotion computes it from billed time, and its timings.
    expect(lambda.costs.currency).toBe("USD");
    expect(lambda.costs.accruedSoFar).toBeGreaterThan(0);
    expect(lambda.lambdasInvoked).toBe(3); // the renderer functions, as Remotion counts them
    expect(lambda.timings.finishSeconds).toBeGreaterThan(0);

    const [lv, la] = [(await probeStreams(lambda.localFile!)), await probeStreams(localFile)];
    const video = lv.find((s) => s.codec_type === "video")!;
    const localVideo = la.find((s) => s.codec_type === "video")!;
    expect(video).toMatchObject({ codec_name: "h264", width: 480, height: 854 });
    expect(Number(video.nb_read_frames)).toBe(75);
    expect(video.nb_read_frames).toBe(localVideo.nb_read_frames);
    expect(lv.find((s) => s.codec_type === "audio")).toMatchObject({ codec_name: "aac" });
    expect(la.find((s) => s.codec_type === "audio")).toMatchObject({ codec_name: "aac" });

    // Pixels at the chunk joins (24|25, 49|50) and at both ends equal the local render.
    const diffs: string[] = [];
    for (const n of [0, 24, 25, 49, 50, 74]) {
      const diff = meanAbsDiff(await decodeFrame(lambda.localFile!, n), await decodeFrame(localFile, n));
      diffs.push(`${n}: ${diff.toFixed(3)}`);
      expect(diff, `frame ${n}`).toBeLessThan(2);
    }
    // A join that dropped or repeated a frame would compare frame n with n±1: make sure that is caught.
    const shifted = meanAbsDiff(await decodeFrame(lambda.localFile!, 25), await decodeFrame(localFile, 35));
    expect(shifted).toBeGreaterThan(2);
    process.stderr.write(`mean abs diff (0-255) Lambda vs local at frames ${diffs.join(", ")}; frame 25 vs local 35: ${shifted.toFixed(2)}\n`);

    // Progress was reported in our shape and ended done.
    expect(progress.at(-1)).toEqual({ stage: "done", progress: 1, renderedFrames: 75, encodedFrames: 75, totalFrames: 75 });
    expect(progress.some((p) => p.stage === "rendering")).toBe(true);

    // The functions ran as on Lambda: start (sync) → launch (async) → 3 renderers (streamed),
    // never more than 2 at once; progress came from the status routine.
    expect(h.invocations.filter((i) => i.type === "renderer")).toHaveLength(3);
    expect(h.invocations.slice(0, 2)).toEqual([
      { functionName, type: "start", mode: "sync" },
      { functionName, type: "launch", mode: "event" },
    ]);
    expect(h.invocations.filter((i) => i.type === "renderer").every((i) => i.mode === "streaming")).toBe(true);
    expect(h.peakConcurrency()).toBeLessThanOrEqual(2);
    process.stderr.write(`lambda render (in-process, 3 chunks, ≤2 at once): ${lambdaSeconds.toFixed(1)} s; local renderMedia: ${localSeconds.toFixed(1)} s\n`);
  });

  it("sends the render parameters we chose in the start payload", () => {
    const start = h.calls.find((c) => c.operation === "Invoke" && (c.body as { type: string }).type === "start")!;
    expect(start.path).toBe(`/2015-03-31/functions/${functionName}/invocations`);
    expect(start.headers["x-amz-invocation-type"]).toBe("RequestResponse");
    expect(start.body).toMatchObject({
      type: "start",
      serveUrl,
      composition: "minidrama",
      codec: "h264",
      forceWidth: 480,
      forceHeight: 854,
      frameRange: [0, 74],
      framesPerLambda: FRAMES_PER_LAMBDA,
      outName: { bucketName: BUCKET, key: "renders/test/out.mp4" },
      bucketName: BUCKET,
      privacy: "private",
      overwrite: true,
      enableCancellation: true,
      webhook: { secret: "hook-secret", customData: { renderId: "r1" } },
    });
    const launch = h.calls.find((c) => c.operation === "Invoke" && (c.body as { type: string }).type === "launch")!;
    expect(launch.headers["x-amz-invocation-type"]).toBe("Event");
    const status = h.calls.filter((c) => c.operation === "Invoke" && (c.body as { type: string }).type === "status");
    expect(status.length).toBeGreaterThan(0);
    expect(status[0]!.body).toMatchObject({ bucketName: BUCKET, renderId: lambda.renderId });
  });

  it("delivers a signed webhook that verifies, and rejects a tampered one", async () => {
    await webhook.close();
    const webhookBody = webhook.last();
    expect(webhookBody).not.toBeNull();
    const payload = verifyLambdaWebhook({ secret: "hook-secret", rawBody: webhookBody!.raw, headers: webhookBody!.headers });
    expect(payload).toMatchObject({ type: "success", renderId: lambda.renderId, customData: { renderId: "r1" }, outputFile: expect.any(String) });
    const tampered = webhookBody!.raw.replace('"success"', '"error"');
    expect(() => verifyLambdaWebhook({ secret: "hook-secret", rawBody: tampered, headers: webhookBody!.headers })).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED", message: "Lambda webhook: the signature does not match" }));
    expect(() => verifyLambdaWebhook({ secret: "other", rawBody: webhookBody!.raw, headers: webhookBody!.headers })).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED" }));
    expect(() => verifyLambdaWebhook({ secret: "hook-secret", rawBody: webhookBody!.raw, headers: {} })).toThrow(expect.objectContaining({ code: "UNAUTHENTICATED", message: "Lambda webhook: no X-Remotion-Signature header" }));
  });

  it("cancels the render on Lambda when the signal aborts: ABORTED, the renderers stop, no output", async () => {
    const { script } = checkRenderInput(shortScript(), "minidrama");
    const controller = new AbortController();
    h.invocations.length = 0;
    const err = await renderOnLambda(
      { serveUrl, compositionId: "minidrama", inputProps: script as unknown as Record<string, unknown>, codec: "h264", width: 480, height: 854, outputKey: "renders/test/cancelled.mp4", framesPerLambda: FRAMES_PER_LAMBDA },
      {
        client: { region: h.region, functionName, bucketName: BUCKET, s3: h.s3, forcePathStyle: true },
        signal: controller.signal,
        pollIntervalMs: 200,
        onProgress: (p) => {
          if (p.renderedFrames > 0) controller.abort();
        },
      },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "ABORTED", message: "The Lambda render was cancelled" });
    await h.idle();
    expect(h.functionErrors).toEqual([]);
    // The cancel signal Remotion's renderers poll for is in the bucket, and the output never appeared.
    const { Contents = [] } = await h.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "renders/" }));
    expect(Contents.some((o) => /^renders\/[a-z0-9]+\/cancel\.json$/.test(o.Key!))).toBe(true);
    expect(Contents.some((o) => o.Key === "renders/test/cancelled.mp4")).toBe(false);
  });

  it("a function that does not exist is NOT_FOUND, with AWS's words in the cause", async () => {
    const err = (await renderOnLambda(
      { serveUrl, compositionId: "minidrama", inputProps: {}, codec: "h264", outputKey: "x.mp4" },
      { client: { region: h.region, functionName: "remotion-render-missing", bucketName: BUCKET, s3: h.s3, forcePathStyle: true } },
    ).catch((e: unknown) => e)) as ReelgenError;
    expect(err).toMatchObject({ code: "NOT_FOUND", message: "Starting the Lambda render failed: not found on AWS (deploy it first: reelgen lambda deploy)" });
    expect((err.cause as Error).name).toBe("ResourceNotFoundException");
    expect((err.cause as Error).message).toContain("Function not found");
  });

  it("a render that fails inside the functions is RENDER_FAILED, with Remotion's error in the cause", async () => {
    const err = (await renderOnLambda(
      { serveUrl, compositionId: "no-such-template", inputProps: {}, codec: "h264", outputKey: "x.mp4" },
      { client: { region: h.region, functionName, bucketName: BUCKET, s3: h.s3, forcePathStyle: true }, pollIntervalMs: 200, timeoutMs: 60_000 },
    ).catch((e: unknown) => e)) as ReelgenError;
    await h.idle();
    expect(err).toBeInstanceOf(ReelgenError);
    expect(err.code).toBe("RENDER_FAILED");
    expect(err.message).toMatch(/^The Lambda render [a-z0-9]+ failed$/);
    expect((err.cause as Error).message).toContain("no-such-template");
  });

  it("rejects a bad render input naming each field, before any AWS call", async () => {
    h.calls.length = 0;
    const err = (await renderOnLambda(
      { serveUrl: "file:///tmp/site", compositionId: "", inputProps: {}, codec: "mp3" as never, width: 480, frames: [10, 5], outputKey: "/abs.mp4", framesPerLambda: 2 },
      { client: { region: h.region, functionName, bucketName: BUCKET, s3: h.s3 } },
    ).catch((e: unknown) => e)) as ReelgenError;
    expect(err.code).toBe("INVALID_ARGUMENT");
    expect(err.problems.map((p) => p.path)).toEqual(["serveUrl", "compositionId", "codec", "height", "frames", "outputKey", "framesPerLambda"]);
    expect(h.calls).toEqual([]);
  });

  it("lists and removes the function and the site", async () => {
    const status = await lambdaStatus({ region: h.region, bucketName: BUCKET, forcePathStyle: true });
    expect(status.functions).toEqual([{ functionName, version: "4.0.527", memoryMb: 2048, diskMb: 2048, timeoutSeconds: 120, compatible: true }]);
    expect(status.sites).toEqual([expect.objectContaining({ siteName: "reelgen-test", bucketName: BUCKET })]);
    h.calls.length = 0;
    const removed = await removeLambda({ region: h.region, functionName, siteName: "reelgen-test", bucketName: BUCKET, forcePathStyle: true });
    expect(removed.deletedFunctions).toEqual([functionName]);
    expect(removed.deletedSites).toEqual([expect.objectContaining({ siteName: "reelgen-test", bucketName: BUCKET })]);
    expect(h.calls.find((c) => c.operation === "DeleteFunction")).toMatchObject({ method: "DELETE", path: `/2015-03-31/functions/${functionName}` });
    const after = await lambdaStatus({ region: h.region, bucketName: BUCKET, forcePathStyle: true });
    expect(after).toMatchObject({ functions: [], sites: [] });
    expect((await fetch(serveUrl)).status).toBe(404);
  });

  describe("reelgen lambda deploy | status | remove (the CLI in a child process, same fake AWS and s3rver)", () => {
    const NO_CREDENTIALS = { AWS_ACCESS_KEY_ID: "", AWS_SECRET_ACCESS_KEY: "", REMOTION_AWS_ACCESS_KEY_ID: "", REMOTION_AWS_SECRET_ACCESS_KEY: "", AWS_PROFILE: "", REMOTION_AWS_PROFILE: "" };

    it.each([["deploy"], ["status"], ["remove", "--function", "all"]])("lambda %s without AWS credentials exits 2 naming the variables, before any AWS call", async (...args) => {
      h.calls.length = 0;
      const r = await runCli(["lambda", ...args], { env: { ...h.env, ...NO_CREDENTIALS, HOME: tempDir() } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("error [UNAUTHENTICATED]: No AWS credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or REMOTION_AWS_ACCESS_KEY_ID and REMOTION_AWS_SECRET_ACCESS_KEY) are not set; or set AWS_PROFILE / REMOTION_AWS_PROFILE");
      expect(r.stdout).toBe("");
      expect(h.calls).toEqual([]);
    });

    it("names the missing secret when only the key id is set", async () => {
      const r = await runCli(["lambda", "status"], { env: { ...h.env, ...NO_CREDENTIALS, REMOTION_AWS_ACCESS_KEY_ID: "AKIA", HOME: tempDir() } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("AWS_SECRET_ACCESS_KEY (or REMOTION_AWS_SECRET_ACCESS_KEY) is not set");
    });

    it.each([
      [["deploy", "--memory", "lots"], "--memory must be a whole number"],
      [["deploy", "--memory", "100", "--bucket", BUCKET], "memoryMb: must be a whole number from 512 to 10240, got 100"],
      [["status", "--region", "mars-north-1"], 'region: must be a region Remotion Lambda runs in'],
      [["remove"], "Nothing to remove: name a function (--function <name>|all) or a site (--site <name>)"],
    ])("lambda %j exits 2: %s", async (args, message) => {
      const r = await runCli(["lambda", ...args], { env: { ...h.env, HOME: tempDir() } });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(message);
    });

    it("deploys, lists and removes through the CLI", async () => {
      const env = { ...h.env, HOME: tempDir() };
      const flags = ["--bucket", BUCKET, "--force-path-style", "--json"];
      const deployed = await runCli(["lambda", "deploy", "--memory", "1024", "--timeout", "60", "--disk", "1024", "--site", "cli-site", ...flags], { env });
      expect(deployed.stderr).toBe("");
      expect(deployed.code).toBe(0);
      const d = JSON.parse(deployed.stdout) as { functionName: string; serveUrl: string; siteName: string; bucketName: string; uploadedFiles: number };
      expect(d).toMatchObject({ functionName: "remotion-render-4-0-527-mem1024mb-disk1024mb-60sec", siteName: "cli-site", bucketName: BUCKET });
      expect(d.uploadedFiles).toBeGreaterThan(1);
      expect(h.functions.get(d.functionName)).toMatchObject({ memoryMb: 1024, timeoutSeconds: 60, diskMb: 1024 });
      expect((await fetch(`${h.s3Endpoint}/${BUCKET}/sites/cli-site/index.html`)).status).toBe(200);

      const status = await runCli(["lambda", "status", ...flags], { env });
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ functions: [{ functionName: d.functionName, version: "4.0.527", compatible: true }], sites: [{ siteName: "cli-site", bucketName: BUCKET }] });
      const human = await runCli(["lambda", "status", "--bucket", BUCKET, "--force-path-style"], { env });
      expect(human.stdout).toContain(`  ${d.functionName} · Remotion 4.0.527 · 1024 MB · 1024 MB disk · 60 s`);

      const missing = await runCli(["lambda", "remove", "--function", "remotion-render-nope", ...flags], { env });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('error [NOT_FOUND]: function: no Remotion render function "remotion-render-nope" in us-east-1');
      expect(h.functions.has(d.functionName)).toBe(true);

      const removed = await runCli(["lambda", "remove", "--function", "all", "--site", "cli-site", ...flags], { env });
      expect(removed.code).toBe(0);
      expect(JSON.parse(removed.stdout)).toMatchObject({ deletedFunctions: [d.functionName], deletedSites: [{ siteName: "cli-site" }] });
      expect(h.functions.size).toBe(0);
      expect((await fetch(`${h.s3Endpoint}/${BUCKET}/sites/cli-site/index.html`)).status).toBe(404);
    });
  });
});

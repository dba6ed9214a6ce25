import { writeFileSync } from "node:fs";
import path from "node:path";
import { ListObjectsV2Command } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveBrowserExecutable } from "../../renderer/browser";
import { probeMedia } from "../../renderer/probe-media";
import { parseConfig } from "../../server/config";
import { tempDir } from "../renderer/fixtures";
import { deployTestSite, startLambdaHarness, type LambdaHarness } from "../renderer/lambda-harness";
import { startTestServer, type TestServer } from "./harness";
import { readEvents, renderBody, SCRIPT_SECONDS } from "./render-helpers";

const BUCKET = "remotionlambda-useast1-reelgenserver";

describe("RENDER_BACKEND=lambda: configuration", () => {
  it.each([
    [{ RENDER_BACKEND: "lambda" }, "  LAMBDA_FUNCTION: required when RENDER_BACKEND=lambda\n  LAMBDA_REGION: required when RENDER_BACKEND=lambda\n  LAMBDA_BUCKET: required when RENDER_BACKEND=lambda\n  LAMBDA_SERVE_URL: required when RENDER_BACKEND=lambda"],
    [{ RENDER_BACKEND: "lambda", LAMBDA_FUNCTION: "remotion-render-x", LAMBDA_REGION: "us-east-1", LAMBDA_BUCKET: "b-1" }, "  LAMBDA_SERVE_URL: required when RENDER_BACKEND=lambda"],
    [{ RENDER_BACKEND: "aws" }, "  RENDER_BACKEND: "],
    [{ LAMBDA_FUNCTION: "my-fn" }, "  LAMBDA_FUNCTION: must be a Remotion render function name (remotion-render-…)"],
    [{ LAMBDA_SERVE_URL: "sites/x/index.html" }, "  LAMBDA_SERVE_URL: must be an http:// or https:// URL"],
    [{ LAMBDA_FRAMES_PER_LAMBDA: "2" }, "  LAMBDA_FRAMES_PER_LAMBDA: at least 4 (Remotion's minimum)"],
  ])("%j is refused naming the variable", (env, line) => {
    expect(() => parseConfig({ DATA_DIR: "/tmp/reelgen-config-test", ...env })).toThrow(`invalid configuration:\n${line}`);
  });

  it("defaults to local", () => {
    expect(parseConfig({ DATA_DIR: "/tmp/reelgen-config-test" }).RENDER_BACKEND).toBe("local");
  });
});

describe("a render job on Remotion Lambda (real serverless handlers in-process, s3rver bucket, fake AWS endpoint)", () => {
  let h: LambdaHarness;
  let server: TestServer;
  let site: { functionName: string; serveUrl: string };

  beforeAll(async () => {
    const cacheDir = process.env.REELGEN_CACHE_DIR || undefined;
    const chromium = await resolveBrowserExecutable({ cacheDir, browserExecutable: process.env.REELGEN_BROWSER || undefined });
    h = await startLambdaHarness({ chromium, maxConcurrency: 2 });
    site = await deployTestSite(h, { bucket: BUCKET, siteName: "reelgen-server" });
    // The worker finds AWS credentials and endpoints where the SDK looks (the harness set them in process.env).
    server = await startTestServer({
      worker: true,
      env: {
        RENDER_BACKEND: "lambda",
        LAMBDA_FUNCTION: site.functionName,
        LAMBDA_REGION: h.region,
        LAMBDA_BUCKET: BUCKET,
        LAMBDA_SERVE_URL: site.serveUrl,
        LAMBDA_S3_ENDPOINT: h.s3Endpoint,
        LAMBDA_FORCE_PATH_STYLE: "1",
        LAMBDA_FRAMES_PER_LAMBDA: "40",
      },
    });
  });

  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  it("renders on Lambda: progress over SSE, the output in storage, the cost in the API", async () => {
    const user = await server.user();
    h.invocations.length = 0;
    const order = await server.api("/v1/renders", { headers: user.auth, body: renderBody() });
    expect(order.status).toBe(202);
    const id: string = order.body.id;
    expect(order.body.outputs[0].lambda).toBeNull();

    const events = await readEvents(`${server.url}/v1/renders/${id}/events`, user.auth, (e) => e.event === "done" || e.event === "failed", 200_000);
    expect(h.functionErrors).toEqual([]);
    const last = events.at(-1)!;
    expect(last.event, last.data).toBe("done");
    const progress = events.filter((e) => e.event === "progress").map((e) => JSON.parse(e.data) as { progress: number; stage: string });
    expect(progress.some((p) => p.stage === "rendering" && p.progress > 0.1 && p.progress < 0.9)).toBe(true);
    expect(progress.map((p) => p.progress)).toEqual(progress.map((p) => p.progress).sort((a, b) => a - b));

    // It ran on the functions: one renderer per 40 frames.
    const renderers = h.invocations.filter((i) => i.type === "renderer");
    expect(renderers.length).toBeGreaterThanOrEqual(2);

    const render = await server.api(`/v1/renders/${id}`, { headers: user.auth });
    expect(render.body.status).toBe("completed");
    const output = render.body.outputs[0];
    expect(output).toMatchObject({ format: "mp4", width: 480, height: 854, quality: { ok: expect.any(Boolean) } });
    expect(output.lambda.costUsd).toBeGreaterThan(0);
    expect(output.lambda.lambdasInvoked).toBe(renderers.length);

    // The stored output is the video, whole; the Lambda bucket kept the assets, not a second copy of the output.
    const video = await fetch(`${server.url}/v1/renders/${id}/outputs/mp4`, { headers: user.auth });
    expect(video.status).toBe(200);
    const file = path.join(tempDir(), "lambda.mp4");
    writeFileSync(file, Buffer.from(await video.arrayBuffer()));
    const probe = await probeMedia(file);
    expect(probe.video).toMatchObject({ codec: "h264", width: 480, height: 854 });
    expect(probe.audio).not.toBeNull();
    expect(probe.durationSec).toBeGreaterThan(SCRIPT_SECONDS - 0.2);
    const { Contents = [] } = await h.s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: "reelgen/" }));
    const keys = Contents.map((o) => o.Key!);
    expect(keys.filter((k) => k.startsWith("reelgen/outputs/"))).toEqual([]);
    expect(keys.filter((k) => /^reelgen\/assets\/[0-9a-f]{64}\.wav$/.test(k)).length).toBeGreaterThanOrEqual(2);
    process.stderr.write(`server render on lambda: ${renderers.length} renderers, cost $${output.lambda.costUsd.toFixed(5)}, ${probe.durationSec.toFixed(2)} s video\n`);
  });

  it("a function AWS does not know fails the render with a safe message (the operator's mistake, not the caller's input)", async () => {
    const broken = await startTestServer({
      worker: true,
      env: {
        RENDER_BACKEND: "lambda",
        LAMBDA_FUNCTION: "remotion-render-not-deployed",
        LAMBDA_REGION: h.region,
        LAMBDA_BUCKET: BUCKET,
        LAMBDA_SERVE_URL: site.serveUrl,
        LAMBDA_S3_ENDPOINT: h.s3Endpoint,
        LAMBDA_FORCE_PATH_STYLE: "1",
        RENDER_ATTEMPTS: "1",
      },
    });
    try {
      const user = await broken.user();
      const order = await broken.api("/v1/renders", { headers: user.auth, body: renderBody() });
      const events = await readEvents(`${broken.url}/v1/renders/${order.body.id}/events`, user.auth, (e) => e.event === "done" || e.event === "failed", 120_000);
      expect(events.at(-1)!.event).toBe("failed");
      const render = await broken.api(`/v1/renders/${order.body.id}`, { headers: user.auth });
      expect(render.body).toMatchObject({ status: "failed", error: { code: "SERVICE_UNAVAILABLE" } });
      expect(render.body.error.message).toBe("a service the render needs was unavailable (1 attempt); the server log has the details under this render's id");
    } finally {
      await broken.close();
    }
  });
});

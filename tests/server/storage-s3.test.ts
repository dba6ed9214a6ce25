import { existsSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { tempDir } from "../renderer/fixtures";
import { startS3TestServer, type S3TestServer } from "../renderer/s3-test-server";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { renderBody, renderScript, SCRIPT_SECONDS, spawnWorker, waitFor } from "./render-helpers";
import { REDIS_TEST_URL } from "./services";

const png = (size: number) => {
  const image = new PNG({ width: size, height: size });
  image.data.fill(200);
  return PNG.sync.write(image);
};

/** Every file (not folder) under `dir`; [] when it does not exist. */
const filesUnder = (dir: string) => (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : []);

/** The environment of `npm run worker` on "another machine": its own DATA_DIR, and only Redis, PostgreSQL and the bucket in common. */
const workerEnv = (server: TestServer, s3: S3TestServer, dataDir: string, extra: Record<string, string> = {}) => ({
  DATABASE_URL: server.ctx.config.DATABASE_URL!,
  REDIS_URL: REDIS_TEST_URL,
  REDIS_PREFIX: server.ctx.config.REDIS_PREFIX,
  DATA_DIR: dataDir,
  JWT_SECRET: "test-secret-test-secret-test-secret-0123",
  LOG_LEVEL: "warn",
  ...s3.env,
  ...extra,
});

describe("storage in an S3 bucket (s3rver on loopback), with the worker on another machine", () => {
  let s3: S3TestServer;
  let server: TestServer;
  let user: TestUser;
  let workerDataDir: string;
  let worker: ReturnType<typeof spawnWorker> | null = null;

  beforeAll(async () => {
    s3 = await startS3TestServer();
    server = await startTestServer({ database: "postgres", env: { ...s3.env, START_WORKER: "0" } });
    user = await server.user();
    workerDataDir = tempDir();
  });
  afterAll(async () => {
    if (worker && worker.exitCode === null) {
      worker.kill("SIGTERM");
      await new Promise((r) => worker!.once("exit", r));
    }
    await server?.close();
    await s3?.close();
    rmSync(workerDataDir, { recursive: true, force: true });
  });

  it("uploads media, renders with it on a separate worker, serves the output from the bucket, and writes nothing under DATA_DIR/storage", async () => {
    expect(server.ctx.storage.driver).toBe("s3");
    const bucket = s3.storage();

    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(png(64))], { type: "image/png" }), "grey.png");
    const upload = await server.api("/v1/media", { headers: user.auth, body: form });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    const row = await server.ctx.db.selectFrom("media").select("storage_path").where("id", "=", upload.body.id).executeTakeFirstOrThrow();
    expect(await bucket.head(row.storage_path)).toMatchObject({ size: upload.body.bytes });

    // The media file and its thumbnail come out of the bucket (the thumbnail made on first request, then stored there).
    const file = await fetch(upload.body.url);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(png(64))).toBe(true);
    const thumbnail = await fetch(upload.body.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get("content-type")).toBe("image/jpeg");
    expect((await bucket.list(`media/${user.id}`)).map((o) => o.key.split("/").pop()).sort()).toEqual([`${upload.body.id}.png`, `${upload.body.id}.thumb.jpg`]);

    const script = renderScript();
    script.scenes[0]!.background = { type: "image", src: `media:${upload.body.id}` } as never;
    const order = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script }) });
    expect(order.status, JSON.stringify(order.body)).toBe(202);
    const id: string = order.body.id;

    worker = spawnWorker(workerEnv(server, s3, workerDataDir));
    const done = await waitFor(
      "the render on the separate worker",
      async () => {
        if (worker!.exitCode !== null) throw new Error(`the worker exited ${worker!.exitCode}:\n${worker!.output()}`);
        const r = await server.api(`/v1/renders/${id}`, { headers: user.auth });
        if (r.body.status === "failed") throw new Error(`render failed: ${JSON.stringify(r.body.error)}\n${worker!.output()}`);
        return r.body.status === "completed" && r.body;
      },
      150_000,
    );
    expect(done.attempts).toBe(1);

    // Exactly the render's files, in the bucket.
    const stored = await bucket.list(`renders/${id}`);
    expect(stored.map((o) => o.key)).toEqual(["mp4.mp4", "mp4.quality.json", "mp4.srt", "mp4.vtt"].map((f) => `renders/${id}/${f}`));

    const download = await fetch(`${server.url}/v1/renders/${id}/outputs/mp4`, { headers: user.auth });
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("video/mp4");
    expect(download.headers.get("content-disposition")).toBe("attachment; filename=mp4.mp4");
    const bytes = Buffer.from(await download.arrayBuffer());
    expect(bytes.length).toBe(stored[0]!.size);
    const local = path.join(tempDir(), "video.mp4");
    writeFileSync(local, bytes);
    const probe = await probeMedia(local);
    rmSync(path.dirname(local), { recursive: true, force: true });
    expect(probe.video).toMatchObject({ codec: "h264", width: 480, height: 854 });
    expect(probe.durationSec).toBeGreaterThan(SCRIPT_SECONDS - 0.2);
    expect(probe.durationSec).toBeLessThan(SCRIPT_SECONDS + 0.5);

    // Ranges and revalidation from the bucket, through the signed link.
    const link = await server.api(`/v1/renders/${id}/outputs/mp4/url`, { headers: user.auth });
    const part = await fetch(link.body.url, { headers: { range: "bytes=4-7" } });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 4-7/${bytes.length}`);
    expect(await part.text()).toBe("ftyp");
    const outside = await fetch(link.body.url, { headers: { range: `bytes=${bytes.length + 10}-` } });
    expect(outside.status).toBe(416);
    expect((await outside.json()).error.code).toBe("RANGE_NOT_SATISFIABLE");

    // A share of the render is prepared by the separate worker into the bucket and played from it.
    const published = await server.api(`/v1/renders/${id}/share`, { headers: user.auth, body: { title: "From the bucket" } });
    expect(published.status, JSON.stringify(published.body)).toBe(202);
    const shareId: string = published.body.id;
    await waitFor("the share to be ready", async () => {
      const s = await server.api(`/v1/shares/${shareId}`, { headers: user.auth });
      if (s.body.status === "failed") throw new Error(`share failed: ${JSON.stringify(s.body.error)}\n${worker!.output()}`);
      return s.body.status === "ready";
    });
    expect((await bucket.list(`shares/${shareId}`)).map((o) => o.key.split("/").pop())).toEqual(["captions.vtt", "poster.jpg", "video.mp4"]);
    const pub = await server.api(`/v1/shares/${shareId}/public`);
    const video = await fetch(pub.body.video.src, { headers: { range: "bytes=0-99" } });
    expect(video.status).toBe(206);
    expect(Buffer.from(await video.arrayBuffer()).equals(bytes.subarray(0, 100))).toBe(true);
    expect((await server.api(`/v1/shares/${shareId}`, { method: "DELETE", headers: user.auth })).status).toBe(204);
    expect(await bucket.list(`shares/${shareId}`)).toEqual([]);

    // Deleting the medium removes it and its thumbnail from the bucket.
    expect((await server.api(`/v1/media/${upload.body.id}`, { method: "DELETE", headers: user.auth })).status).toBe(204);
    expect(await bucket.list(`media/${user.id}`)).toEqual([]);

    // Nothing was ever stored locally, on the API's machine or the worker's; the worker's scratch space is gone.
    expect(existsSync(path.join(server.dataDir, "storage"))).toBe(false);
    expect(existsSync(path.join(workerDataDir, "storage"))).toBe(false);
    expect(filesUnder(path.join(workerDataDir, "tmp"))).toEqual([]);
  }, 240_000);
});

describe("npm run worker at start", () => {
  let server: TestServer;
  let s3: S3TestServer;
  let dataDir: string;
  beforeAll(async () => {
    s3 = await startS3TestServer();
    server = await startTestServer({ database: "postgres", env: { START_WORKER: "0" } });
    dataDir = tempDir();
  });
  afterAll(async () => {
    await server?.close();
    await s3?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const exitOf = async (env: Record<string, string>) => {
    const child = spawnWorker(env);
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    return { code, output: child.output() };
  };

  it.each([
    ["a bucket that does not exist", { S3_BUCKET: "no-such-bucket" }, (endpoint: string) => `reelgen worker: cannot reach the bucket no-such-bucket at ${endpoint}: the bucket does not exist`],
    ["an endpoint nobody answers", { S3_ENDPOINT: "http://127.0.0.1:9" }, () => "reelgen worker: cannot reach the bucket reelgen-test at http://127.0.0.1:9: "],
  ])("exits 1 naming the bucket when it cannot reach %s", async (_what, extra, message) => {
    const { code, output } = await exitOf(workerEnv(server, s3, dataDir, extra));
    expect(code, output).toBe(1);
    expect(output).toContain(message(s3.endpoint));
    // A reachability error is the operator's to fix: one line, no stack.
    expect(output).not.toMatch(/\n\s+at /);
  }, 60_000);

  it("exits 1 naming PostgreSQL, or Redis, when it cannot reach them", async () => {
    const noDatabase = await exitOf(workerEnv(server, s3, dataDir, { DATABASE_URL: "postgres://reelgen:secret@127.0.0.1:9/test" }));
    expect(noDatabase.code, noDatabase.output).toBe(1);
    expect(noDatabase.output).toContain("reelgen worker: cannot reach PostgreSQL at postgres://127.0.0.1:9/test: ");
    expect(noDatabase.output).not.toContain("secret");
    const noRedis = await exitOf(workerEnv(server, s3, dataDir, { REDIS_URL: "redis://127.0.0.1:9" }));
    expect(noRedis.code, noRedis.output).toBe(1);
    expect(noRedis.output).toContain("reelgen worker: cannot reach Redis at redis://127.0.0.1:9");
  }, 60_000);

  it("refuses STORAGE_DRIVER=s3 without a bucket, naming the variable", async () => {
    const { code, output } = await exitOf(workerEnv(server, s3, dataDir, { S3_BUCKET: "" }));
    expect(code).toBe(1);
    expect(output.trim()).toBe("reelgen worker: invalid configuration:\n  S3_BUCKET: required when STORAGE_DRIVER=s3");
  }, 30_000);
});

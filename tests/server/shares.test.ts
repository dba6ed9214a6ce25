import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSpeech, type FakeSpeech } from "../renderer/fake-speech-server";
import { tempDir } from "../renderer/fixtures";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { renderScript, waitFor } from "./render-helpers";

/** Seconds of sound in a PCM WAV: the `data` chunk's bytes over the `fmt ` chunk's byte rate. */
const wavSeconds = (wav: Buffer): number => {
  expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
  expect(wav.toString("ascii", 8, 12)).toBe("WAVE");
  let byteRate = 0;
  for (let at = 12; at + 8 <= wav.length; ) {
    const id = wav.toString("ascii", at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    if (id === "fmt ") byteRate = wav.readUInt32LE(at + 16);
    if (id === "data") return Math.min(size, wav.length - at - 8) / byteRate;
    at += 8 + size + (size % 2);
  }
  throw new Error("no data chunk");
};

/** A JPEG's frame size, from its first SOFn marker. */
const jpegSize = (jpeg: Buffer): { width: number; height: number } => {
  expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
  for (let at = 2; at + 9 < jpeg.length; ) {
    const marker = jpeg[at + 1]!;
    const length = jpeg.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  throw new Error("no SOF marker");
};

/** A script no other test speaks, so its voices are synthesised (and counted by the fake engine) here. */
const uniqueScript = (tag: string) =>
  renderScript({
    title: `Shared ${tag}`,
    scenes: [
      { id: "one", background: { type: "color", value: "#2563eb" }, lines: [{ speaker: "ana", text: `Hello ${tag} friend`, durationSec: 1 }] },
      { id: "two", background: { type: "color", value: "#7c3aed" }, lines: [{ speaker: "narrator", text: `And ${tag} ended here`, durationSec: 1 }] },
    ],
  });

describe("public shares", () => {
  let server: TestServer;
  let speech: FakeSpeech;
  let owner: TestUser;
  let stranger: TestUser;
  let webDir: string;
  /** The render ordered at the start, shared once it completes. */
  let renderId: string;

  const publishProject = async (user: TestUser, tag: string, share: Record<string, unknown> = {}) => {
    const project = await server.api("/v1/projects", { headers: user.auth, body: { name: tag, template: "minidrama", script: uniqueScript(tag) } });
    expect(project.status, JSON.stringify(project.body)).toBe(201);
    const published = await server.api(`/v1/projects/${project.body.id}/share`, { headers: user.auth, body: share });
    expect(published.status, JSON.stringify(published.body)).toBe(202);
    return { projectId: project.body.id as string, share: published.body };
  };
  const ready = async (user: TestUser, id: string) =>
    waitFor(`share ${id}`, async () => {
      const got = await server.api(`/v1/shares/${id}`, { headers: user.auth });
      if (got.body.status === "failed") throw new Error(`share failed: ${JSON.stringify(got.body.error)}`);
      return got.body.status === "ready" && got.body;
    }, 90_000, 250);
  const bytes = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(url, { headers });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  };

  beforeAll(async () => {
    speech = await startFakeSpeech();
    // A stand-in for the web build, so the embed routes are tested whatever the player's state.
    webDir = tempDir();
    writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>app</title>");
    writeFileSync(path.join(webDir, "embed.html"), "<!doctype html><title>embed</title>");
    writeFileSync(path.join(webDir, "embed.js"), "console.log('loader');\n");
    mkdirSync(path.join(webDir, "player"));
    writeFileSync(path.join(webDir, "player", "player-Ab12_xYz.js"), "export const player = 1;\n");
    server = await startTestServer({
      worker: true,
      env: { TTS_BASE_URL: speech.baseUrl, WEB_DIST_DIR: webDir, TIERS: JSON.stringify({ standard: { maxShares: 1 } }) },
    });
    [owner, stranger] = await Promise.all([server.user("premium"), server.user("standard")]);
    const render = await server.api("/v1/renders", { headers: owner.auth, body: { template: "minidrama", script: uniqueScript("render"), outputs: [{ format: "mp4", resolution: "480p" }] } });
    expect(render.status, JSON.stringify(render.body)).toBe(202);
    renderId = render.body.id;
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    await speech?.close();
  });

  it("prepares a project once (voices as WAV files, word timings, a 720p poster); viewers get URLs under the share and never cause speech", async () => {
    const started = Date.now();
    const { projectId, share } = await publishProject(owner, "alpha");
    expect(share).toMatchObject({ kind: "project", status: "preparing", title: "Shared alpha", width: 1080, height: 1920, projectId, projectVersion: 1, views: 0 });
    expect(share.id).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(share.snippets.iframe).toContain(`src="${server.url}/embed/${share.id}"`);
    const done = await ready(owner, share.id);
    console.log(`share prepared in ${Date.now() - started} ms`);
    expect(done.readyAt).toBeTruthy();
    expect(done.urls.poster).toBe(`${server.url}/v1/shares/${share.id}/assets/poster.jpg`);

    const spoken = speech.requests.length;
    expect(speech.requests.map((r) => r.body.input)).toEqual(expect.arrayContaining(["Hello alpha friend", "And alpha ended here"]));

    const pub = await server.api(`/v1/shares/${share.id}/public`);
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    expect(pub.headers.get("access-control-allow-origin")).toBe("*");
    expect(pub.body).toMatchObject({ id: share.id, kind: "project", template: "minidrama", format: "9:16", width: 1080, height: 1920, fps: 30, video: null, captions: null });
    expect(pub.body.durationInFrames).toBeGreaterThan(0);
    const lines = pub.body.props.scenes.flatMap((s: any) => s.lines);
    expect(lines).toHaveLength(2);
    const assets = `${server.url}/v1/shares/${share.id}/assets/`;
    let total = 0;
    for (const line of lines) {
      expect(line.speech.src.startsWith(`${assets}voice-`), line.speech.src).toBe(true);
      expect(line.speech.words.map((w: any) => w.text)).toEqual(line.text.split(" "));
      expect(line.speech.words.at(-1).endSec).toBeCloseTo(line.speech.durationSec, 2);
      const wav = await bytes(line.speech.src);
      expect(wav.res.status).toBe(200);
      expect(wav.res.headers.get("content-type")).toBe("audio/wav");
      expect(wav.res.headers.get("cache-control")).toContain("max-age=86400");
      const seconds = wavSeconds(wav.body);
      expect(seconds).toBeGreaterThan(0);
      expect(seconds).toBeCloseTo(line.speech.durationSec, 1);
      total += wav.body.length;
    }
    // A range of a voice, as an <audio> element asks for it.
    const part = await bytes(lines[0].speech.src, { range: "bytes=0-43" });
    expect(part.res.status).toBe(206);
    expect(part.body.length).toBe(44);

    const poster = await bytes(pub.body.poster);
    expect(poster.res.headers.get("content-type")).toBe("image/jpeg");
    expect(jpegSize(poster.body)).toEqual({ width: 720, height: 1280 });
    console.log(`voices ${total} bytes, poster ${poster.body.length} bytes`);

    // Nothing a viewer fetched reached the speech engine.
    await server.api(`/v1/shares/${share.id}/public`);
    expect(speech.requests.length).toBe(spoken);
    // Two loads from one address within the hour: one view.
    expect((await server.api(`/v1/shares/${share.id}`, { headers: owner.auth })).body.views).toBe(1);
    // Another user cannot see, list or revoke it.
    expect((await server.api(`/v1/shares/${share.id}`, { headers: stranger.auth })).status).toBe(404);
    expect((await server.api(`/v1/shares/${share.id}`, { method: "DELETE", headers: stranger.auth })).status).toBe(404);
    expect((await server.api(`/v1/shares?projectId=${projectId}`, { headers: stranger.auth })).body.shares).toEqual([]);
    const listed = await server.api(`/v1/shares?projectId=${projectId}`, { headers: owner.auth });
    expect(listed.body.shares.map((s: any) => s.id)).toEqual([share.id]);

    // oEmbed: the iframe at most 640 px, or within maxwidth.
    const embedUrl = `${server.url}/embed/${share.id}`;
    const oembed = await server.api(`/oembed?url=${encodeURIComponent(embedUrl)}&format=json`);
    expect(oembed.status, JSON.stringify(oembed.body)).toBe(200);
    expect(oembed.body).toMatchObject({ version: "1.0", type: "video", title: "Shared alpha", width: 360, height: 640, provider_name: "reelgen", thumbnail_width: 720, thumbnail_height: 1280 });
    expect(oembed.body.html).toContain(`<iframe src="${embedUrl}" width="360" height="640"`);
    const narrow = await server.api(`/oembed?url=${encodeURIComponent(embedUrl)}&maxwidth=180`);
    expect(narrow.body).toMatchObject({ width: 180, height: 320 });
    expect(narrow.body.thumbnail_url).toBeUndefined();
    expect((await server.api(`/oembed?url=${encodeURIComponent(embedUrl)}&format=xml`)).status).toBe(501);
    expect((await server.api(`/oembed?url=${encodeURIComponent(`${server.url}/embed/${"x".repeat(24)}`)}`)).status).toBe(404);
    expect((await server.api(`/oembed?url=${encodeURIComponent(`https://elsewhere.example/embed/${share.id}`)}`)).status).toBe(404);

    // Revoked: gone for viewers, files and all.
    expect((await server.ctx.storage.list(`shares/${share.id}`)).length).toBeGreaterThan(0);
    expect((await server.api(`/v1/shares/${share.id}`, { method: "DELETE", headers: owner.auth })).status).toBe(204);
    const gone = await server.api(`/v1/shares/${share.id}/public`);
    expect(gone.status).toBe(404);
    expect(gone.body.error).toMatchObject({ code: "NOT_FOUND", message: "this video is no longer available" });
    expect(gone.headers.get("access-control-allow-origin")).toBe("*");
    expect((await fetch(lines[0].speech.src)).status).toBe(404);
    expect(await server.ctx.storage.list(`shares/${share.id}`)).toEqual([]);
    expect((await server.api(`/oembed?url=${encodeURIComponent(embedUrl)}`)).status).toBe(404);
    expect(speech.requests.length).toBe(spoken);
  }, 120_000);

  it("plays only on the allowed origins' pages, and only they may frame its embed page", async () => {
    const { share } = await publishProject(owner, "beta", { allowedOrigins: ["https://good.example"], poster: false });
    // Preparing: ask again later.
    const early = await server.api(`/v1/shares/${share.id}/public`);
    if (early.status !== 200) {
      expect(early.status).toBe(409);
      expect(early.headers.get("retry-after")).toBe("5");
    }
    const done = await ready(owner, share.id);
    expect(done.urls.poster).toBeNull();

    const evil = await server.api(`/v1/shares/${share.id}/public`, { headers: { origin: "https://evil.example" } });
    expect(evil.status).toBe(403);
    expect(evil.body.error.code).toBe("FORBIDDEN");
    const good = await server.api(`/v1/shares/${share.id}/public`, { headers: { origin: "https://good.example" } });
    expect(good.status).toBe(200);
    expect(good.headers.get("access-control-allow-origin")).toBe("https://good.example");
    expect(good.headers.get("vary")).toContain("Origin");
    expect(good.body.poster).toBeNull();
    // This server's own pages (the app's preview, the embed page) always may.
    expect((await server.api(`/v1/shares/${share.id}/public`, { headers: { origin: server.url } })).status).toBe(200);
    const voice = good.body.props.scenes[0].lines[0].speech.src;
    expect((await fetch(voice, { headers: { origin: "https://evil.example" } })).status).toBe(403);
    expect((await fetch(voice, { headers: { origin: "https://good.example" } })).headers.get("access-control-allow-origin")).toBe("https://good.example");

    // The embed page: framed by the allowed origins (and this server) only; the app's CSP otherwise.
    const page = await fetch(`${server.url}/embed/${share.id}`);
    expect(page.status).toBe(200);
    const csp = page.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'self' https://good.example");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("frame-ancestors 'none'");
    expect(page.headers.get("x-frame-options")).toBeNull();
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(await page.text()).toContain("<title>embed</title>");
    expect((await fetch(`${server.url}/embed`)).headers.get("content-security-policy")).toContain("frame-ancestors *");
    // The app itself is still never framed, and the rest of the API answers no cross-origin reads.
    expect((await fetch(`${server.url}/`)).headers.get("x-frame-options")).toBe("DENY");
    const own = await server.api(`/v1/shares/${share.id}`, { headers: { ...owner.auth, origin: "https://good.example" } });
    expect(own.status).toBe(200);
    expect(own.headers.get("access-control-allow-origin")).toBeNull();

    const loader = await fetch(`${server.url}/embed.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(loader.headers.get("access-control-allow-origin")).toBe("*");
    expect(loader.headers.get("cache-control")).toBe("public, max-age=300");
    const module = await fetch(`${server.url}/player/player-Ab12_xYz.js`);
    expect(module.status).toBe(200);
    expect(module.headers.get("access-control-allow-origin")).toBe("*");
    expect(module.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const preflight = await fetch(voice, { method: "OPTIONS", headers: { origin: "https://good.example", "access-control-request-method": "GET", "access-control-request-headers": "range" } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("Range");
  }, 120_000);

  it("shares a completed render: its MP4 plays by Range with its captions and a poster from the video", async () => {
    const render = await waitFor(`render ${renderId}`, async () => {
      const r = await server.api(`/v1/renders/${renderId}`, { headers: owner.auth });
      return ["completed", "failed", "cancelled"].includes(r.body.status) && r.body;
    });
    expect(render.status, JSON.stringify(render.error)).toBe("completed");
    const started = Date.now();
    const published = await server.api(`/v1/renders/${renderId}/share`, { headers: owner.auth, body: { title: "The render" } });
    expect(published.status, JSON.stringify(published.body)).toBe(202);
    expect(published.body).toMatchObject({ kind: "render", renderId, renderOutput: "mp4", width: 480, height: 854 });
    await ready(owner, published.body.id);
    console.log(`render share prepared in ${Date.now() - started} ms`);
    const pub = await server.api(`/v1/shares/${published.body.id}/public`);
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    expect(pub.body).toMatchObject({ kind: "render", props: null, title: "The render", video: { mime: "video/mp4" } });
    const video = await bytes(pub.body.video.src, { range: "bytes=0-99" });
    expect(video.res.status).toBe(206);
    expect(video.res.headers.get("content-range")).toMatch(/^bytes 0-99\/\d+$/);
    expect(video.body.toString("ascii", 4, 8)).toBe("ftyp");
    const captions = await bytes(pub.body.captions);
    expect(captions.res.headers.get("content-type")).toBe("text/vtt; charset=utf-8");
    expect(captions.body.toString("utf8")).toMatch(/^WEBVTT[\s\S]*Hello render friend/);
    expect(jpegSize((await bytes(pub.body.poster)).body)).toEqual({ width: 480, height: 854 });
  }, 150_000);

  it("revoking a share while it is prepared leaves nothing behind", async () => {
    const { share } = await publishProject(owner, "epsilon");
    expect((await server.api(`/v1/shares/${share.id}`, { method: "DELETE", headers: owner.auth })).status).toBe(204);
    // Its job was taken off the queue, or the worker finishes it and finds the share gone.
    await waitFor(`the job of ${share.id}`, async () => {
      const job = await server.services.shareQueue.queue.getJob(share.id);
      return !job || ["completed", "failed"].includes(await job.getState());
    }, 60_000);
    expect(await server.ctx.storage.list(`shares/${share.id}`)).toEqual([]);
    expect(await server.ctx.db.selectFrom("shares").select("id").where("id", "=", share.id).executeTakeFirst()).toBeUndefined();
    expect((await server.api(`/v1/shares/${share.id}/public`)).status).toBe(404);
  }, 60_000);

  it("refuses what cannot be shared: the tier's maxShares, a script that no longer validates, bad options", async () => {
    const first = await publishProject(stranger, "gamma", { poster: false });
    const second = await server.api(`/v1/projects/${first.projectId}/share`, { headers: stranger.auth, body: {} });
    expect(second.status).toBe(422);
    expect(second.body.error.code).toBe("LIMIT_EXCEEDED");
    expect(second.body.error.message).toContain("maxShares");
    // A share whose preparation failed is, to viewers, no longer available.
    await server.ctx.db.updateTable("shares").set({ status: "failed", error: JSON.stringify({ code: "SPEECH_FAILED", message: "x" }) }).where("id", "=", first.share.id).execute();
    const failed = await server.api(`/v1/shares/${first.share.id}/public`);
    expect(failed.status).toBe(404);
    expect(failed.body.error.message).toBe("this video is no longer available");
    expect((await server.api(`/oembed?url=${encodeURIComponent(`${server.url}/embed/${first.share.id}`)}`)).status).toBe(404);

    const bad = await server.api(`/v1/projects/${first.projectId}/share`, { headers: owner.auth, body: {} });
    expect(bad.status, "another user's project").toBe(404);
    const project = await server.api("/v1/projects", { headers: owner.auth, body: { name: "old", template: "minidrama", script: uniqueScript("delta") } });
    // A version saved under an older schema, which the pack no longer accepts.
    await server.ctx.db
      .updateTable("project_versions")
      .set({ script: JSON.stringify({ ...uniqueScript("delta"), scenes: [{ id: "one", lines: [{ speaker: "nobody", text: "Hi" }] }] }) })
      .where("project_id", "=", project.body.id)
      .execute();
    const invalid = await server.api(`/v1/projects/${project.body.id}/share`, { headers: owner.auth, body: {} });
    expect([400, 422]).toContain(invalid.status);
    expect(invalid.body.error.problems.map((p: any) => p.path)).toContain("project.versions[1].script.scenes[0].lines[0].speaker");
    const options = await server.api(`/v1/projects/${project.body.id}/share`, { headers: owner.auth, body: { allowedOrigins: ["https://good.example/page"], version: 0 } });
    expect(options.status).toBe(400);
    expect(options.body.error.problems.map((p: any) => p.path).sort()).toEqual(["body.allowedOrigins[0]", "body.version"]);
    expect((await server.api(`/v1/projects/${project.body.id}/share`, { headers: owner.auth, body: { version: 7 } })).status).toBe(404);
  }, 60_000);
});

describe("the viewers' request budget", () => {
  it("counts what anonymous viewers fetch per address, apart from the sign-in budget", async () => {
    const server = await startTestServer({ env: { VIEWER_REQUESTS_PER_MINUTE: "3", ANONYMOUS_REQUESTS_PER_MINUTE: "2" } });
    try {
      const unknown = `/v1/shares/${"a".repeat(24)}/public`;
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await server.api(unknown)).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
      const limited = await server.api(unknown);
      expect(limited.body.error.code).toBe("RATE_LIMITED");
      expect(limited.headers.get("retry-after")).toBeTruthy();
      // The sign-in routes still have their own (smaller) budget.
      expect((await server.api("/v1/auth/login", { body: { email: "nobody@example.com", password: "correct horse battery staple" } })).status).toBe(401);
    } finally {
      await server.close();
    }
  }, 30_000);
});

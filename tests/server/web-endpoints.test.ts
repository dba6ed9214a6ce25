import { createHmac, randomUUID } from "node:crypto";
import { PNG } from "pngjs";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { startFakeSpeech, type FakeSpeech } from "../renderer/fake-speech-server";
import { tempDir, toneWav } from "../renderer/fixtures";
import { ffmpegFixture, movie } from "./media-fixtures";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { startReceiver, waitFor } from "./render-helpers";

// The endpoints the web app needs beyond the CLI's: the admin's user list, the security page's
// sessions, a webhook's test message, voices and the per-line voice preview, and signed links
// that let <img>/<video>/<audio> load media without an Authorization header.

let server: TestServer;
let admin: TestUser;

beforeAll(async () => {
  // Its own speech cache, so a preview's first request is really the first.
  server = await startTestServer({ env: { REELGEN_CACHE_DIR: tempDir() } });
  admin = await server.user("admin");
});
afterAll(async () => {
  await server?.close();
});

/** Seconds of audio a RIFF/WAV file holds, read from its `fmt ` and `data` chunks. */
const wavSeconds = (wav: Buffer): number => {
  expect(wav.subarray(0, 4).toString("latin1")).toBe("RIFF");
  expect(wav.subarray(8, 12).toString("latin1")).toBe("WAVE");
  let byteRate = 0;
  for (let at = 12; at + 8 <= wav.length; ) {
    const id = wav.subarray(at, at + 4).toString("latin1");
    const size = wav.readUInt32LE(at + 4);
    if (id === "fmt ") byteRate = wav.readUInt32LE(at + 16);
    // espeak-ng writes 0x7fffffff for a streamed data chunk: then the rest of the file is the data.
    if (id === "data") return Math.min(size, wav.length - at - 8) / byteRate;
    at += 8 + size + (size % 2);
  }
  throw new Error("no data chunk");
};

/** A baseline JPEG's width and height, from its SOF0 marker. */
const jpegSize = (jpeg: Buffer): { width: number; height: number } => {
  expect(jpeg.readUInt16BE(0)).toBe(0xffd8);
  for (let at = 2; at + 9 < jpeg.length; ) {
    const marker = jpeg.readUInt16BE(at);
    if (marker === 0xffc0 || marker === 0xffc2) return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
    at += 2 + jpeg.readUInt16BE(at + 2);
  }
  throw new Error("no SOF marker");
};

const uploadFile = async (user: TestUser, bytes: Buffer, name: string, type: string) => {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
  const res = await server.api("/v1/media", { body: form, headers: user.auth });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};

/** POST /v1/voices/preview, keeping the WAV's bytes. */
const preview = async (target: TestServer, user: TestUser, body: unknown) => {
  const res = await fetch(`${target.url}/v1/voices/preview`, { method: "POST", headers: { ...user.auth, "content-type": "application/json" }, body: JSON.stringify(body) });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, json: () => JSON.parse(bytes.toString("utf8")) };
};

describe("GET /v1/admin/users", () => {
  it("lists users newest first with counts, searches by email, filters by role and pages with a cursor", async () => {
    const tag = randomUUID().slice(0, 8);
    const made: TestUser[] = [];
    for (const role of ["standard", "premium", "standard"] as const) {
      const u = await server.user(role);
      await server.ctx.db.updateTable("users").set({ email: `${tag}-${made.length}-${role}@example.com` }).where("id", "=", u.id).execute();
      made.push(u);
    }
    // One project for the first user: its count must show.
    await server.ctx.db
      .insertInto("projects")
      .values({ id: randomUUID(), user_id: made[0]!.id, name: "P", template: "minidrama", latest_version: 1 })
      .execute();

    const all = await server.api(`/v1/admin/users?q=${tag.toUpperCase()}`, { headers: admin.auth });
    expect(all.status).toBe(200);
    expect(all.body.users.map((u: { id: string }) => u.id)).toEqual([made[2]!.id, made[1]!.id, made[0]!.id]);
    expect(all.body.users[2]).toEqual({ id: made[0]!.id, email: `${tag}-0-standard@example.com`, role: "standard", createdAt: expect.any(String), projects: 1, renders: 0 });
    expect(all.body.nextCursor).toBeNull();

    const premium = await server.api(`/v1/admin/users?q=${tag}&role=premium`, { headers: admin.auth });
    expect(premium.body.users.map((u: { email: string }) => u.email)).toEqual([`${tag}-1-premium@example.com`]);

    // LIKE's wildcards match literally: "%" finds no one.
    expect((await server.api(`/v1/admin/users?q=${tag}%25`, { headers: admin.auth })).body.users).toEqual([]);

    const first = await server.api(`/v1/admin/users?q=${tag}&limit=2`, { headers: admin.auth });
    expect(first.body.users).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await server.api(`/v1/admin/users?q=${tag}&limit=2&cursor=${first.body.nextCursor}`, { headers: admin.auth });
    expect(second.body.users.map((u: { id: string }) => u.id)).toEqual([made[0]!.id]);
    expect(second.body.nextCursor).toBeNull();

    const bad = await server.api("/v1/admin/users?cursor=nonsense", { headers: admin.auth });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems).toEqual([{ path: "query.cursor", message: "invalid cursor" }]);
  });

  it("refuses a standard user (403) and an anonymous caller (401)", async () => {
    const user = await server.user("standard");
    const refused = await server.api("/v1/admin/users", { headers: user.auth });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("FORBIDDEN");
    expect((await server.api("/v1/admin/users")).status).toBe(401);
  });
});

describe("GET/DELETE /v1/me/sessions", () => {
  it("lists signed-in devices with the current one marked, and signing one out ends its tokens", async () => {
    const user = await server.user("standard");
    const phone = await server.api("/v1/auth/login", { body: { email: user.email, password: user.password }, headers: { "user-agent": "TestPhone/1.0 (Android 15)" } });
    expect(phone.status).toBe(200);

    const listed = await server.api("/v1/me/sessions", { headers: user.auth });
    expect(listed.status).toBe(200);
    expect(listed.body.sessions).toHaveLength(2);
    const [mine] = listed.body.sessions.filter((s: { current: boolean }) => s.current);
    const [other] = listed.body.sessions.filter((s: { current: boolean }) => !s.current);
    expect(other).toEqual({
      id: expect.any(String),
      current: false,
      createdAt: expect.any(String),
      lastUsedAt: expect.any(String),
      expiresAt: expect.any(String),
      ip: expect.stringMatching(/127\.0\.0\.1$/),
      userAgent: "TestPhone/1.0 (Android 15)",
    });
    expect(mine.userAgent).toBe("node");
    expect(Date.parse(other.expiresAt)).toBeGreaterThan(Date.now() + 29 * 86_400_000);

    // A refresh moves lastUsedAt and keeps the session listed once.
    const before = Date.parse(other.lastUsedAt);
    await new Promise((r) => setTimeout(r, 20));
    const refreshed = await server.api("/v1/auth/refresh", { body: { refreshToken: phone.body.refreshToken } });
    expect(refreshed.status).toBe(200);
    const after = (await server.api("/v1/me/sessions", { headers: user.auth })).body.sessions.find((s: { id: string }) => s.id === other.id);
    expect(Date.parse(after.lastUsedAt)).toBeGreaterThan(before);

    expect((await server.api(`/v1/me/sessions/${other.id}`, { method: "DELETE", headers: user.auth })).status).toBe(204);
    const refused = await server.api("/v1/auth/refresh", { body: { refreshToken: refreshed.body.refreshToken } });
    expect(refused.status).toBe(401);
    expect((await server.api("/v1/me", { headers: { authorization: `Bearer ${refreshed.body.accessToken}` } })).status).toBe(401);
    expect((await server.api("/v1/me/sessions", { headers: user.auth })).body.sessions.map((s: { id: string }) => s.id)).toEqual([mine.id]);
    // Already ended, or someone else's: not found.
    expect((await server.api(`/v1/me/sessions/${other.id}`, { method: "DELETE", headers: user.auth })).status).toBe(404);
    const stranger = await server.user("standard");
    expect((await server.api(`/v1/me/sessions/${mine.id}`, { method: "DELETE", headers: stranger.auth })).status).toBe(404);
    expect((await server.api("/v1/me", { headers: user.auth })).status).toBe(200);
    const audit = await server.api("/v1/me/audit", { headers: user.auth });
    expect(audit.body.events[0]).toMatchObject({ event: "session.revoked", details: { sessionId: other.id } });
  });
});

describe("POST /v1/webhooks/:id/test", () => {
  it("sends a signed webhook.test message through the delivery log, and it can be redelivered", async () => {
    const receiver = await startReceiver();
    try {
      const user = await server.user("standard");
      const created = await server.api("/v1/webhooks", { body: { url: receiver.url, events: ["render.failed"] }, headers: user.auth });
      expect(created.status).toBe(201);
      const queued = await server.api(`/v1/webhooks/${created.body.id}/test`, { method: "POST", headers: user.auth });
      expect(queued.status).toBe(202);
      expect(queued.body).toMatchObject({ id: expect.stringMatching(/^msg_/), event: "webhook.test", renderId: null, status: "pending" });

      const got = await waitFor("the test message", async () => receiver.received[0], 15_000);
      const payload = new Webhook(created.body.secret).verify(got.body, got.headers as Record<string, string>) as { type: string; data: { endpointId: string } };
      expect(payload.type).toBe("webhook.test");
      expect(payload.data.endpointId).toBe(created.body.id);
      expect(got.headers["webhook-id"]).toBe(queued.body.id);

      const log = await waitFor(
        "the delivery to succeed",
        async () => {
          const res = await server.api(`/v1/webhooks/${created.body.id}/deliveries`, { headers: user.auth });
          return res.body.deliveries[0]?.status === "succeeded" ? res.body.deliveries : null;
        },
        15_000,
      );
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({ id: queued.body.id, event: "webhook.test", attempts: [{ status: 204, error: null }], payload: { type: "webhook.test" } });

      const again = await server.api(`/v1/webhooks/${created.body.id}/deliveries/${queued.body.id}/redeliver`, { method: "POST", headers: user.auth });
      expect(again.status).toBe(202);
      await waitFor("the redelivery", async () => receiver.received.length >= 2, 15_000);
      expect(receiver.received[1]!.headers["webhook-id"]).toBe(queued.body.id);

      // Another user's endpoint is not found; a disabled one refuses.
      const stranger = await server.user("standard");
      expect((await server.api(`/v1/webhooks/${created.body.id}/test`, { method: "POST", headers: stranger.auth })).status).toBe(404);
      await server.api(`/v1/webhooks/${created.body.id}`, { method: "PATCH", body: { enabled: false }, headers: user.auth });
      const disabled = await server.api(`/v1/webhooks/${created.body.id}/test`, { method: "POST", headers: user.auth });
      expect(disabled.status).toBe(409);
    } finally {
      await receiver.close();
    }
  });
});

describe("voices (the offline engine: Festival and flite for English, espeak-ng)", () => {
  it("lists voices with names, variants with genders, and a language's defaults", async () => {
    const user = await server.user("standard");
    const res = await server.api("/v1/voices?language=en-US", { headers: user.auth });
    expect(res.status).toBe(200);
    expect(res.body.provider).toBe("the offline speech engine");
    expect(res.body.voices).toContainEqual({ id: "hts-slt", name: "American English, female (Festival HTS slt)", language: "en-us" });
    expect(res.body.voices).toContainEqual({ id: "flite-rms", name: "American English, male (flite rms)", language: "en-us" });
    expect(res.body.voices).toContainEqual({ id: "en-us", name: "English (America)", language: "en-us" });
    expect(res.body.voices).toContainEqual({ id: "en", name: "English (Great Britain)", language: "en" });
    expect(res.body.variants).toContainEqual({ id: "f3", name: "female3", gender: "female" });
    expect(res.body.defaults).toEqual({ language: "en-US", characters: ["hts-slt", "flite-rms", "flite-slt", "flite-kal16", "flite-rms-light", "hts-slt-low", "flite-awb", "hts-slt"], narrator: "hts-slt-low" });
    // Other languages keep espeak-ng's voices.
    const french = await server.api("/v1/voices?language=fr", { headers: user.auth });
    expect(french.body.defaults).toEqual({ language: "fr", characters: ["fr+f3", "fr+m3", "fr+f2", "fr+m1", "fr+f4", "fr+m7", "fr+f1", "fr+m4"], narrator: "fr+m2" });
    expect((await server.api("/v1/voices?language=not%20a%20tag", { headers: user.auth })).status).toBe(400);
  });

  it("previews a line as WAV through the speech cache: the second identical request is a cache hit", async () => {
    const user = await server.user("standard");
    const line = { voice: "en-us+f3", text: "The lighthouse keeper never missed a night.", emotion: "calm", language: "en" };
    const first = await preview(server, user, line);
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toBe("audio/wav");
    expect(first.headers.get("x-speech-cache")).toBe("miss");
    const seconds = wavSeconds(first.bytes);
    expect(seconds).toBeGreaterThan(0.3);
    expect(Number(first.headers.get("x-speech-duration"))).toBeCloseTo(seconds, 1);
    const words = JSON.parse(Buffer.from(first.headers.get("x-speech-words")!, "base64url").toString("utf8")) as { text: string; startSec: number; endSec: number }[];
    expect(words.map((w) => w.text)).toEqual(["The", "lighthouse", "keeper", "never", "missed", "a", "night."]);
    expect(words.at(-1)!.endSec).toBeCloseTo(seconds, 1);
    expect(first.headers.get("x-voice-previews-used")).toBe("1");

    const second = await preview(server, user, line);
    expect(second.status).toBe(200);
    expect(second.headers.get("x-speech-cache")).toBe("hit");
    expect(second.bytes.equals(first.bytes)).toBe(true);
    // A hit is free.
    expect(second.headers.get("x-voice-previews-used")).toBe("1");
  });

  it("names body.voice for an unknown voice and body.text for a long line", async () => {
    const user = await server.user("standard");
    const unknown = await preview(server, user, { voice: "../../etc/passwd", text: "Hello there." });
    expect(unknown.status).toBe(400);
    expect(unknown.json().error.problems).toEqual([{ path: "body.voice", message: "is not a voice of the offline speech engine; GET /v1/voices lists them" }]);
    const long = await preview(server, user, { voice: "en-us", text: "a".repeat(501) });
    expect(long.status).toBe(400);
    expect(long.json().error.problems).toEqual([{ path: "body.text", message: "must be at most 500 characters" }]);
  });
});

describe("voice preview quota (an OpenAI-compatible fake speech server)", () => {
  let speech: FakeSpeech;
  let limited: TestServer;
  beforeAll(async () => {
    speech = await startFakeSpeech();
    limited = await startTestServer({ env: { REELGEN_CACHE_DIR: tempDir(), TTS_BASE_URL: speech.baseUrl, TIERS: JSON.stringify({ standard: { voicePreviewsPerDay: 2 } }) } });
  });
  afterAll(async () => {
    await limited?.close();
    await speech?.close();
  });

  it("counts only synthesised lines, refuses new ones past voicePreviewsPerDay (429) and still serves cached ones", async () => {
    const user = await limited.user("standard");
    const a = { voice: "alloy", text: "one two three four five six" };
    expect((await preview(limited, user, a)).headers.get("x-voice-previews-used")).toBe("1");
    const hit = await preview(limited, user, a);
    expect(hit.headers.get("x-speech-cache")).toBe("hit");
    expect(wavSeconds(hit.bytes)).toBeCloseTo(0.6, 1);
    expect(speech.requests).toHaveLength(1);
    expect((await preview(limited, user, { voice: "nova", text: "seven eight nine ten" })).headers.get("x-voice-previews-used")).toBe("2");
    const refused = await preview(limited, user, { voice: "nova", text: "eleven twelve" });
    expect(refused.status).toBe(429);
    expect(refused.json().error).toMatchObject({ code: "QUOTA_EXCEEDED", message: "the standard tier allows 2 voice previews a day (voicePreviewsPerDay); used up for today (UTC)" });
    expect(speech.requests.map((r) => r.body.input)).toEqual(["one two three four five six", "seven eight nine ten"]);
    const stillServed = await preview(limited, user, a);
    expect(stillServed.status).toBe(200);
    expect(stillServed.headers.get("x-speech-cache")).toBe("hit");
    // An engine failure does not use up a preview.
    const other = await limited.user("standard");
    expect((await preview(limited, other, { voice: "alloy", text: "FAIL now" })).status).toBe(502);
    expect((await preview(limited, other, { voice: "alloy", text: "works now" })).headers.get("x-voice-previews-used")).toBe("1");
  });
});

describe("signed media links", () => {
  it("lets <img>-style requests load a media file without credentials until the link expires", async () => {
    const user = await server.user("standard");
    const png = new PNG({ width: 4, height: 3 });
    png.data.fill(200);
    const bytes = PNG.sync.write(png);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(bytes)], { type: "image/png" }), "tile.png");
    const uploaded = await server.api("/v1/media", { body: form, headers: user.auth });
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.url).toMatch(new RegExp(`^${server.url}/v1/files/media/${uploaded.body.id}\\?expires=\\d+&signature=[A-Za-z0-9_-]+$`));

    const listed = await server.api("/v1/media", { headers: user.auth });
    const item = listed.body.media[0];
    // The same link within one window, so the browser's cache is reused.
    expect(item.url).toBe(uploaded.body.url);
    expect(Date.parse(item.urlExpiresAt)).toBeGreaterThan(Date.now() + 3000 * 1000);
    expect((await server.api(`/v1/media/${item.id}`, { headers: user.auth })).body.url).toBe(item.url);

    const loaded = await fetch(item.url);
    expect(loaded.status).toBe(200);
    expect(loaded.headers.get("content-type")).toBe("image/png");
    expect(loaded.headers.get("content-disposition")).toBe("inline");
    expect(loaded.headers.get("cache-control")).toMatch(/^private, max-age=\d+$/);
    expect(Buffer.from(await loaded.arrayBuffer()).equals(bytes)).toBe(true);
    const range = await fetch(item.url, { headers: { range: "bytes=0-7" } });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).equals(bytes.subarray(0, 8))).toBe(true);

    const url = new URL(item.url);
    const signature = url.searchParams.get("signature")!;
    const tampered = `${url.origin}${url.pathname}?expires=${url.searchParams.get("expires")}&signature=${signature.slice(0, -2)}${signature.endsWith("AA") ? "BB" : "AA"}`;
    expect((await fetch(tampered)).status).toBe(403);
    const later = `${url.origin}${url.pathname}?expires=${Number(url.searchParams.get("expires")) + 3600}&signature=${signature}`;
    expect((await fetch(later)).status).toBe(403);
    // A correctly made link whose time has passed.
    const key = createHmac("sha256", server.ctx.jwtSecret).update("reelgen signed-url v1").digest();
    const past = Math.floor(Date.now() / 1000) - 10;
    const expired = createHmac("sha256", key).update(`media-file\n${item.id}\n${past}`).digest("base64url");
    expect((await fetch(`${url.origin}${url.pathname}?expires=${past}&signature=${expired}`)).status).toBe(403);
    // One asset's link opens no other.
    expect((await fetch(`${url.origin}/v1/files/media/${randomUUID()}${url.search}`)).status).toBe(403);

    expect((await server.api(`/v1/media/${item.id}`, { method: "DELETE", headers: user.auth })).status).toBe(204);
    const gone = await fetch(item.url);
    expect(gone.status).toBe(404);
    expect((await fetch(item.thumbnailUrl)).status).toBe(404);
  });

  it("serves thumbnails: an image scaled into 400×400, a video's frame, none for audio", async () => {
    const user = await server.user("standard");
    const big = new PNG({ width: 1200, height: 800 });
    big.data.fill(90);
    const image = await uploadFile(user, PNG.sync.write(big), "wide.png", "image/png");
    expect(image.thumbnailUrl).toMatch(new RegExp(`^${server.url}/v1/files/media/${image.id}/thumbnail\\?expires=\\d+&signature=`));
    const thumb = await fetch(image.thumbnailUrl);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/jpeg");
    const jpeg = Buffer.from(await thumb.arrayBuffer());
    expect(jpegSize(jpeg)).toEqual({ width: 400, height: 267 });
    // Made once, kept beside the file: the second answer is the same bytes.
    expect(Buffer.from(await (await fetch(image.thumbnailUrl)).arrayBuffer()).equals(jpeg)).toBe(true);
    // A thumbnail link opens no file, nor a file link a thumbnail.
    const swapped = new URL(image.thumbnailUrl);
    expect((await fetch(`${swapped.origin}/v1/files/media/${image.id}${swapped.search}`)).status).toBe(403);
    const fileLink = new URL(image.url);
    expect((await fetch(`${fileLink.origin}/v1/files/media/${image.id}/thumbnail${fileLink.search}`)).status).toBe(403);

    const clip = await ffmpegFixture(path.join(tempDir(), "clip.mp4"), [...movie("320x180", 1), "-c:v", "libx264", "-c:a", "aac"]);
    const video = await uploadFile(user, readFileSync(clip), "clip.mp4", "video/mp4");
    const frame = await fetch(video.thumbnailUrl);
    expect(frame.status).toBe(200);
    // Never scaled up.
    expect(jpegSize(Buffer.from(await frame.arrayBuffer()))).toEqual({ width: 320, height: 180 });

    const audio = await uploadFile(user, toneWav(0.5), "tone.wav", "audio/wav");
    expect(audio.thumbnailUrl).toBeNull();
  });
});

import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { tempDir, toneWav } from "../renderer/fixtures.ts";
import { startTestServer, type TestServer, type TestUser } from "./harness.ts";
import { ffmpegFixture, HLS_PLAYLIST, movie, picture, pngDeclaring } from "./media-fixtures.ts";

type Fixture = { name: string; bytes: Buffer; type: string };

const dir = tempDir();
const fixtures: Record<"png" | "wav" | "mp4", Fixture> = {} as never;

beforeAll(async () => {
  const [png, mp4] = await Promise.all([
    ffmpegFixture(path.join(dir, "still.png"), [...picture("64x48"), "-frames:v", "1"]),
    ffmpegFixture(path.join(dir, "clip.mp4"), [...movie("64x48", 1), "-c:v", "libx264", "-c:a", "aac"]),
  ]);
  fixtures.png = { name: "still.png", bytes: readFileSync(png), type: "image/png" };
  fixtures.wav = { name: "tone.wav", bytes: toneWav(1), type: "audio/wav" };
  fixtures.mp4 = { name: "clip.mp4", bytes: readFileSync(mp4), type: "video/mp4" };
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

/** POSTs a multipart upload: `file` (unless null) and any `tags` values as separate fields. */
const upload = (server: TestServer, auth: Record<string, string>, file: Fixture | null, tags: string[] = []) => {
  const form = new FormData();
  if (file) form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  for (const t of tags) form.append("tags", t);
  return server.api("/v1/media", { body: form, headers: auth });
};

/** GETs a file as bytes (the harness decodes bodies as text). */
const download = async (server: TestServer, url: string, auth: Record<string, string>) => {
  const res = await fetch(`${server.url}${url}`, { headers: auth });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
};

const tmpUploads = (server: TestServer) => path.join(server.dataDir, "tmp", "uploads");
const filesIn = (folder: string): string[] => (existsSync(folder) ? readdirSync(folder, { recursive: true, encoding: "utf8" }) : []);
const storedFiles = async (server: TestServer, user: TestUser) => (await server.ctx.storage.list(`media/${user.id}`)).map((o) => o.key.slice(`media/${user.id}/`.length));
const storedBytes = async (server: TestServer, key: string) => {
  const chunks: Buffer[] = [];
  for await (const chunk of await server.ctx.storage.read(key)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};
const rowCount = async (server: TestServer, user: TestUser) =>
  (await server.ctx.db.selectFrom("media").select("id").where("user_id", "=", user.id).execute()).length;

const apiKey = async (server: TestServer, user: TestUser, scopes: string[]) => {
  const res = await server.api("/v1/api-keys", { body: { name: scopes.join(" "), scopes }, headers: user.auth });
  expect(res.status).toBe(201);
  return { authorization: `Bearer ${res.body.key as string}` };
};

/**
 * `?q=` against filenames and tags, on either database: substring, any case, `%` and `_` literal,
 * with a cursor and another filter, never another user's assets, and at most 100 characters.
 */
const checkSearch = async (server: TestServer) => {
  const [user, other] = await Promise.all([server.user("premium"), server.user("premium")]);
  const ids: Record<string, string> = {};
  // Uploaded oldest first: the list answers newest first.
  for (const [key, file, tags] of [
    ["logo", { ...fixtures.png, name: "Brand-Logo.png" }, ["dark"]],
    ["sale", { ...fixtures.png, name: "sale 100% off.png" }, []],
    ["tone", fixtures.wav, ["logo_jingle"]],
    ["snake", { ...fixtures.png, name: "snake_case.png" }, ["summer"]],
    ["clip", fixtures.mp4, ["SUMMER-Intro"]],
  ] as const) {
    const res = await upload(server, user.auth, file, [...tags]);
    expect(res.status).toBe(201);
    ids[key] = res.body.id;
  }
  expect((await upload(server, other.auth, { ...fixtures.png, name: "other logo 100%.png" }, ["summer"])).status).toBe(201);
  const found = async (who: TestUser, query: string) => {
    const res = await server.api(`/v1/media?${query}`, { headers: who.auth });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.media.map((m: { id: string }) => m.id);
  };
  // A filename ("Brand-Logo.png") or a tag ("logo_jingle"), whatever the case.
  expect(await found(user, "q=LoGo")).toEqual([ids.tone, ids.logo]);
  expect(await found(user, "q=summer")).toEqual([ids.clip, ids.snake]);
  expect(await found(user, `q=${encodeURIComponent("%")}`)).toEqual([ids.sale]);
  expect(await found(user, "q=_")).toEqual([ids.snake, ids.tone]);
  expect(await found(user, "q=o_j")).toEqual([ids.tone]);
  expect(await found(user, "q=e_c")).toEqual([ids.snake]);
  expect(await found(user, "q=no-such-thing")).toEqual([]);
  expect(await found(user, "q=summer&kind=video")).toEqual([ids.clip]);

  const paged: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: any } = await server.api(`/v1/media?q=.PNG&limit=2${cursor ? `&cursor=${cursor}` : ""}`, { headers: user.auth });
    expect(page.status).toBe(200);
    expect(page.body.media.length).toBeLessThanOrEqual(2);
    paged.push(...page.body.media.map((m: { id: string }) => m.id));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(paged).toEqual([ids.snake, ids.sale, ids.logo]);

  const others = await found(other, "q=o");
  expect(others).toHaveLength(1);
  expect(Object.values(ids)).not.toContain(others[0]);

  const long = await server.api(`/v1/media?q=${"x".repeat(101)}`, { headers: user.auth });
  expect(long.status).toBe(400);
  expect(long.body.error.problems.map((p: { path: string }) => p.path)).toContain("query.q");
};

describe("media library over HTTP (PGlite)", () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    server = await startTestServer();
    // Premium: a higher request rate, so this file's many calls stay clear of the per-minute limit.
    [alice, bob] = await Promise.all([server.user("premium"), server.user("premium")]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    { fixture: "png" as const, kind: "image", mime: "image/png", width: 64, height: 48, durationSec: null },
    { fixture: "wav" as const, kind: "audio", mime: "audio/wav", width: null, height: null, durationSec: 1 },
    { fixture: "mp4" as const, kind: "video", mime: "video/mp4", width: 64, height: 48, durationSec: 1 },
  ])("uploads a $fixture as $kind and stores it byte for byte under media/<userId>/", async ({ fixture, kind, mime, width, height, durationSec }) => {
    const file = fixtures[fixture];
    const res = await upload(server, alice.auth, file, ["Intro, Brand", "intro"]);
    expect(res.status).toBe(201);
    const media = res.body;
    expect(res.headers.get("location")).toBe(`/v1/media/${media.id}`);
    expect(media).toMatchObject({ kind, mime, filename: file.name, bytes: file.bytes.length, sha256: sha256(file.bytes), width, height, tags: ["intro", "brand"], ref: `media:${media.id}` });
    if (durationSec === null) expect(media.durationSec).toBeNull();
    else expect(Math.abs(media.durationSec - durationSec)).toBeLessThan(0.1);

    const row = await server.ctx.db.selectFrom("media").selectAll().where("id", "=", media.id).executeTakeFirstOrThrow();
    expect(row.storage_path).toBe(`media/${alice.id}/${media.id}.${fixture}`);
    expect((await storedBytes(server, row.storage_path)).equals(file.bytes)).toBe(true);
    // The local driver keeps the layout the server always had, so existing data folders keep working.
    expect(readFileSync(path.join(server.dataDir, "storage", row.storage_path)).equals(file.bytes)).toBe(true);

    expect((await server.api(`/v1/media/${media.id}`, { headers: alice.auth })).body).toEqual(media);
    const got = await download(server, `/v1/media/${media.id}/file`, alice.auth);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe(mime);
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.headers.get("content-disposition")).toBe(`attachment; filename=${file.name}`);
    expect(got.bytes.equals(file.bytes)).toBe(true);
    expect(filesIn(tmpUploads(server))).toEqual([]);
  });

  it("never puts the client's file name in the storage path; the download name gets the detected type's extension", async () => {
    const res = await upload(server, alice.auth, { ...fixtures.png, name: "../../..\\evil\u202Egnp.exe" });
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe("evilgnp.exe");
    const row = await server.ctx.db.selectFrom("media").selectAll().where("id", "=", res.body.id).executeTakeFirstOrThrow();
    expect(row.storage_path).toBe(`media/${alice.id}/${res.body.id}.png`);
    const got = await download(server, `/v1/media/${res.body.id}/file`, alice.auth);
    expect(got.headers.get("content-disposition")).toBe("attachment; filename=evilgnp.png");
    expect(got.headers.get("content-type")).toBe("image/png");
    await server.api(`/v1/media/${res.body.id}`, { method: "DELETE", headers: alice.auth });
  });

  it("keeps a UTF-8 file name for display and offers it safely quoted; header-breaking characters are dropped", async () => {
    const res = await upload(server, alice.auth, { ...fixtures.wav, name: 'Σ "take"\r\n2.wav' });
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe('Σ "take"2.wav');
    const got = await download(server, `/v1/media/${res.body.id}/file`, alice.auth);
    expect(got.headers.get("content-disposition")).toBe(`attachment; filename="? \\"take\\"2.wav"; filename*=UTF-8''%CE%A3%20%22take%222.wav`);
    await server.api(`/v1/media/${res.body.id}`, { method: "DELETE", headers: alice.auth });
  });

  it("drops every character the display-text rule refuses from a file name (bidi marks, isolates, C1 controls)", async () => {
    const res = await upload(server, alice.auth, { ...fixtures.png, name: "a\u061Cb\u2067c\u0085d\u2028e.png" });
    expect(res.status).toBe(201);
    expect(res.body.filename).toBe("abcde.png");
    await server.api(`/v1/media/${res.body.id}`, { method: "DELETE", headers: alice.auth });
  });

  it("refuses tags with bidirectional-formatting characters, naming the tag", async () => {
    const { body: media } = await upload(server, alice.auth, fixtures.png, ["plain"]);
    const patched = await server.api(`/v1/media/${media.id}`, { method: "PATCH", body: { tags: ["ok", "gpj\u202Eexe"] }, headers: alice.auth });
    expect(patched.status).toBe(400);
    expect(patched.body.error.problems).toEqual([{ path: "body.tags[1]", message: "must not contain control or bidirectional-formatting characters" }]);
    const uploaded = await upload(server, alice.auth, fixtures.png, ["a\u2066b"]);
    expect(uploaded.status).toBe(400);
    expect(uploaded.body.error.problems).toEqual([{ path: "body.tags[0]", message: "must not contain control or bidirectional-formatting characters" }]);
    expect((await server.api(`/v1/media/${media.id}`, { headers: alice.auth })).body.tags).toEqual(["plain"]);
    await server.api(`/v1/media/${media.id}`, { method: "DELETE", headers: alice.auth });
  });

  it("lists newest first, filters by tag and kind, and pages with a cursor", async () => {
    const user = await server.user("premium");
    const ids: string[] = [];
    for (const [file, tags] of [[fixtures.png, ["logo"]], [fixtures.wav, ["music", "calm"]], [fixtures.png, ["logo", "dark"]], [fixtures.mp4, []]] as const) {
      const res = await upload(server, user.auth, file, [...tags]);
      expect(res.status).toBe(201);
      ids.unshift(res.body.id);
    }
    const all = await server.api("/v1/media", { headers: user.auth });
    expect(all.status).toBe(200);
    expect(all.body.media.map((m: { id: string }) => m.id)).toEqual(ids);
    expect(all.body.nextCursor).toBeNull();

    const logos = await server.api("/v1/media?tag=LOGO", { headers: user.auth });
    expect(logos.body.media.map((m: { id: string }) => m.id)).toEqual([ids[1], ids[3]]);
    const audio = await server.api("/v1/media?kind=audio", { headers: user.auth });
    expect(audio.body.media.map((m: { id: string }) => m.id)).toEqual([ids[2]]);
    const darkImages = await server.api("/v1/media?kind=image&tag=dark", { headers: user.auth });
    expect(darkImages.body.media.map((m: { id: string }) => m.id)).toEqual([ids[1]]);

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: any } = await server.api(`/v1/media?limit=1${cursor ? `&cursor=${cursor}` : ""}`, { headers: user.auth });
      expect(page.status).toBe(200);
      expect(page.body.media).toHaveLength(1);
      paged.push(page.body.media[0].id);
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(ids);

    for (const query of ["kind=document", "limit=0", "limit=101", "cursor=bm9wZQ", `tag=${"x".repeat(41)}`]) {
      const bad = await server.api(`/v1/media?${query}`, { headers: user.auth });
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    }
    // Another user's library is not visible.
    expect((await server.api("/v1/media", { headers: bob.auth })).body.media.map((m: { id: string }) => m.id)).not.toContain(ids[0]);
  });

  it("searches filenames and tags with ?q=", async () => {
    await checkSearch(server);
  });

  it("replaces tags: trimmed, lower-cased, de-duplicated; 1–40 characters; at most 20", async () => {
    const { body: media } = await upload(server, alice.auth, fixtures.wav, ["old"]);
    const patched = await server.api(`/v1/media/${media.id}`, { method: "PATCH", body: { tags: [" Voice ", "VOICE", "take-2"] }, headers: alice.auth });
    expect(patched.status).toBe(200);
    expect(patched.body.tags).toEqual(["voice", "take-2"]);
    for (const tags of [["x".repeat(41)], [" "], ["a,b"], Array.from({ length: 21 }, (_, i) => `t${i}`)]) {
      const bad = await server.api(`/v1/media/${media.id}`, { method: "PATCH", body: { tags }, headers: alice.auth });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe("VALIDATION_FAILED");
    }
    const tooMany = await upload(server, alice.auth, fixtures.wav, [Array.from({ length: 21 }, (_, i) => `t${i}`).join(",")]);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.problems[0].path).toBe("body.tags");
    expect((await server.api(`/v1/media/${media.id}`, { headers: alice.auth })).body.tags).toEqual(["voice", "take-2"]);
  });

  it("another user's asset is not found: metadata, file, tags and delete", async () => {
    const { body: media } = await upload(server, alice.auth, fixtures.png);
    expect((await server.api(`/v1/media/${media.id}`, { headers: bob.auth })).status).toBe(404);
    expect((await download(server, `/v1/media/${media.id}/file`, bob.auth)).status).toBe(404);
    expect((await server.api(`/v1/media/${media.id}`, { method: "PATCH", body: { tags: ["mine"] }, headers: bob.auth })).status).toBe(404);
    expect((await server.api(`/v1/media/${media.id}`, { method: "DELETE", headers: bob.auth })).status).toBe(404);
    expect((await server.api(`/v1/media/${media.id}`, { headers: alice.auth })).body.tags).toEqual([]);
    expect((await server.api("/v1/media/not-a-uuid", { headers: alice.auth })).status).toBe(404);
  });

  it("DELETE removes the row and the file", async () => {
    const { body: media } = await upload(server, alice.auth, fixtures.mp4);
    const row = await server.ctx.db.selectFrom("media").selectAll().where("id", "=", media.id).executeTakeFirstOrThrow();
    expect(await server.ctx.storage.head(row.storage_path)).not.toBeNull();
    const res = await server.api(`/v1/media/${media.id}`, { method: "DELETE", headers: alice.auth });
    expect(res.status).toBe(204);
    expect(await server.ctx.storage.head(row.storage_path)).toBeNull();
    expect(await server.ctx.db.selectFrom("media").select("id").where("id", "=", media.id).executeTakeFirst()).toBeUndefined();
    expect((await server.api(`/v1/media/${media.id}`, { headers: alice.auth })).status).toBe(404);
    expect((await download(server, `/v1/media/${media.id}/file`, alice.auth)).status).toBe(404);
    expect((await server.api(`/v1/media/${media.id}`, { method: "DELETE", headers: alice.auth })).status).toBe(404);
  });

  describe("rejected uploads leave no row, no stored file and no temp file", () => {
    let user: TestUser;
    beforeAll(async () => {
      user = await server.user("premium");
    });

    const cases: { name: string; file: () => Fixture | null; status: number; code: string; message?: RegExp; within?: number }[] = [
      { name: "text with PNG magic missing, named photo.png", file: () => ({ name: "photo.png", bytes: Buffer.from("not a picture at all\n"), type: "image/png" }), status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
      { name: "an MP4 with its first bytes changed", file: () => ({ ...fixtures.mp4, bytes: Buffer.concat([Buffer.from("GARBAGE!"), fixtures.mp4.bytes.subarray(8)]) }), status: 415, code: "UNSUPPORTED_MEDIA_TYPE" },
      { name: "an HLS playlist named x.mp4 pointing at file:///etc/passwd", file: () => ({ name: "x.mp4", bytes: Buffer.from(HLS_PLAYLIST), type: "video/mp4" }), status: 415, code: "UNSUPPORTED_MEDIA_TYPE", message: /HLS playlist/ },
      { name: "a PNG decompression bomb (100000×100000)", file: () => ({ name: "bomb.png", bytes: pngDeclaring(100_000, 100_000), type: "image/png" }), status: 422, code: "MEDIA_REJECTED", message: /100000×100000/, within: 2000 },
      { name: "no file field", file: () => null, status: 400, code: "VALIDATION_FAILED", message: /body\.file/ },
    ];

    it.each(cases)("$name → $status $code", async ({ file, status, code, message, within }) => {
      const started = performance.now();
      const res = await upload(server, user.auth, file(), ["x"]);
      const elapsed = performance.now() - started;
      expect(res.status).toBe(status);
      expect(res.body.error.code).toBe(code);
      if (message) expect(res.body.error.message).toMatch(message);
      if (within) expect(elapsed).toBeLessThan(within);
      expect(await rowCount(server, user)).toBe(0);
      expect(await storedFiles(server, user)).toEqual([]);
      expect(filesIn(tmpUploads(server))).toEqual([]);
    });

    it("a non-multipart body → 415; two files → 400 naming `file`; another file field → 400", async () => {
      const json = await server.api("/v1/media", { body: { file: "x" }, headers: user.auth });
      expect(json.status).toBe(415);
      expect(json.body.error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
      const raw = await server.api("/v1/media", { body: new Uint8Array(fixtures.png.bytes), headers: { ...user.auth, "content-type": "image/png" } });
      expect(raw.status).toBe(415);

      const two = new FormData();
      two.append("file", new Blob([new Uint8Array(fixtures.png.bytes)]), "a.png");
      two.append("file", new Blob([new Uint8Array(fixtures.png.bytes)]), "b.png");
      const twoRes = await server.api("/v1/media", { body: two, headers: user.auth });
      expect(twoRes.status).toBe(400);
      expect(twoRes.body.error.problems).toEqual([{ path: "body.file", message: "send exactly one file, in the field `file`" }]);

      const other = new FormData();
      other.append("picture", new Blob([new Uint8Array(fixtures.png.bytes)]), "a.png");
      const otherRes = await server.api("/v1/media", { body: other, headers: user.auth });
      expect(otherRes.status).toBe(400);
      expect(otherRes.body.error.problems[0].path).toBe("body.file");

      const broken = await server.api("/v1/media", { body: "--nope\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\nabc", headers: { ...user.auth, "content-type": "multipart/form-data; boundary=nope" } });
      expect(broken.status).toBe(400);
      expect(broken.body.error.code).toBe("VALIDATION_FAILED");

      expect(await rowCount(server, user)).toBe(0);
      expect(filesIn(tmpUploads(server))).toEqual([]);
    });
  });

  it("a client that hangs up mid-upload leaves no temp file, and the server keeps answering", async () => {
    const user = await server.user("premium");
    const boundary = "reelgen-test-boundary";
    const req = http.request(`${server.url}/v1/media`, {
      method: "POST",
      headers: { ...user.auth, "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": String(50 * 1024 * 1024) },
    });
    const ended = new Promise<void>((resolve) => {
      req.on("error", () => resolve());
      req.on("close", () => resolve());
    });
    req.write(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`);
    req.write(Buffer.concat([fixtures.png.bytes, randomBytes(512 * 1024)]));
    await vi.waitFor(() => expect(filesIn(tmpUploads(server))).toHaveLength(1), { timeout: 5000, interval: 20 });
    req.destroy();
    await ended;
    await vi.waitFor(() => expect(filesIn(tmpUploads(server))).toEqual([]), { timeout: 5000, interval: 20 });
    expect(await rowCount(server, user)).toBe(0);
    expect((await upload(server, user.auth, fixtures.png)).status).toBe(201);
  });

  it("no credentials → 401; an API key needs media:write to upload and media:read to read", async () => {
    const noAuth = await upload(server, {}, fixtures.png);
    expect(noAuth.status).toBe(401);
    expect((await server.api("/v1/media")).status).toBe(401);

    const readOnly = await apiKey(server, alice, ["media:read"]);
    const denied = await upload(server, readOnly, fixtures.png);
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/media:write/);
    expect((await server.api("/v1/media", { headers: readOnly })).status).toBe(200);

    const writeOnly = await apiKey(server, alice, ["media:write"]);
    const created = await upload(server, writeOnly, fixtures.png);
    expect(created.status).toBe(201);
    expect((await server.api(`/v1/media/${created.body.id}`, { headers: writeOnly })).status).toBe(403);
    expect((await server.api(`/v1/media/${created.body.id}`, { headers: readOnly })).body.id).toBe(created.body.id);
    expect((await server.api(`/v1/media/${created.body.id}`, { method: "DELETE", headers: readOnly })).status).toBe(403);
    expect((await server.api(`/v1/media/${created.body.id}`, { method: "DELETE", headers: writeOnly })).status).toBe(204);
    expect(filesIn(tmpUploads(server))).toEqual([]);
  });

  it("documents the routes in the OpenAPI document", async () => {
    const doc = await server.api("/openapi.json");
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(["/v1/media", "/v1/media/{id}", "/v1/media/{id}/file"]));
    expect(doc.body.paths["/v1/media"].post.requestBody.content).toHaveProperty(["multipart/form-data"]);
    expect(doc.body.components.schemas).toHaveProperty("Media");
  });
});

describe("abandoned uploads", () => {
  it("are swept at start-up: a partial file untouched for an hour goes, a fresh one (another node's upload) stays", async () => {
    const dataDir = tempDir();
    const uploads = path.join(dataDir, "tmp", "uploads");
    mkdirSync(uploads, { recursive: true });
    const old = path.join(uploads, "killed-mid-upload");
    const fresh = path.join(uploads, "still-arriving");
    writeFileSync(old, randomBytes(64 * 1024));
    writeFileSync(fresh, randomBytes(1024));
    const anHourAgo = new Date(Date.now() - 60 * 60_000);
    utimesSync(old, anHourAgo, anHourAgo);
    const server = await startTestServer({ env: { DATA_DIR: dataDir } });
    try {
      expect(readdirSync(uploads)).toEqual(["still-arriving"]);
      expect((await server.api("/healthz")).status).toBe(200);
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("media upload size limit (MAX_UPLOAD_MB=1)", () => {
  let server: TestServer;
  let user: TestUser;
  beforeAll(async () => {
    server = await startTestServer({ env: { MAX_UPLOAD_MB: "1" } });
    user = await server.user();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("a 3 MB upload → 413, nothing left behind, and the server keeps answering", async () => {
    const big = { name: "big.png", bytes: Buffer.concat([fixtures.png.bytes, randomBytes(3 * 1024 * 1024)]), type: "image/png" };
    const res = await upload(server, user.auth, big);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(filesIn(tmpUploads(server))).toEqual([]);
    expect(await storedFiles(server, user)).toEqual([]);
    expect(await rowCount(server, user)).toBe(0);

    expect((await server.api("/v1/media", { headers: user.auth })).status).toBe(200);
    const small = await upload(server, user.auth, fixtures.png);
    expect(small.status).toBe(201);
    expect(filesIn(tmpUploads(server))).toEqual([]);
  });
});

describe("media library on PostgreSQL", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database: "postgres" });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("uploads, filters by tag (jsonb), pages, downloads and deletes", async () => {
    const user = await server.user();
    const first = await upload(server, user.auth, fixtures.png, ["logo"]);
    const second = await upload(server, user.auth, fixtures.wav, ["music,logo"]);
    const third = await upload(server, user.auth, fixtures.mp4, ["clip"]);
    expect([first.status, second.status, third.status]).toEqual([201, 201, 201]);
    expect(third.body.durationSec).toBeGreaterThan(0.9);

    const logos = await server.api("/v1/media?tag=logo&limit=1", { headers: user.auth });
    expect(logos.body.media.map((m: { id: string }) => m.id)).toEqual([second.body.id]);
    const next = await server.api(`/v1/media?tag=logo&limit=1&cursor=${logos.body.nextCursor}`, { headers: user.auth });
    expect(next.body.media.map((m: { id: string }) => m.id)).toEqual([first.body.id]);
    expect(next.body.nextCursor).toBeNull();

    const got = await download(server, `/v1/media/${third.body.id}/file`, user.auth);
    expect(got.bytes.equals(fixtures.mp4.bytes)).toBe(true);
    expect((await server.api(`/v1/media/${first.body.id}`, { method: "DELETE", headers: user.auth })).status).toBe(204);
    expect((await storedFiles(server, user)).sort()).toEqual([`${second.body.id}.wav`, `${third.body.id}.mp4`].sort());
  });

  it("searches filenames and tags with ?q= (ILIKE over jsonb tags)", async () => {
    await checkSearch(server);
  });
});

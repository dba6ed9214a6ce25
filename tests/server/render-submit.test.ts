import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REQUEST_LIMITS } from "../../server/config";
import { tempDir, toneWav } from "../renderer/fixtures";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { ffmpegFixture, movie, picture } from "./media-fixtures";
import { renderBody, renderScript } from "./render-helpers";

const OUTPUTS = [{ format: "mp4", resolution: "480p" }];

const apiKey = async (server: TestServer, user: TestUser, scopes: string[]) => {
  const res = await server.api("/v1/api-keys", { body: { name: scopes.join(" "), scopes }, headers: user.auth });
  expect(res.status).toBe(201);
  return { authorization: `Bearer ${res.body.key as string}` };
};

const rendersOf = async (server: TestServer, user: TestUser) => (await server.ctx.db.selectFrom("renders").select("id").where("user_id", "=", user.id).execute()).length;

describe("every path that creates a render needs renders:write", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("POST /v1/scripts/generate with `render` (one script or a series of 12) refuses a key without renders:write with 403, before a generation is counted or a render exists", async () => {
    const user = await server.user("premium");
    const scriptsOnly = await apiKey(server, user, ["scripts:write"]);
    const both = await apiKey(server, user, ["scripts:write", "renders:write"]);
    const brief = { prompt: "two friends argue about the last slice of pizza", template: "minidrama", targetSeconds: 10 };
    for (const extra of [{}, { episodes: 12 }]) {
      const refused = await server.api("/v1/scripts/generate", { headers: scriptsOnly, body: { ...brief, ...extra, render: { outputs: OUTPUTS } } });
      expect(refused.status, JSON.stringify(refused.body)).toBe(403);
      expect(refused.body.error).toMatchObject({ code: "FORBIDDEN", message: "this API key lacks the scope renders:write" });
    }
    expect(await rendersOf(server, user)).toBe(0);
    // Neither refusal spent a generation: the first that runs is the day's first.
    const plain = await server.api("/v1/scripts/generate", { headers: scriptsOnly, body: brief });
    expect(plain.status).toBe(200);
    expect(plain.body.quota.used).toBe(1);
    expect(plain.body.renders).toEqual([]);
    // With the scope, a series of three orders three renders.
    const ordered = await server.api("/v1/scripts/generate", { headers: both, body: { ...brief, episodes: 3, render: { outputs: OUTPUTS } } });
    expect(ordered.status, JSON.stringify(ordered.body)).toBe(200);
    expect(ordered.body.renders).toHaveLength(3);
    expect(await rendersOf(server, user)).toBe(3);
  });

  it("POST /v1/scripts/generate refuses two outputs with one name before generating", async () => {
    const user = await server.user("premium");
    const res = await server.api("/v1/scripts/generate", {
      headers: user.auth,
      body: { prompt: "a quiet morning in a small bakery", targetSeconds: 10, render: { outputs: [{ format: "mp4" }, { format: "mp4", resolution: "480p" }] } },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toEqual([{ path: "body.render.outputs[1].name", message: 'two outputs are named "mp4"; give each a name' }]);
    expect(await rendersOf(server, user)).toBe(0);
  });

  it.each([
    ["POST /v1/renders", "/v1/renders", renderBody()],
    ["POST /v1/renders/batch", "/v1/renders/batch", { template: "minidrama", outputs: OUTPUTS, scripts: [renderScript()] }],
  ])("%s: 403 for keys without renders:write, 202 with it", async (_name, route, body) => {
    const user = await server.user();
    for (const scopes of [["renders:read"], ["scripts:write", "projects:write"]]) {
      const res = await server.api(route, { headers: await apiKey(server, user, scopes), body });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }
    expect(await rendersOf(server, user)).toBe(0);
    expect((await server.api(route, { headers: await apiKey(server, user, ["renders:write"]), body })).status).toBe(202);
    expect(await rendersOf(server, user)).toBe(1);
  });

  it("the render and batch services themselves refuse such a key, whatever route calls them", async () => {
    const user = await server.user();
    const row = await server.ctx.db.selectFrom("users").selectAll().where("id", "=", user.id).executeTakeFirstOrThrow();
    const principal = { kind: "api-key" as const, user: row, keyId: "k", scopes: ["scripts:write" as const] };
    const request = { template: "minidrama", script: renderScript(), outputs: [{ format: "mp4" as const }] };
    await expect(server.services.renders.check(principal, request)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(server.services.renders.submit(principal, request, null)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(server.services.batches.submit(principal, { template: "minidrama", outputs: request.outputs, scripts: [renderScript()] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const session = { kind: "session" as const, user: row, sessionId: "s" };
    expect((await server.services.renders.check(session, request)).template).toBe("minidrama");
    expect(await rendersOf(server, user)).toBe(0);
    expect(await server.ctx.db.selectFrom("batches").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
  });
});

describe("media kinds are checked when a render is ordered", () => {
  let server: TestServer;
  let user: TestUser;
  const ref: Record<"image" | "audio" | "video", string> = {} as never;
  beforeAll(async () => {
    server = await startTestServer();
    user = await server.user("premium");
    const dir = tempDir();
    const files = {
      image: { name: "still.png", type: "image/png", bytes: readFileSync(await ffmpegFixture(path.join(dir, "still.png"), [...picture("64x48"), "-frames:v", "1"])) },
      audio: { name: "tone.wav", type: "audio/wav", bytes: toneWav(1) },
      video: { name: "clip.mp4", type: "video/mp4", bytes: readFileSync(await ffmpegFixture(path.join(dir, "clip.mp4"), [...movie("64x48", 1), "-c:v", "libx264", "-c:a", "aac"])) },
    };
    for (const [kind, file] of Object.entries(files)) {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
      const res = await server.api("/v1/media", { body: form, headers: user.auth });
      expect(res.status).toBe(201);
      expect(res.body.kind).toBe(kind);
      ref[kind as "image"] = res.body.ref;
    }
  });
  afterAll(async () => {
    await server?.close();
  });

  /** The short script with one source put in place by `place`. */
  const scriptWith = (place: (script: any) => void) => {
    const script: any = renderScript();
    place(script);
    return script;
  };
  const id = (kind: "image" | "audio" | "video") => ref[kind].slice("media:".length);
  const FONTS = "fonts cannot come from the media library yet (it holds images, audio and video); leave out src to use an installed font family";

  const cases: [string, (s: any) => void, string, () => string][] = [
    ["an image as music", (s) => (s.music = { src: ref.image }), "body.script.music.src", () => `expected audio, got an image (media:${id("image")})`],
    ["an image as a video background", (s) => (s.scenes[0].background = { type: "video", src: ref.image }), "body.script.scenes[0].background.src", () => `expected a video, got an image (media:${id("image")})`],
    ["a video as an image background", (s) => (s.scenes[1].background = { type: "image", src: ref.video }), "body.script.scenes[1].background.src", () => `expected an image, got a video (media:${id("video")})`],
    ["audio as an avatar", (s) => (s.characters[0].avatar = ref.audio), "body.script.characters[0].avatar", () => `expected an image, got audio (media:${id("audio")})`],
    ["a video as the brand logo", (s) => (s.brand = { logo: { src: ref.video } }), "body.script.brand.logo.src", () => `expected an image, got a video (media:${id("video")})`],
    ["a PNG as the brand font", (s) => (s.brand = { font: { family: "Brand Sans", src: ref.image } }), "body.script.brand.font.src", () => `expected a font file, got an image (media:${id("image")}); ${FONTS}`],
    ["a font file's path as the brand font", (s) => (s.brand = { font: { family: "Brand Sans", src: "fonts/brand.woff2" } }), "body.script.brand.font.src", () => FONTS],
    ["an image as a line's speech", (s) => (s.scenes[0].lines[0].speech = { src: ref.image, durationSec: 1 }), "body.script.scenes[0].lines[0].speech.src", () => `expected audio, got an image (media:${id("image")})`],
  ];

  it.each(cases)("refuses %s with 400 naming the path and both kinds; nothing is queued", async (_name, place, problemPath, message) => {
    const before = await rendersOf(server, user);
    const res = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script: scriptWith(place) }) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.problems).toEqual([{ path: problemPath, message: message() }]);
    // The worker serves media to the browser on a loopback address; no error may show it.
    expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|localhost|https?:/);
    expect(await rendersOf(server, user)).toBe(before);
  });

  it("takes every source of the kind its place needs", async () => {
    const script = scriptWith((s) => {
      s.music = { src: ref.audio, volume: 0.3 };
      s.scenes[0].background = { type: "video", src: ref.video };
      s.scenes[1].background = { type: "image", src: ref.image };
      s.characters[0].avatar = ref.image;
      s.brand = { logo: { src: ref.image }, font: { family: "DejaVu Sans" } };
      s.scenes[0].lines[0].speech = { src: ref.audio, durationSec: 1 };
    });
    const res = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script }) });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
  });

  it("reports one item used in two places of different kinds at both places", async () => {
    const script = scriptWith((s) => {
      s.music = { src: ref.image };
      s.characters[0].avatar = ref.image;
      s.scenes[0].background = { type: "video", src: ref.image };
    });
    const res = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script }) });
    expect(res.body.error.problems.map((p: { path: string }) => p.path)).toEqual(["body.script.scenes[0].background.src", "body.script.music.src"]);
  });

  it("checks a batch row's media the same way: the row is rejected with its path", async () => {
    const res = await server.api("/v1/renders/batch", {
      headers: user.auth,
      body: { template: "minidrama", outputs: OUTPUTS, scripts: [scriptWith((s) => (s.music = { src: ref.audio })), scriptWith((s) => (s.music = { src: ref.video }))] },
    });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toBe(1);
    expect(res.body.rejected).toEqual([
      { row: 1, code: "VALIDATION_FAILED", message: `rows[1].script.music.src: expected audio, got a video (media:${id("video")})`, problems: [{ path: "rows[1].script.music.src", message: `expected audio, got a video (media:${id("video")})` }] },
    ]);
  });

  it("checks a saved project's version the same way when it is rendered", async () => {
    const created = await server.api("/v1/projects", { headers: user.auth, body: { name: "Kinds", template: "minidrama", script: scriptWith((s) => (s.music = { src: ref.audio })) } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const projectId = created.body.id;
    const saved = await server.api(`/v1/projects/${projectId}`, { method: "PUT", headers: user.auth, body: { script: scriptWith((s) => (s.music = { src: ref.image })) } });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const latest = await server.api("/v1/renders", { headers: user.auth, body: { projectId, outputs: OUTPUTS } });
    expect(latest.status).toBe(400);
    expect(latest.body.error.problems).toEqual([{ path: "body.script.music.src", message: `expected audio, got an image (media:${id("image")})` }]);
    const first = await server.api("/v1/renders", { headers: user.auth, body: { projectId, projectVersion: 1, outputs: OUTPUTS } });
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    const stored = await server.ctx.db.selectFrom("renders").select(["project_id", "script"]).where("id", "=", first.body.id).executeTakeFirstOrThrow();
    expect(stored.project_id).toBe(projectId);
    expect((stored.script as { music: { src: string } }).music.src).toBe(ref.audio);
  });
});

describe("a script too big to be worth validating", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it("is refused at once with 413 naming the script, not validated value by value", async () => {
    const user = await server.user();
    // 1.5 MB: 500,000 numbers where scenes belong (each one a validation issue if it were looked at).
    const script = { ...renderScript(), scenes: new Array(500_000).fill(0) };
    const start = performance.now();
    const res = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script }) });
    const ms = performance.now() - start;
    expect(res.status).toBe(413);
    expect(res.body.error.problems).toEqual([{ path: "body.script", message: `holds more than ${REQUEST_LIMITS.scriptValues} JSON values (strings, numbers, arrays, objects); a script may hold at most that many` }]);
    expect(ms).toBeLessThan(2000);
  });

  it("lists at most problemsListed of a script's problems and says how many there were", async () => {
    const user = await server.user();
    const script = { ...renderScript(), scenes: new Array(5000).fill(0) };
    const res = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script }) });
    expect(res.status).toBe(400);
    expect(res.body.error.problems).toHaveLength(REQUEST_LIMITS.problemsListed);
    expect(res.body.error.message.startsWith(`invalid script (${REQUEST_LIMITS.problemsListed} of 5001 problems listed): body.script.scenes[0]: `)).toBe(true);
  });
});

describe("voices are checked against the speech provider's own list when a render is ordered", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  const withVoice = (voice: string) => renderScript({ characters: [{ id: "ana", name: "Ana", color: "#f43f5e", voice }] });

  it.each([
    ["a path to a server file", "../../../../../../../etc/passwd"],
    ["/dev/zero", "../../../../../../../dev/zero"],
    ["a voice no provider has", "klingon-warrior"],
  ])("refuses %s with 400 naming characters[0].voice, echoing nothing of the file; nothing is queued", async (_name, voice) => {
    const user = await server.user();
    const res = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script: withVoice(voice) }) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.body.error.problems).toHaveLength(1);
    expect(res.body.error.problems[0].path).toBe("body.script.characters[0].voice");
    expect(res.body.error.problems[0].message).toMatch(/^is not a voice of /);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain("root:");
    expect(text).not.toContain(voice);
    expect(await rendersOf(server, user)).toBe(0);
  });

  it("refuses a bad voice in a batch row (the row, with its path) and in a saved project's version", async () => {
    const user = await server.user("premium");
    const batch = await server.api("/v1/renders/batch", { headers: user.auth, body: { template: "minidrama", outputs: OUTPUTS, scripts: [renderScript(), withVoice("../../../etc/shadow")] } });
    expect(batch.status).toBe(202);
    expect(batch.body.accepted).toBe(1);
    expect(batch.body.rejected.map((r: { row: number; problems: { path: string }[] }) => [r.row, r.problems.map((p) => p.path)])).toEqual([[1, ["rows[1].script.characters[0].voice"]]]);
    const created = await server.api("/v1/projects", { headers: user.auth, body: { name: "Voices", template: "minidrama", script: withVoice("not-a-voice") } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const res = await server.api("/v1/renders", { headers: user.auth, body: { projectId: created.body.id, outputs: OUTPUTS } });
    expect(res.status).toBe(400);
    expect(res.body.error.problems.map((p: { path: string }) => p.path)).toEqual(["body.script.characters[0].voice"]);
  });

  it("takes a voice from the provider's list", async () => {
    const user = await server.user();
    const voices = await server.ctx.speechProvider.listVoices({ timeoutMs: 10_000, signal: null });
    const res = await server.api("/v1/renders", { headers: user.auth, body: renderBody({ script: withVoice(voices.voices[0]!) }) });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDir, toneWav } from "../renderer/fixtures";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { ffmpegFixture, movie, picture } from "./media-fixtures";

const dir = tempDir();
let png: Buffer;
let mp4: Buffer;

beforeAll(async () => {
  png = readFileSync(await ffmpegFixture(path.join(dir, "still.png"), [...picture("64x48"), "-frames:v", "1"]));
  mp4 = readFileSync(await ffmpegFixture(path.join(dir, "clip.mp4"), [...movie("64x48", 1), "-c:v", "libx264", "-c:a", "aac"]));
});

const upload = async (server: TestServer, user: TestUser, name: string, bytes: Buffer, type: string, tags: string[]) => {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(bytes)], { type }), name);
  for (const t of tags) form.append("tags", t);
  const res = await server.api("/v1/media", { body: form, headers: user.auth });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};

const line = { speaker: "narrator", text: "Here we are.", durationSec: 1 };

describe.each(["pglite", "postgres"] as const)("a render's built-in settings give way to the user's media tagged with them (%s)", (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database });
  });
  afterAll(async () => {
    await server?.close();
  });

  it("uses the newest image or video tagged with the setting, else with the mood; never audio, never another user's", async () => {
    const alice = await server.user();
    const bob = await server.user();
    await upload(server, alice, "old-office.png", png, "image/png", ["office"]);
    const office = await upload(server, alice, "office.png", png, "image/png", ["work", "Office"]);
    const living = await upload(server, alice, "lounge.png", png, "image/png", ["living room"]);
    const sad = await upload(server, alice, "rainy.mp4", mp4, "video/mp4", ["sad"]);
    await upload(server, alice, "kitchen.wav", toneWav(1), "audio/wav", ["kitchen"]);
    await upload(server, bob, "park.png", png, "image/png", ["park"]);

    const scenes = [
      { id: "office", setting: "office", lines: [line] },
      { id: "living", setting: "living-room", mood: "sad", lines: [line] },
      { id: "cafe-sad", setting: "cafe", mood: "sad", lines: [line] },
      { id: "kitchen", setting: "kitchen", lines: [line] },
      { id: "park", setting: "park", lines: [line] },
      { id: "explicit", setting: "office", background: { type: "color", value: "#16a34a" }, lines: [line] },
      { id: "plain", mood: "sad", lines: [line] },
    ];
    const res = await server.api("/v1/renders", { headers: alice.auth, body: { template: "minidrama", script: { title: "Tags", scenes }, outputs: [{ format: "mp4", resolution: "480p" }] } });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const row = await server.ctx.db.selectFrom("renders").select("script").where("id", "=", res.body.id).executeTakeFirstOrThrow();
    const backgrounds = Object.fromEntries((row.script as { scenes: { id: string; background?: unknown }[] }).scenes.map((s) => [s.id, s.background ?? null]));
    expect(backgrounds).toEqual({
      office: { type: "image", src: `media:${office}` },
      living: { type: "image", src: `media:${living}` },
      "cafe-sad": { type: "video", src: `media:${sad}` },
      kitchen: null,
      park: null,
      explicit: { type: "color", value: "#16a34a" },
      plain: null,
    });

    // Without tagged media the script is stored as sent.
    const bobs = await server.api("/v1/renders", { headers: bob.auth, body: { template: "minidrama", script: { title: "Tags", scenes: [{ id: "office", setting: "office", lines: [line] }] }, outputs: [{ format: "mp4", resolution: "480p" }] } });
    expect(bobs.status, JSON.stringify(bobs.body)).toBe(202);
    const bobRow = await server.ctx.db.selectFrom("renders").select("script").where("id", "=", bobs.body.id).executeTakeFirstOrThrow();
    expect((bobRow.script as { scenes: { background?: unknown }[] }).scenes[0]!.background).toBeUndefined();
  });
});

import { createHash } from "node:crypto";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ReelgenError } from "../../script/reelgen-error";
import { inspectUpload, MEDIA_LIMITS, type InspectedMedia, type MediaLimits } from "../../server/media/inspect-upload.ts";
import { tempDir, writeToneWav } from "../renderer/fixtures.ts";
import { ffmpegFixture, HLS_PLAYLIST, movie, picture, pngDeclaring, tone, WEBP_1X1, zipOf } from "./media-fixtures.ts";

const dir = tempDir();
const at = (name: string) => path.join(dir, name);

const ff = (out: string, args: string[]) => ffmpegFixture(at(out), args);

const write = (name: string, content: string | Buffer) => {
  writeFileSync(at(name), content);
  return at(name);
};

/** The ReelgenError an inspection rejects with (fails the test if it resolves or throws anything else). */
const failure = async (filePath: string, limits?: Partial<MediaLimits>) => {
  const error = await inspectUpload({ filePath, declaredName: path.basename(filePath), limits }).then(
    (media) => expect.unreachable(`accepted as ${JSON.stringify(media)}`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReelgenError);
  return error as ReelgenError;
};

const files: Record<string, string> = {};

beforeAll(async () => {
  const made = await Promise.all([
    ff("still.png", [...picture("64x48"), "-frames:v", "1"]),
    ff("still.jpg", [...picture("40x30"), "-frames:v", "1", "-pix_fmt", "yuvj420p"]),
    ff("still.gif", [...picture("32x24"), "-frames:v", "1", "-pix_fmt", "rgb8"]),
    ff("tone.mp3", [...tone(1), "-c:a", "libmp3lame"]),
    ff("tone.opus", [...tone(1), "-c:a", "libopus"]),
    ff("tone.aac", [...tone(1), "-c:a", "aac", "-f", "adts"]),
    ff("tone.m4a", [...tone(1), "-c:a", "aac", "-f", "mp4", "-brand", "M4A "]),
    ff("clip.mp4", [...movie("64x48", 1), "-c:v", "libx264", "-c:a", "aac"]),
    ff("long.mp4", [...movie("64x48", 3), "-c:v", "libx264", "-c:a", "aac"]),
    ff("silent-audio.mp4", [...tone(1), "-c:a", "aac", "-f", "mp4"]),
    ff("clip.webm", [...movie("80x60", 1), "-c:v", "libvpx-vp9", "-c:a", "libopus"]),
    ff("clip.mov", [...movie("48x32", 1), "-c:v", "libx264", "-c:a", "aac", "-f", "mov"]),
  ]);
  for (const file of made) files[path.basename(file)] = file;
  files["tone.wav"] = writeToneWav(at("tone.wav"), 1);
  files["long.wav"] = writeToneWav(at("long.wav"), 3);
  files["still.webp"] = write("still.webp", WEBP_1X1);
});

describe("inspectUpload: accepted media", () => {
  type Case = { file: string; declaredName: string; expected: Omit<InspectedMedia, "bytes" | "sha256"> };
  const image = (mime: string, ext: string, width: number, height: number) => ({ kind: "image" as const, mime, ext, width, height, durationSec: null });
  const audio = (mime: string, ext: string) => ({ kind: "audio" as const, mime, ext, width: null, height: null, durationSec: 1 });
  const video = (mime: string, ext: string, width: number, height: number) => ({ kind: "video" as const, mime, ext, width, height, durationSec: 1 });
  const cases: Case[] = [
    { file: "still.png", declaredName: "song.mp3", expected: image("image/png", "png", 64, 48) },
    { file: "still.jpg", declaredName: "photo.jpeg", expected: image("image/jpeg", "jpg", 40, 30) },
    { file: "still.webp", declaredName: "x", expected: image("image/webp", "webp", 1, 1) },
    { file: "still.gif", declaredName: "anim.gif", expected: image("image/gif", "gif", 32, 24) },
    { file: "tone.wav", declaredName: "tone.wav", expected: audio("audio/wav", "wav") },
    { file: "tone.mp3", declaredName: "tone.png", expected: audio("audio/mpeg", "mp3") },
    { file: "tone.opus", declaredName: "tone.ogg", expected: audio("audio/ogg; codecs=opus", "opus") },
    { file: "tone.aac", declaredName: "tone.aac", expected: audio("audio/aac", "aac") },
    { file: "tone.m4a", declaredName: "tone.m4a", expected: audio("audio/x-m4a", "m4a") },
    { file: "clip.mp4", declaredName: "clip.mov", expected: video("video/mp4", "mp4", 64, 48) },
    { file: "clip.webm", declaredName: "clip.webm", expected: video("video/webm", "webm", 80, 60) },
    { file: "clip.mov", declaredName: "clip.mp4", expected: video("video/quicktime", "mov", 48, 32) },
  ];

  it.each(cases)("$file (named $declaredName) is $expected.mime", async ({ file, declaredName, expected }) => {
    const filePath = files[file]!;
    const media = await inspectUpload({ filePath, declaredName });
    const { durationSec, ...rest } = media;
    const { durationSec: expectedDuration, ...expectedRest } = expected;
    expect(rest).toEqual({
      ...expectedRest,
      bytes: statSync(filePath).size,
      sha256: createHash("sha256").update(readFileSync(filePath)).digest("hex"),
    });
    if (expectedDuration === null) expect(durationSec).toBeNull();
    else expect(Math.abs(durationSec! - expectedDuration)).toBeLessThan(0.1);
  });
});

describe("inspectUpload: content that is not allowed media", () => {
  const cases: { name: string; content: string | Buffer; detected: string }[] = [
    { name: "photo.png", content: "just some text, honest\n", detected: "text" },
    { name: "clip.mp4", content: HLS_PLAYLIST, detected: "HLS playlist" },
    { name: "list.ffconcat", content: "ffconcat version 1.0\nfile '/etc/passwd'\n", detected: "ffconcat script" },
    { name: "logo.png", content: '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>', detected: "svg" },
    { name: "archive.mp4", content: zipOf("a.txt", "hello"), detected: "zip" },
    { name: "doc.jpg", content: "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<<>>\nendobj\n", detected: "pdf" },
    { name: "run.gif", content: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]), detected: "elf" },
    { name: "broken.png", content: Buffer.concat([pngDeclaring(1, 1).subarray(0, 8), Buffer.alloc(64, 7)]), detected: "unknown" },
    { name: "noise.wav", content: Buffer.from([0x00, 0x01, 0xfe, 0xff, 0x13, 0x37, 0x00, 0x80, 0xc3, 0x28]), detected: "unknown" },
    { name: "empty.mp3", content: Buffer.alloc(0), detected: "empty file" },
  ];

  it.each(cases)("$name → UNSUPPORTED_MEDIA_TYPE (detected: $detected)", async ({ name, content, detected }) => {
    const error = await failure(write(`bad-${name}`, content));
    expect(error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    expect(error.status).toBe(415);
    expect(error.message).toBe(`upload is not an allowed image, audio or video file (detected: ${detected})`);
  });
});

describe("inspectUpload: hostile or damaged media", () => {
  const patched = (source: string, name: string, patch: (b: Buffer) => void) => {
    const bytes = Buffer.from(readFileSync(files[source]!));
    patch(bytes);
    return write(name, bytes);
  };
  const cases: { name: string; make: () => string; message: RegExp }[] = [
    { name: "PNG declaring 100000×100000", make: () => write("bomb.png", pngDeclaring(100_000, 100_000)), message: /100000×100000/ },
    { name: "PNG within maxSide but over maxPixels (8000×8000)", make: () => write("wide.png", pngDeclaring(8000, 8000)), message: /at most 40000000 pixels/ },
    {
      name: "GIF declaring 65535×65535",
      make: () => patched("still.gif", "bomb.gif", (b) => (b.writeUInt16LE(65535, 6), b.writeUInt16LE(65535, 8))),
      message: /65535×65535/,
    },
    {
      name: "JPEG declaring 65000×65000",
      make: () =>
        patched("still.jpg", "bomb.jpg", (b) => {
          const sof = b.indexOf(Buffer.from([0xff, 0xc0]));
          b.writeUInt16BE(65000, sof + 5);
          b.writeUInt16BE(65000, sof + 7);
        }),
      message: /65000×65000/,
    },
    { name: "PNG cut off inside IHDR", make: () => write("cut.png", pngDeclaring(64, 64).subarray(0, 18)), message: /^image header could not be read$/ },
    { name: "GIF cut off after its signature", make: () => write("cut.gif", "GIF89a"), message: /^image header could not be read$/ },
    {
      name: "JPEG without a frame header",
      make: () => write("nosof.jpg", Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9])),
      message: /^image header could not be read$/,
    },
    {
      name: "MP4 whose content after a valid ftyp box is garbage",
      make: () => {
        const mp4 = readFileSync(files["clip.mp4"]!);
        const ftyp = mp4.readUInt32BE(0);
        const garbage = Buffer.alloc(64 * 1024);
        for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 251;
        return write("truncated.mp4", Buffer.concat([mp4.subarray(0, ftyp), garbage]));
      },
      message: /could not be read as MP4 video/,
    },
    { name: "MP4 with only an audio stream", make: () => files["silent-audio.mp4"]!, message: /has no video stream/ },
  ];

  it.each(cases)("$name → MEDIA_REJECTED", async ({ make, message }) => {
    const filePath = make();
    global.gc?.();
    const before = process.memoryUsage();
    const started = performance.now();
    const error = await failure(filePath);
    const elapsed = performance.now() - started;
    const after = process.memoryUsage();
    expect(error.code).toBe("MEDIA_REJECTED");
    expect(error.status).toBe(422);
    expect(error.message).toMatch(message);
    // Images are judged from their header alone, so a bomb costs neither time nor memory.
    expect(elapsed).toBeLessThan(filePath.endsWith(".mp4") ? 5000 : 1000);
    expect(after.heapUsed - before.heapUsed).toBeLessThan(50 * 1024 * 1024);
    expect(after.rss - before.rss).toBeLessThan(50 * 1024 * 1024);
  });
});

describe("inspectUpload: limits", () => {
  const cases: { name: string; file: string; limits: Partial<MediaLimits>; code: string; message: RegExp }[] = [
    { name: "file over maxBytes", file: "tone.wav", limits: { maxBytes: 1000 }, code: "PAYLOAD_TOO_LARGE", message: /^upload is 96044 bytes; the limit is 1000$/ },
    { name: "WAV over maxDurationSec", file: "long.wav", limits: { maxDurationSec: 2 }, code: "MEDIA_REJECTED", message: /3\.0 s long; the limit is 2 s/ },
    { name: "MP4 over maxDurationSec", file: "long.mp4", limits: { maxDurationSec: 2 }, code: "MEDIA_REJECTED", message: /3\.0 s long; the limit is 2 s/ },
    { name: "video frame over maxSide", file: "clip.mp4", limits: { maxSide: 60 }, code: "MEDIA_REJECTED", message: /64×48; neither side may exceed 60/ },
    { name: "video frame over maxPixels", file: "clip.webm", limits: { maxPixels: 80 * 60 - 1 }, code: "MEDIA_REJECTED", message: /80×60; it may have at most 4799 pixels/ },
    { name: "image over maxSide", file: "still.png", limits: { maxSide: 63 }, code: "MEDIA_REJECTED", message: /64×48; neither side may exceed 63/ },
    { name: "probe over its timeout", file: "clip.mp4", limits: { probeTimeoutMs: 1 }, code: "MEDIA_REJECTED", message: /took longer than 1 ms/ },
  ];

  it.each(cases)("$name → $code", async ({ file, limits, code, message }) => {
    const error = await failure(files[file]!, limits);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it("the same files pass under the default limits", async () => {
    expect(MEDIA_LIMITS).toEqual({ maxBytes: 200 * 1024 * 1024, maxSide: 8192, maxPixels: 40_000_000, maxDurationSec: 600, probeTimeoutMs: 10_000 });
    for (const file of ["long.wav", "long.mp4"]) {
      const media = await inspectUpload({ filePath: files[file]!, declaredName: file });
      expect(Math.abs(media.durationSec! - 3)).toBeLessThan(0.1);
    }
  });

  it("an aborted signal rejects with its reason, not an ReelgenError", async () => {
    const controller = new AbortController();
    const reason = new Error("client went away");
    controller.abort(reason);
    await expect(inspectUpload({ filePath: files["clip.mp4"]!, declaredName: "clip.mp4", signal: controller.signal })).rejects.toBe(reason);
  });

  it("a signal aborted during the probe rejects with its reason", async () => {
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const pending = inspectUpload({ filePath: files["long.mp4"]!, declaredName: "long.mp4", signal: controller.signal });
    setTimeout(() => controller.abort(reason), 5);
    await expect(pending).rejects.toBe(reason);
  });
});

import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildTimeline } from "../../script/timeline";
import { probeMedia } from "../../renderer/probe-media";
import { ReelgenError } from "../../script/reelgen-error";
import { renderStill } from "../../renderer/render-still";
import { renderVideo, type RenderProgress } from "../../renderer/render-video";
import { frameSize, validateScript } from "../../script";
import { decodeMono8k, distinctColours, pixel, readPng, rmsDb, shortScript, tempDir, tonePower, writeToneWav } from "./fixtures";

describe("renderVideo", () => {
  it("renders a 2.5 s 480p H.264 clip with the script's exact length", async () => {
    const dir = tempDir();
    const out = path.join(dir, "clip.mp4");
    const stages = new Set<RenderProgress["stage"]>();
    const result = await renderVideo({ script: shortScript(), template: "minidrama", outputPath: out, resolution: "480p", onProgress: (p) => stages.add(p.stage) });

    const probe = await probeMedia(out);
    expect(probe.video).toMatchObject({ codec: "h264", width: 480, height: 854, frames: 75, pixelFormat: "yuv420p" });
    expect(probe.durationSec).toBeCloseTo(2.5, 1);
    expect(result).toMatchObject({ width: 480, height: 854, durationInFrames: 75, fps: 30, codec: "h264" });
    expect(result.sizeBytes).toBe(probe.sizeBytes);
    expect(result.bundle.cached).toBe(true); // global setup bundled already
    expect([...stages]).toEqual(expect.arrayContaining(["rendering", "done"]));
    // Both captions reported their boxes from the browser, inside the safe zone.
    expect(result.quality.checks.find((c) => c.id === "safe-zone")).toMatchObject({ status: "pass", message: "all 2 captions inside the platform safe zone" });
    // Only the finished file and its captions are left: no temp files beside them.
    expect(readdirSync(dir).sort()).toEqual(["clip.mp4", "clip.quality.json", "clip.srt", "clip.vtt"]);
  });

  it("renders the script's duration from reading speed when no durationSec is given", async () => {
    const script = shortScript({ scenes: [{ id: "a", lines: [{ speaker: "narrator", text: "Two words." }] }] });
    const out = path.join(tempDir(), "est.webm");
    await renderVideo({ script, template: "minidrama", outputPath: out, resolution: "480p", voice: false });
    const parsed = validateScript(script);
    if (!parsed.ok) throw new Error("fixture invalid");
    const expected = buildTimeline(parsed.script).durationInFrames;
    const probe = await probeMedia(out);
    expect(probe.video).toMatchObject({ codec: "vp9", width: 480, height: 854, frames: expected });
  });

  it("serves a local music file to the render and mixes it in", async () => {
    const dir = tempDir();
    writeToneWav(path.join(dir, "tone.wav"), 3, 440);
    const out = path.join(dir, "music.mp4");
    // Voice off: whatever sound the file has can only come from the music.
    await renderVideo({ script: shortScript({ music: { src: "tone.wav", volume: 0.5 } }), template: "minidrama", outputPath: out, resolution: "480p", assetBaseDir: dir, voice: false });
    const probe = await probeMedia(out);
    expect(probe.audio).toMatchObject({ codec: "aac", sampleRate: 48000 });
    expect(probe.video).toMatchObject({ frames: 75 });
    // Full volume between the fades (frames 25-50), and it is the tone: 440 Hz, not noise or another pitch.
    expect(await rmsDb(out, 1, 1.5)).toBeGreaterThan(-30);
    const middle = (await decodeMono8k(out)).subarray(8000, 12000);
    expect(tonePower(middle, 440)).toBeGreaterThan(100 * tonePower(middle, 660));
    expect(tonePower(middle, 440)).toBeGreaterThan(100 * tonePower(middle, 220));
    // The bed fades in: the first 0.1 s is well below the middle.
    expect(await rmsDb(out, 0, 0.1)).toBeLessThan((await rmsDb(out, 1, 1.5)) - 10);
  });

  it("writes nothing and stops when aborted", async () => {
    const dir = tempDir();
    const out = path.join(dir, "aborted.mp4");
    const controller = new AbortController();
    const promise = renderVideo({
      script: shortScript({ scenes: [{ id: "a", lines: [{ speaker: "ana", text: "long", durationSec: 20 }] }] }),
      template: "minidrama",
      outputPath: out,
      resolution: "480p",
      signal: controller.signal,
      onProgress: (p) => p.renderedFrames > 10 && controller.abort(),
    });
    await expect(promise).rejects.toMatchObject({ code: "ABORTED" });
    expect(readdirSync(dir)).toEqual([]);
  });

  it("rejects bad input before doing any work and leaves no file", async () => {
    const dir = tempDir();
    const attempts: [string, () => Promise<unknown>][] = [
      ["INVALID_SCRIPT", () => renderVideo({ script: { title: "x", scenes: [] }, template: "minidrama", outputPath: path.join(dir, "a.mp4") })],
      ["TEMPLATE_NOT_FOUND", () => renderVideo({ script: shortScript(), template: "nope", outputPath: path.join(dir, "b.mp4") })],
      ["INVALID_ARGUMENT", () => renderVideo({ script: shortScript(), template: "minidrama", outputPath: path.join(dir, "c.mp4"), concurrency: 64 })],
      ["INVALID_ARGUMENT", () => renderVideo({ script: shortScript(), template: "minidrama", outputPath: path.join(dir, "d.avi") })],
      ["OUTPUT_NOT_WRITABLE", () => renderVideo({ script: shortScript(), template: "minidrama", outputPath: "/etc/hostname/e.mp4" })],
      ["ASSET_NOT_FOUND", () => renderVideo({ script: shortScript({ music: { src: "missing.mp3" } }), template: "minidrama", outputPath: path.join(dir, "f.mp4"), assetBaseDir: dir })],
    ];
    for (const [code, attempt] of attempts) {
      const err = await attempt().then(() => null, (e: unknown) => e);
      expect(err, code).toBeInstanceOf(ReelgenError);
      expect((err as ReelgenError).code).toBe(code);
      expect((err as ReelgenError).isInputError).toBe(true);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("renderStill", () => {
  it.each(["9:16", "16:9", "1:1", "4:5"] as const)("draws a %s frame edge to edge, not letterboxed", async (format) => {
    const out = path.join(tempDir(), "thumb.png");
    const result = await renderStill({ script: shortScript({ format }), template: "minidrama", outputPath: out, frame: 20, resolution: "480p" });
    const png = readPng(out);
    const size = frameSize(format, "480p");
    expect({ width: png.width, height: png.height }).toEqual(size);
    expect(result).toMatchObject({ ...size, frame: 20, durationInFrames: 75 });
    // The scene's blue reaches every top corner (no bars), and there is text and an avatar on it.
    for (const [x, y] of [[1, 1], [png.width - 2, 1]] as const) {
      const [r, g, b] = pixel(png, x, y);
      expect(Math.abs(r - 0x25) + Math.abs(g - 0x63) + Math.abs(b - 0xeb), `${format} corner ${x},${y}`).toBeLessThan(12);
    }
    expect(distinctColours(png)).toBeGreaterThan(200);
  });

  it("picks a cover frame by itself: the first character line, caption on screen", async () => {
    const out = path.join(tempDir(), "cover.png");
    const result = await renderStill({ script: shortScript(), template: "minidrama", outputPath: out, resolution: "480p" });
    // Ana's 30-frame line starts at 0; its caption is complete by frame 22 (30 - 8).
    expect(result.frame).toBe(22);
    const png = readPng(out);
    let tag = 0; // pixels of Ana's name-tag colour #f43f5e
    for (let i = 0; i < png.data.length; i += 4) if (Math.abs(png.data[i]! - 0xf4) + Math.abs(png.data[i + 1]! - 0x3f) + Math.abs(png.data[i + 2]! - 0x5e) < 30) tag++;
    expect(tag).toBeGreaterThan(500);
  });

  it("rejects a frame past the end", async () => {
    const out = path.join(tempDir(), "late.png");
    await expect(renderStill({ script: shortScript(), template: "minidrama", outputPath: out, frame: 75 })).rejects.toThrow("frame: this script has frames 0 to 74, got 75");
    expect(existsSync(out)).toBe(false);
  });
});

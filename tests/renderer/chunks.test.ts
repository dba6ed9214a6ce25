import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { finalizeOutput, openPlanRun, prepareRender, renderSegment, withRenderSession } from "../../renderer/index";
import { probeMedia } from "../../renderer/probe-media";
import { renderVideo } from "../../renderer/render-video";
import { ReelgenError } from "../../script/reelgen-error";
import { decodeFrame as frameRgb, meanAbsDiff as mad } from "./video-frames";
import { decodeMono8k, locate, shortScript, tempDir, writeNoiseWav } from "./fixtures";

/** RMS envelope of 8 kHz mono samples, one value per video frame (1/30 s). */
const envelope = (samples: Float64Array) => {
  const step = 8000 / 30;
  const out: number[] = [];
  for (let f = 0; (f + 1) * step <= samples.length; f++) {
    let e = 0;
    for (let i = Math.round(f * step); i < Math.round((f + 1) * step); i++) e += samples[i]! ** 2;
    out.push(Math.sqrt(e / step));
  }
  return out;
};

// A script whose picture changes every frame around the joins (scene two fades in over frames
// 30–44, captions pop word by word), with a steady tone under it: a gap, a click or a shift at a
// join shows up in the picture or in the sound.
const FRAMES_PER_CHUNK = 20;
const JOINS = [20, 40, 60];

describe("chunked render (segments joined without re-encoding)", () => {
  const dir = tempDir();
  const whole = path.join(dir, "whole.mp4");
  const chunked = path.join(dir, "chunked.mp4");
  const music = path.join(dir, "tone.wav");
  let script: Record<string, unknown>;
  const joins: (number | null)[] = [];

  beforeAll(async () => {
    // Noise, not a steady tone: where no one speaks at a join, a tone matches itself one period
    // later, and the sync check could not tell a shifted join from a true one.
    writeNoiseWav(music, 4);
    script = shortScript({ music: { src: music, volume: 0.6 } });
    // Voiced (espeak-ng): speech is not periodic like the tone, so a shifted join cannot hide.
    joins.push((await renderVideo({ script, template: "minidrama", outputPath: whole, resolution: "480p" })).joinSeconds);
    joins.push((await renderVideo({ script, template: "minidrama", outputPath: chunked, resolution: "480p", framesPerChunk: FRAMES_PER_CHUNK })).joinSeconds);
  }, 240_000);

  it("has the whole render's frame count, size and duration", async () => {
    const [a, b] = [await probeMedia(whole), await probeMedia(chunked)];
    expect(b.video).toMatchObject({ codec: "h264", width: 480, height: 854, frames: 75 });
    expect(b.video!.frames).toBe(a.video!.frames);
    expect(Math.abs(b.durationSec - a.durationSec)).toBeLessThan(1 / 30);
    expect(b.audio).not.toBeNull();
    // The join is timed (what chunking adds); a whole render has none.
    expect(joins[0]).toBeNull();
    expect(joins[1]).toBeGreaterThan(0);
    // Nothing of the chunks is left beside the output.
    expect(readdirSync(dir).filter((f) => f.startsWith("chunked")).sort()).toEqual(["chunked.mp4", "chunked.quality.json", "chunked.srt", "chunked.vtt"]);
  });

  it("shows the same picture on both sides of every join", async () => {
    for (const join of JOINS) {
      for (const n of [join - 1, join]) {
        const same = mad(await frameRgb(whole, n), await frameRgb(chunked, n));
        // Measured: 0.09–0.26 (the encoder starts each chunk with a key frame).
        expect(same, `frame ${n}`).toBeLessThan(1.5);
      }
    }
    // The measure can tell frames apart where the picture moves: mid-fade, two frames apart differ by ~7.5.
    expect(mad(await frameRgb(whole, 36), await frameRgb(chunked, 38))).toBeGreaterThan(3);
  });

  it("keeps the sound continuous and in sync across joins", async () => {
    const [a, b] = [envelope(await decodeMono8k(whole)), envelope(await decodeMono8k(chunked))];
    expect(Math.abs(a.length - b.length)).toBeLessThanOrEqual(1);
    const loud = 0.1 * Math.max(...a);
    for (const join of JOINS) {
      for (let f = join - 3; f <= join + 3; f++) {
        // No dip (a gap is -20 dB or worse) or spike (a click) at the join: within 2 dB of the
        // whole render's level in every 1/30 s (the two AAC encodes differ by up to ~1.5 dB).
        if (a[f]! < loud) continue;
        expect(Math.abs(20 * Math.log10(b[f]! / a[f]!)), `frame ${f}`).toBeLessThan(2);
      }
    }
    // In sync: a stretch of the whole render's sound around each join is found at the same time
    // in the chunked one, within a millisecond.
    const [wa, wb] = [await decodeMono8k(whole), await decodeMono8k(chunked)];
    for (const join of JOINS) {
      const at = join / 30 - 0.1;
      const stretch = wa.slice(Math.round(at * 8000), Math.round((at + 0.2) * 8000));
      expect(Math.abs(locate(wb, stretch, at, 0.1) - at), `join ${join}`).toBeLessThan(0.001);
    }
  });
});

describe("a plan rendered in parts", () => {
  it("is JSON: a chunk rendered from the serialised plan joins with one from the original", async () => {
    const dir = tempDir();
    const out = path.join(dir, "out.mp4");
    const plan = await prepareRender({ script: shortScript(), template: "minidrama", outputs: [{ outputPath: out, resolution: "480p" }], voice: false });
    const copy = JSON.parse(JSON.stringify(plan)) as typeof plan;
    expect(copy).toEqual(plan);
    await withRenderSession({}, async (session) => {
      const [first, second] = [await openPlanRun(session, plan), await openPlanRun(session, copy)];
      try {
        const a = await renderSegment(first, { output: 0, frameRange: [0, 39], chunk: true, videoPath: path.join(dir, "a.ts"), concurrency: 1 });
        const b = await renderSegment(second, { output: 0, frameRange: [40, 74], chunk: true, videoPath: path.join(dir, "b.ts"), concurrency: 1 });
        // Frames missing: refused before anything is written.
        await expect(finalizeOutput(first, 0, [a])).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
        const result = await finalizeOutput(first, 0, [b, a]);
        expect(result).toMatchObject({ durationInFrames: 75, width: 480, height: 854 });
        expect(result.joinSeconds).toBeGreaterThan(0);
        expect((await probeMedia(out)).video).toMatchObject({ frames: 75 });
      } finally {
        await first.close();
        await second.close();
      }
    });
  }, 120_000);

  it("refuses chunks of a format that cannot join without re-encoding, and bad frame ranges", async () => {
    const dir = tempDir();
    const plan = await prepareRender({ script: shortScript(), template: "minidrama", outputs: [{ outputPath: path.join(dir, "x.webm"), resolution: "480p" }], voice: false });
    await withRenderSession({}, async (session) => {
      const planRun = await openPlanRun(session, plan);
      try {
        const chunk = renderSegment(planRun, { output: 0, frameRange: [0, 9], chunk: true, videoPath: path.join(dir, "c.webm"), concurrency: 1 });
        await expect(chunk).rejects.toThrow(ReelgenError);
        await expect(chunk).rejects.toMatchObject({ code: "INVALID_ARGUMENT", message: expect.stringContaining("mp4") });
        await expect(renderSegment(planRun, { output: 0, frameRange: [70, 80], videoPath: path.join(dir, "d.webm"), concurrency: 1 })).rejects.toMatchObject({ code: "INVALID_ARGUMENT", message: expect.stringContaining("frameRange") });
      } finally {
        await planRun.close();
      }
    });
    await expect(renderVideo({ script: shortScript(), template: "minidrama", outputPath: path.join(dir, "y.mp4"), resolution: "480p", voice: false, framesPerChunk: 2 })).rejects.toMatchObject({ code: "INVALID_ARGUMENT", message: expect.stringContaining("framesPerChunk") });
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

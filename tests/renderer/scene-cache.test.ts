import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { renderVideo, type RenderVideoResult } from "../../renderer/render-video";
import { buildTimeline } from "../../script";
import { decodeFrame as frameRgb, meanAbsDiff as mad } from "./video-frames";
import { decodeMono8k, locate, tempDir } from "./fixtures";

/** Colour samples (R, G or B of a pixel) more than 40 apart: content that differs, not encoder noise. */
const changed = (a: Buffer, b: Buffer) => {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (Math.abs(a[i]! - b[i]!) > 40) n++;
  return n;
};

const COLORS = ["#2563eb", "#16a34a", "#dc2626", "#9333ea", "#ea580c"];
// Five scenes of 24 frames; scene 3 (index 2) enters with a slide, scene 4 with a fade that
// overlaps scene 3's end, scene 5 with a cut (depends on nothing before it).
const TRANSITIONS = ["cut", "fade", "slide", "fade", "cut"];
const TEXTS = ["The lighthouse keeper woke early.", "Fog rolled over the bay.", "A ship's horn sounded twice.", "He lit the great lamp.", "The ship turned safely home."];
const dramaScript = (third: string) => ({
  title: "Lighthouse",
  characters: [{ id: "ana", name: "Ana", color: "#f43f5e" }],
  scenes: TEXTS.map((text, i) => ({
    id: `s${i}`,
    transition: TRANSITIONS[i],
    background: { type: "color", value: COLORS[i] },
    lines: [{ speaker: i % 2 ? "ana" : "narrator", text: i === 2 ? third : text, durationSec: 0.8 }],
  })),
});

describe("scene cache: one line edited re-renders only the scenes that show it", () => {
  const dir = tempDir();
  const cacheDir = path.join(dir, "cache");
  const edited = dramaScript("Two short blasts from a ship's horn.");
  const files = { first: path.join(dir, "first.mp4"), cached: path.join(dir, "cached.mp4"), fresh: path.join(dir, "fresh.mp4") };
  const results: Record<string, RenderVideoResult> = {};
  const joins = buildTimeline(edited as never, 30).scenes.slice(1).map((s) => s.from);

  beforeAll(async () => {
    const common = { template: "minidrama", resolution: "480p" as const, concurrency: 2 };
    results.first = await renderVideo({ ...common, script: dramaScript(TEXTS[2]!), outputPath: files.first, sceneCache: true, cacheDir });
    results.cached = await renderVideo({ ...common, script: edited, outputPath: files.cached, sceneCache: true, cacheDir });
    results.fresh = await renderVideo({ ...common, script: edited, outputPath: files.fresh });
    console.log(`fresh render ${results.fresh.wallSeconds.toFixed(2)} s; cached re-render ${results.cached.wallSeconds.toFixed(2)} s (join ${results.cached.sceneCache!.joinSeconds.toFixed(2)} s); first cached render ${results.first.wallSeconds.toFixed(2)} s`);
  }, 300_000);

  it("renders every scene the first time, then only the edited scene and the one whose transition overlaps it", () => {
    expect(results.first!.sceneCache).toMatchObject({ hits: [], misses: [0, 1, 2, 3, 4] });
    expect(results.cached!.sceneCache).toMatchObject({ hits: [0, 1, 4], misses: [2, 3] });
    expect(results.fresh!.sceneCache).toBeUndefined();
    expect(joins).toEqual([24, 48, 72, 96]);
  });

  it("equals a fresh render of the edited script: frames, duration, pictures at every join", async () => {
    const [a, b] = [await probeMedia(files.fresh), await probeMedia(files.cached)];
    expect(b.video).toMatchObject({ codec: "h264", width: 480, height: 854, frames: 120 });
    expect(b.video!.frames).toBe(a.video!.frames);
    expect(Math.abs(b.durationSec - a.durationSec)).toBeLessThan(1 / 30);
    expect(b.audio).not.toBeNull();
    const measured: string[] = [];
    for (const join of joins) {
      for (const n of [join - 1, join, join + 5]) {
        const [a, b] = [await frameRgb(files.fresh, n), await frameRgb(files.cached, n)];
        measured.push(`${n}:${mad(a, b).toFixed(2)}/${changed(a, b)}`);
        // Each segment is encoded on its own, so edges carry a little different encoder noise (mean
        // difference up to 0.32 with a detailed portrait on screen), but no sample is far off.
        expect(changed(a, b), `frame ${n}`).toBeLessThan(50);
      }
    }
    console.log(`MAD cached vs fresh at joins: ${measured.join(" ")}`);
    // Measured 0–24 samples off by more than 40. The measure tells the edited caption from the old one: ~3,300 on the edited scene's frame 60.
    expect(changed(await frameRgb(files.first, 60), await frameRgb(files.cached, 60))).toBeGreaterThan(1000);
    // Nothing of the segments is left beside the output.
    expect(readdirSync(dir).filter((f) => f.startsWith("cached")).sort()).toEqual(["cached.mp4", "cached.quality.json", "cached.srt", "cached.vtt"]);
  });

  it("keeps the speech in sync with a fresh render (within one frame)", async () => {
    const [wa, wb] = [await decodeMono8k(files.fresh), await decodeMono8k(files.cached)];
    const offsets: string[] = [];
    for (const join of joins) {
      // Each scene's line starts at its join: a stretch of the fresh render's speech just after it.
      const at = join / 30 + 0.05;
      const stretch = wa.slice(Math.round(at * 8000), Math.round((at + 0.3) * 8000));
      const off = locate(wb, stretch, at, 0.2) - at;
      offsets.push(`${join}:${(off * 1000).toFixed(1)}ms`);
      // Measured 0.0 ms (without matching the lead finalize removes, 42.7 ms early).
      expect(Math.abs(off), `join ${join}`).toBeLessThan(0.003);
    }
    console.log(`speech offset cached vs fresh: ${offsets.join(" ")}`);
  });
});

describe("scene cache: chat story", () => {
  it("an edited early message re-renders every later scene (they show it), not the earlier ones", async () => {
    const dir = tempDir();
    const cacheDir = path.join(dir, "cache");
    const chat = (second: string) => ({
      title: "Leftovers",
      characters: [
        { id: "sam", name: "Sam", color: "#0a84ff" },
        { id: "jo", name: "Jo", color: "#30d158" },
      ],
      chat: { me: "sam" },
      scenes: [
        { id: "a", lines: [{ speaker: "sam", text: "did you eat the lasagna", durationSec: 0.7 }] },
        { id: "b", transition: "cut", lines: [{ speaker: "jo", text: second, durationSec: 0.7 }] },
        { id: "c", transition: "cut", lines: [{ speaker: "sam", text: "the one with my name on it", durationSec: 0.7 }] },
        { id: "d", transition: "cut", lines: [{ speaker: "jo", text: "ok so funny story", durationSec: 0.7 }] },
      ],
    });
    const common = { template: "chat-story", resolution: "480p" as const, concurrency: 2, voice: false, sceneCache: true, cacheDir };
    const first = await renderVideo({ ...common, script: chat("what lasagna"), outputPath: path.join(dir, "a.mp4") });
    const again = await renderVideo({ ...common, script: chat("what lasagna"), outputPath: path.join(dir, "b.mp4") });
    const edited = await renderVideo({ ...common, script: chat("which lasagna?"), outputPath: path.join(dir, "c.mp4") });
    expect(first.sceneCache).toMatchObject({ hits: [], misses: [0, 1, 2, 3] });
    expect(again.sceneCache).toMatchObject({ hits: [0, 1, 2, 3], misses: [] });
    expect(edited.sceneCache).toMatchObject({ hits: [0], misses: [1, 2, 3] });
    // Unchanged script, all from the cache: the same picture as the first render.
    expect((await probeMedia(path.join(dir, "b.mp4"))).video).toMatchObject({ frames: 84 });
    expect(mad(await frameRgb(path.join(dir, "a.mp4"), 70), await frameRgb(path.join(dir, "b.mp4"), 70))).toBeLessThan(0.01);
    // The last scene shows the edited bubble above it.
    expect(mad(await frameRgb(path.join(dir, "a.mp4"), 80), await frameRgb(path.join(dir, "c.mp4"), 80))).toBeGreaterThan(0.3);
  }, 240_000);
});

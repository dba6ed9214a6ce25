import path from "node:path";
import type { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { renderVideo } from "../../renderer/render-video";
import { frameAt, near, pixel, tempDir, writeColourVideo, writeSolidPng } from "./fixtures";

const FUCHSIA = [0xc0, 0x26, 0xd3] as const;
const AMBER = [0xf5, 0x9e, 0x0b] as const;
const GREEN = [0x00, 0xff, 0x00] as const;

/** Where the avatar's pure green is (nothing else in the frame is near it): count and centre. */
const greenPixels = (png: PNG) => {
  let count = 0;
  let sumX = 0;
  let sumY = 0;
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      const [r, g, b] = pixel(png, x, y);
      if (g > 200 && r < 80 && b < 80) {
        count++;
        sumX += x;
        sumY += y;
      }
    }
  }
  return { count, x: sumX / count, y: sumY / count };
};

// One 2-second render: a video background that turns from fuchsia to amber at 1 s, and Ana with a
// green portrait; frames are decoded from the finished file.
describe("media on real frames", () => {
  let out: string;
  beforeAll(async () => {
    const dir = tempDir();
    await writeColourVideo(path.join(dir, "bg.mp4"), ["#c026d3", "#f59e0b"], 1);
    writeSolidPng(path.join(dir, "ana.png"), 64, 64, GREEN);
    out = path.join(dir, "media.mp4");
    const script = {
      title: "Media",
      characters: [{ id: "ana", name: "Ana", color: "#f43f5e", avatar: "ana.png" }],
      scenes: [{ id: "a", background: { type: "video", src: "bg.mp4" }, lines: [{ speaker: "ana", text: "Look behind me.", durationSec: 2 }] }],
    };
    await renderVideo({ script, template: "minidrama", outputPath: out, resolution: "480p", voice: false, assetBaseDir: dir });
  });

  it("plays the video background: its first colour, then its second, edge to edge", async () => {
    expect((await probeMedia(out)).video).toMatchObject({ width: 480, height: 854, frames: 60 });
    const early = await frameAt(out, 0.5);
    const late = await frameAt(out, 1.5);
    // The top half: minidrama darkens the bottom behind its captions.
    for (const [x, y] of [[4, 4], [475, 4], [240, 60], [4, 300], [475, 300]] as const) {
      expect(near(pixel(early, x, y), FUCHSIA, 40), `0.5 s at ${x},${y}: ${pixel(early, x, y)}`).toBe(true);
      expect(near(pixel(late, x, y), AMBER, 40), `1.5 s at ${x},${y}: ${pixel(late, x, y)}`).toBe(true);
    }
  });

  it("draws the character's avatar image in place of the initial badge", async () => {
    const frame = await frameAt(out, 1);
    const green = greenPixels(frame);
    // The portrait is a circle of about 50 px at 480p: well over a thousand green pixels,
    // beside the caption, in the lower half on the left.
    expect(green.count).toBeGreaterThan(1000);
    expect(green.x).toBeLessThan(frame.width / 2);
    expect(green.y).toBeGreaterThan(frame.height / 2);
  });
});

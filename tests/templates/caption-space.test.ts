import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderStill } from "../../renderer/index";
import { readPng, tempDir, writeToneWav } from "../renderer/fixtures";

/**
 * The widest run of ink-free columns between the first and last inked column of the caption's
 * rows: the space between the two words. Ink is bright (white words, the yellow highlight).
 */
const wordGap = (file: string): number => {
  const png = readPng(file);
  const bright = (x: number, y: number) => {
    const i = (y * png.width + x) * 4;
    return 0.2126 * png.data[i]! + 0.7152 * png.data[i + 1]! + 0.0722 * png.data[i + 2]! > 150;
  };
  const rows: number[] = [];
  for (let y = 0; y < png.height; y++) {
    let n = 0;
    for (let x = 0; x < png.width; x++) if (bright(x, y)) n++;
    if (n > 3) rows.push(y);
  }
  const inked = Array.from({ length: png.width }, (_, x) => rows.some((y) => bright(x, y)));
  const first = inked.indexOf(true);
  const last = inked.lastIndexOf(true);
  let widest = 0;
  let run = 0;
  for (let x = first; x <= last; x++) {
    run = inked[x] ? 0 : run + 1;
    widest = Math.max(widest, run);
  }
  return widest;
};

describe("spoken-word highlight", () => {
  it("keeps the space before the highlighted word (\"on Sundays\", not \"onSundays\")", async () => {
    const dir = tempDir();
    writeToneWav(path.join(dir, "line.wav"), 2, 0);
    const script = {
      title: "Space",
      scenes: [
        {
          id: "a",
          lines: [
            {
              speaker: "narrator",
              text: "on Sundays.",
              speech: { src: "line.wav", durationSec: 2, words: [{ text: "on", startSec: 0, endSec: 0.5 }, { text: "Sundays.", startSec: 0.5, endSec: 1 }] },
            },
          ],
        },
      ],
    };
    const still = async (frame: number) => {
      const out = path.join(dir, `f${frame}.png`);
      await renderStill({ script, template: "narrated-story", outputPath: out, frame, resolution: "720p", assetBaseDir: dir });
      return wordGap(out);
    };
    // Frame 24 (0.8 s): "Sundays." is being spoken and highlighted. Frame 40 (1.33 s): no word is.
    const [speaking, resting] = [await still(24), await still(40)];
    expect(resting).toBeGreaterThan(6);
    // The highlighted word may not grow into the space before it.
    expect(speaking).toBeGreaterThanOrEqual(resting * 0.9);
  });
});

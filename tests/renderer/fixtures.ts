import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { readFileSync } from "node:fs";

/** A 2.5-second script: two scenes joined by a fade; 75 frames at 30 fps. */
export const shortScript = (overrides: Record<string, unknown> = {}) => ({
  title: "Short",
  characters: [{ id: "ana", name: "Ana", color: "#f43f5e" }],
  scenes: [
    { id: "one", background: { type: "color", value: "#2563eb" }, lines: [{ speaker: "ana", text: "Hello there, friend!", durationSec: 1 }] },
    { id: "two", transition: "fade", background: { type: "gradient", colors: ["#111827", "#7c3aed"] }, lines: [{ speaker: "narrator", text: "And then it ended.", durationSec: 1.5 }] },
  ],
  ...overrides,
});

/** A fresh folder for one test's outputs. */
export const tempDir = () => mkdtempSync(path.join(os.tmpdir(), "reelgen-test-"));

export const readPng = (file: string) => PNG.sync.read(readFileSync(file));

export const pixel = (png: PNG, x: number, y: number): [number, number, number] => {
  const i = (png.width * y + x) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
};

/** Number of distinct colours, after dropping the two low bits of each channel. */
export const distinctColours = (png: PNG) => {
  const seen = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) seen.add(((png.data[i]! >> 2) << 12) | ((png.data[i + 1]! >> 2) << 6) | (png.data[i + 2]! >> 2));
  return seen.size;
};

import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { readFileSync, writeFileSync } from "node:fs";

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

/** Writes a mono 16-bit PCM WAV of a sine tone. */
export const writeToneWav = (file: string, seconds: number, hz = 440, sampleRate = 48_000) => {
  const samples = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(44 + samples * 2);
  data.write("RIFF", 0);
  data.writeUInt32LE(36 + samples * 2, 4);
  data.write("WAVEfmt ", 8);
  data.writeUInt32LE(16, 16);
  data.writeUInt16LE(1, 20); // PCM
  data.writeUInt16LE(1, 22); // mono
  data.writeUInt32LE(sampleRate, 24);
  data.writeUInt32LE(sampleRate * 2, 28);
  data.writeUInt16LE(2, 32);
  data.writeUInt16LE(16, 34);
  data.write("data", 36);
  data.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / sampleRate) * 8000), 44 + i * 2);
  writeFileSync(file, data);
  return file;
};

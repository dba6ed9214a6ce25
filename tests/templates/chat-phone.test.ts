import { writeFileSync } from "node:fs";
import path from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { computeLayout } from "../../compositions/layout";
import { renderStill } from "../../renderer/render-still";
import { headingTime } from "../../templates/chat-story/chat-clock";
import { chooseTapbacks } from "../../templates/chat-story/tapbacks";
import { pixel, readPng, tempDir } from "../renderer/fixtures";

type Png = ReturnType<typeof readPng>;
type Line = { speaker: string; text: string; durationSec: number; reaction?: string; emotion?: string };

const chat = (lines: Line[], scene: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  title: "Chat",
  characters: [
    { id: "me", name: "Me" },
    { id: "kim", name: "Kim" },
  ],
  chat: { me: "me" },
  scenes: [{ id: "a", lines, ...scene }],
  ...extra,
});

/** Writes a one-colour PNG (an image from the user's library, or a portrait that never blinks). */
const solidPng = (file: string, rgb: [number, number, number], size = 64) => {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([...rgb, 255], i);
  writeFileSync(file, PNG.sync.write(png));
  return file;
};

const still = async (script: unknown, frame: number, dir = tempDir()) => {
  const out = path.join(dir, `f${frame}-${Math.random().toString(36).slice(2)}.png`);
  await renderStill({ script, template: "chat-story", outputPath: out, frame, resolution: "480p", voice: false, assetBaseDir: dir });
  return readPng(out);
};

/** Pixels in a box passing a test. */
const count = (png: Png, box: { x0: number; y0: number; x1: number; y1: number }, test: (rgb: [number, number, number]) => boolean) => {
  let n = 0;
  for (let y = Math.max(0, Math.floor(box.y0)); y < Math.min(png.height, box.y1); y++) {
    for (let x = Math.max(0, Math.floor(box.x0)); x < Math.min(png.width, box.x1); x++) if (test(pixel(png, x, y))) n++;
  }
  return n;
};

const white = ([r, g, b]: [number, number, number]) => r > 200 && g > 200 && b > 200;
const accentBlue = ([r, g, b]: [number, number, number]) => Math.abs(r - 0x0a) + Math.abs(g - 0x84) + Math.abs(b - 0xff) < 40;
// The receipt's grey text (#8e8e93), antialiased over the dark screen.
const receiptGrey = ([r, g, b]: [number, number, number]) => r > 70 && r < 200 && Math.abs(r - b) < 20 && Math.abs(r - g) < 20;

/** The bottom row of the owner's (blue) bubble: the lowest row of the right half with a bubble's width of blue. */
const blueBubbleBottom = (png: Png, fromY: number) => {
  let bottom = -1;
  for (let y = Math.floor(fromY); y < png.height; y++) {
    if (count(png, { x0: png.width / 2, y0: y, x1: png.width, y1: y + 1 }, accentBlue) > 40) bottom = y;
  }
  return bottom;
};

/** Left and right ends of the receipt text under the owner's bubble, or null when there is none. */
const receiptSpan = (png: Png, bubbleBottom: number) => {
  let left = Infinity;
  let right = -1;
  for (let y = bubbleBottom + 1; y < bubbleBottom + 16; y++) {
    for (let x = Math.floor(png.width / 2); x < png.width; x++) {
      if (receiptGrey(pixel(png, x, y))) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
    }
  }
  return right < 0 ? null : { left, right };
};

describe("chat-story's phone", () => {
  // 480x854: the phone fills the safe area, which starts 85 px down and ends 171 px above the bottom.
  const layout = computeLayout(480, 854);
  const phone = { left: layout.safe.left, right: 480 - layout.safe.right, top: layout.safe.top, bottom: 854 - layout.safe.bottom };
  const k = (phone.right - phone.left) / 864;

  it("draws a status bar (time left, signal and battery right) and an input bar (field, send button, home bar), on the default black", async () => {
    const png = await still(chat([{ speaker: "kim", text: "are you up", durationSec: 1 }, { speaker: "me", text: "yes why", durationSec: 1 }]), 50);
    const band = { y0: phone.top, y1: phone.top + 74 * k };
    const width = phone.right - phone.left;
    expect(count(png, { x0: phone.left, x1: phone.left + width * 0.3, ...band }, white), "white clock digits in the status bar's left third").toBeGreaterThan(25);
    expect(count(png, { x0: phone.right - width * 0.25, x1: phone.right, ...band }, white), "white signal, Wi-Fi and battery glyphs on its right").toBeGreaterThan(25);
    expect(count(png, { x0: phone.left + width * 0.35, x1: phone.left + width * 0.65, ...band }, white), "nothing in the middle").toBe(0);
    const input = { x0: phone.left, x1: phone.right, y0: phone.bottom - 118 * k, y1: phone.bottom };
    const area = (input.x1 - input.x0) * (input.y1 - input.y0);
    expect(count(png, input, ([r, g, b]) => r + g + b > 40) / area, "the input bar's fill differs from the black backdrop").toBeGreaterThan(0.5);
    expect(count(png, { ...input, y0: phone.bottom - 40 * k }, white), "the home bar").toBeGreaterThan(40);
    // The placeholder's grey letters sit in the field's left half.
    expect(count(png, { ...input, x1: phone.left + width * 0.5, y1: phone.bottom - 40 * k }, ([r, g, b]) => r > 80 && r < 140 && Math.abs(r - b) < 15)).toBeGreaterThan(15);
    // Nothing set: today's black backdrop around the phone.
    for (const [x, y] of [[2, 2], [477, 2], [2, 851], [477, 851], [240, 40], [240, 800]] as const) expect(pixel(png, x, y)).toEqual([0, 0, 0]);
  });

  it("says Delivered under the owner's message, then Read with the time once the other side starts replying", async () => {
    // Kim 0–30, me 30–60, Kim again at 60 (typing from 46): read at 46.
    const script = chat([
      { speaker: "kim", text: "are you up", durationSec: 1 },
      { speaker: "me", text: "yes why", durationSec: 1 },
      { speaker: "kim", text: "look outside", durationSec: 1.5 },
    ]);
    const dir = tempDir();
    const before = await still(script, 42, dir);
    const after = await still(script, 80, dir);
    const spans = [before, after].map((png) => {
      const bottom = blueBubbleBottom(png, phone.top + 200 * k);
      expect(bottom, "the owner's bubble is on screen").toBeGreaterThan(phone.top);
      return receiptSpan(png, bottom);
    });
    expect(spans[0], "a receipt under the bubble before the reply").not.toBeNull();
    expect(spans[1], "a receipt under the bubble after the reply").not.toBeNull();
    // Right-aligned under the bubble; "Read 9:41 PM" reaches further left than "Delivered".
    expect(Math.abs(spans[0]!.right - spans[1]!.right)).toBeLessThan(4);
    const [delivered, read] = spans.map((s) => s!.right - s!.left);
    expect(read! - delivered!, `receipt widths ${delivered} then ${read}`).toBeGreaterThan(12);
  });

  it("pops a tapback badge onto a message with a reaction when the other side replies", async () => {
    // Kim's 😂 message at 0; my reply lands at 30 and my tapback with it.
    const script = chat([
      { speaker: "kim", text: "guess what", durationSec: 1, reaction: "😂" },
      { speaker: "me", text: "what", durationSec: 1.5 },
    ]);
    const dir = tempDir();
    // Below the big reaction the shell shows at the top, in the left half where Kim's bubble is.
    const region = { x0: 80, x1: 240, y0: 400, y1: phone.bottom - 120 * k };
    const yellow = ([r, g, b]: [number, number, number]) => r > 200 && g > 140 && b < 90;
    const before = await still(script, 26, dir);
    const after = await still(script, 50, dir);
    expect(count(before, region, accentBlue), "no blue badge on Kim's side before my reply").toBeLessThan(10);
    expect(count(after, region, accentBlue), "my (blue) tapback badge on Kim's bubble").toBeGreaterThan(150);
    expect(count(before, region, yellow)).toBe(0);
    expect(count(after, region, yellow), "the 😂 drawn in colour in the badge").toBeGreaterThan(15);
  });

  it("shows an image background from the media library around and through the phone, inset on 9:16", async () => {
    const dir = tempDir();
    solidPng(path.join(dir, "bg.png"), [0x22, 0xc5, 0x5e]);
    const png = await still(chat([{ speaker: "kim", text: "are you up", durationSec: 1 }, { speaker: "me", text: "yes why", durationSec: 1 }], { background: { type: "image", src: "bg.png" } }), 50, dir);
    const green = ([r, g, b]: [number, number, number], margin: number) => g > r + margin && g > b + margin;
    // Around the phone: above and below it, and inside the safe area's left edge (the phone is inset).
    for (const [x, y] of [[240, 40], [240, 820], [5, 427], [Math.round(phone.left) + 3, 427]] as const) {
      const rgb = pixel(png, x, y);
      expect(green(rgb, 40), `green backdrop at ${x},${y}: ${rgb}`).toBe(true);
      expect(rgb[1], "dimmed").toBeLessThan(0xc5 - 10);
    }
    // Through the screen: the empty stretch of the conversation above the messages is tinted green, not black.
    const through = pixel(png, 240, Math.round(phone.top + 330 * k));
    expect(green(through, 15), `green through the screen: ${through}`).toBe(true);
    expect(through[1]).toBeLessThan(0xc5 * 0.6);
  });

  it("draws nothing new while nothing happens: two frames in a pause are identical", async () => {
    const dir = tempDir();
    // Portrait images, which do not blink, so only the chat itself could change.
    solidPng(path.join(dir, "kim.png"), [200, 120, 80]);
    const script = chat([{ speaker: "kim", text: "are you up", durationSec: 1 }, { speaker: "me", text: "yes why", durationSec: 3 }], {}, {
      characters: [
        { id: "me", name: "Me", avatar: "kim.png" },
        { id: "kim", name: "Kim", avatar: "kim.png" },
      ],
    });
    // "Read" at 60, a second after my message; the next event would be the video's end at 120.
    const a = await still(script, 75, dir);
    const b = await still(script, 105, dir);
    expect(Buffer.compare(a.data, b.data), "frames 75 and 105 differ").toBe(0);
    // …and the pause is not a blank: the receipt changed since 45.
    const c = await still(script, 45, dir);
    expect(Buffer.compare(a.data, c.data)).not.toBe(0);
  });
});

describe("chat-story's clock and tapbacks", () => {
  it.each([
    ["Today 21:14", { minutes: 21 * 60 + 14, twelveHour: false }],
    ["Tuesday, 9:05 pm", { minutes: 21 * 60 + 5, twelveHour: true }],
    ["3am", { minutes: 180, twelveHour: true }],
    ["12:30 AM", { minutes: 30, twelveHour: true }],
    ["The next morning", null],
    ["Day 2", null],
  ])("reads the time in the heading %j", (heading, time) => {
    expect(headingTime(heading)).toEqual(time);
  });

  it("puts a tapback on a reaction or a strong feeling, landing with the other side's next message in the scene", () => {
    const messages = [
      { at: 0, durationInFrames: 30, speaker: "kim", scene: 0, reaction: "🔥" },
      { at: 30, durationInFrames: 30, speaker: "kim", scene: 0, emotion: "calm" },
      { at: 60, durationInFrames: 30, speaker: "me", scene: 0, emotion: "very angry" },
      { at: 90, durationInFrames: 30, speaker: "kim", scene: 0, emotion: "shocked" },
      { at: 120, durationInFrames: 30, speaker: "kim", scene: 1, reaction: "👀" },
      // A reply in a later scene does not count: a scene's frames never depend on later scenes.
      { at: 150, durationInFrames: 30, speaker: "me", scene: 2 },
    ];
    const chosen = chooseTapbacks(messages, "me", 30);
    expect([...chosen.entries()]).toEqual([
      [0, { emoji: "🔥", at: 60, by: "me" }],
      [2, { emoji: "👎", at: 90, by: "kim" }],
      [4, { emoji: "👀", at: 150, by: "me" }],
    ]);
  });
});

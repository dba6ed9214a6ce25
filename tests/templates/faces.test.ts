import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import type { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { blinkAt, estimateWords, faceOptions, feelingOf, mouthOpenAt, portraitSvg } from "../../compositions/faces";
import { renderStill } from "../../renderer/render-still";
import { renderVideo } from "../../renderer/render-video";
import { FACE_STYLES } from "../../script";
import { frameAt, pixel, readPng, tempDir, writeSolidPng, writeToneWav } from "../renderer/fixtures";

describe("faces: pure helpers", () => {
  it("seeds by the character's id, or appearance.seed, with avataaars by default", () => {
    expect(faceOptions({ id: "maya" }, undefined)).toMatchObject({ style: "avataaars", seed: "maya" });
    expect(faceOptions({ id: "maya", appearance: { seed: "m-1", style: "micah" } }, "sad")).toMatchObject({ style: "micah", seed: "m-1" });
  });

  it.each([
    ["angry", { eyebrows: "angryNatural", mouth: "serious" }],
    ["sad", { eyes: "cry", mouth: "sad" }],
    ["shocked", { eyes: "surprised", mouthOpen: "screamOpen" }],
    ["happy", { eyes: "happy", mouthOpen: "smile" }],
    ["nervous", { eyes: "side", eyebrows: "sadConcernedNatural" }],
    ["Furious", { eyebrows: "angry", mouth: "grimace" }],
    [undefined, { eyes: "default", eyebrows: "defaultNatural" }],
  ])("maps %s to its expression", (emotion, expected) => {
    expect(faceOptions({ id: "a" }, emotion).expression).toMatchObject(expected);
  });

  it("maps every emotion the offline writer uses to a feeling, and unknown words to neutral", () => {
    for (const e of ["amused", "angry", "annoyed", "calm", "confused", "determined", "excited", "furious", "nervous", "sad", "shocked", "suspicious", "whisper"]) {
      if (e !== "calm") expect(feelingOf(e), e).not.toBe("neutral");
    }
    expect(feelingOf("amused")).toBe("happy");
    expect(feelingOf("very angry")).toBe("angry");
    expect(feelingOf("matter-of-fact")).toBe("neutral");
    expect(feelingOf("Nervous!")).toBe("nervous");
    expect(feelingOf("angry, then sad")).toBe("angry");
    expect(feelingOf("zzz")).toBe("neutral");
  });

  it("gives every style a rest and an open mouth that differ, for every feeling", () => {
    for (const style of FACE_STYLES) {
      for (const e of ["calm", "happy", "excited", "angry", "furious", "annoyed", "sad", "shocked", "scared", "nervous", "whisper", "suspicious", "confused", "determined", "tired", "love"]) {
        const { expression } = faceOptions({ id: "a", appearance: { style } }, e);
        expect(expression.mouth, `${style} ${e}`).not.toBe(expression.mouthOpen);
        expect(expression.eyes, `${style} ${e}`).not.toBe(expression.blink);
      }
    }
  });

  it("steers colours from hex and ignores other colour forms", () => {
    expect(faceOptions({ id: "a", appearance: { skinColor: "#C68", hairColor: "#112233ff" } }, undefined).look).toMatchObject({ skinColor: ["cc6688"], hairColor: ["112233"] });
    expect(faceOptions({ id: "a", appearance: { hairColor: "rebeccapurple" } }, undefined).look).not.toHaveProperty("hairColor");
  });

  it("draws the same SVG for the same options and different ones for other seeds, mouths and eyes", () => {
    const maya = faceOptions({ id: "maya" }, "calm");
    const a = portraitSvg(maya, false, false);
    expect(a).toMatch(/^data:image\/svg\+xml/);
    expect(portraitSvg(faceOptions({ id: "maya" }, "calm"), false, false)).toBe(a);
    expect(new Set([a, portraitSvg(faceOptions({ id: "ben" }, "calm"), false, false), portraitSvg(maya, true, false), portraitSvg(maya, false, true), portraitSvg(faceOptions({ id: "maya" }, "angry"), false, false)]).size).toBe(5);
  });

  it("opens the mouth on syllables inside words and keeps it closed between words and in silence", () => {
    const words = [
      { text: "Hello", startSec: 0.2, endSec: 0.6 }, // two syllables of 0.2 s
      { text: "there", startSec: 0.8, endSec: 1.0 },
    ];
    expect(mouthOpenAt(words, 0.1)).toBe(false);
    expect(mouthOpenAt(words, 0.25)).toBe(true);
    expect(mouthOpenAt(words, 0.35)).toBe(false); // end of "hel"
    expect(mouthOpenAt(words, 0.45)).toBe(true); // "lo"
    expect(mouthOpenAt(words, 0.7)).toBe(false);
    expect(mouthOpenAt(words, 0.85)).toBe(true);
    expect(mouthOpenAt(words, 1.5)).toBe(false);
    expect(mouthOpenAt([], 0.5)).toBe(false);
  });

  it("estimates word timings over the first part of a line without a voice", () => {
    const words = estimateWords("I was fixing the printer.", 3);
    expect(words.map((w) => w.text)).toEqual(["I", "was", "fixing", "the", "printer."]);
    expect(words[0]!.startSec).toBe(0);
    expect(words.at(-1)!.endSec).toBeLessThanOrEqual(1.5);
    for (let i = 1; i < words.length; i++) expect(words[i]!.startSec).toBeGreaterThan(words[i - 1]!.endSec);
  });

  it("blinks for 3 frames every few seconds, at moments that differ by seed and are the same on every call", () => {
    const closed = (seed: string) => Array.from({ length: 30 * 30 }, (_, f) => blinkAt(f, seed, 30));
    const maya = closed("maya");
    const starts = maya.flatMap((c, f) => (c && !maya[f - 1] ? [f] : []));
    expect(starts.length).toBeGreaterThanOrEqual(7); // 30 s, one blink per 3.5 s
    expect(starts.length).toBeLessThanOrEqual(9);
    for (const s of starts) expect(maya.slice(s, s + 4)).toEqual([true, true, true, false]);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThan(15);
    expect(closed("maya")).toEqual(maya);
    expect(closed("ben")).not.toEqual(maya);
  });
});

// Render tests paint the faces' skin pure green (appearance.skinColor), so the face is found by
// colour wherever the pack lays it out. Everything renders at 480p, one line per script.
const GREEN = "#00ff00";
const isGreen = ([r, g, b]: readonly number[]) => g! > 200 && r! < 90 && b! < 90;

type Box = { x0: number; y0: number; x1: number; y1: number };

/** The bounding box of the green skin (face, ears and neck). */
const skinBox = (png: PNG): Box & { count: number } => {
  const box = { x0: png.width, y0: png.height, x1: -1, y1: -1, count: 0 };
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < png.width; x++) {
      if (!isGreen(pixel(png, x, y))) continue;
      box.count++;
      box.x0 = Math.min(box.x0, x);
      box.y0 = Math.min(box.y0, y);
      box.x1 = Math.max(box.x1, x);
      box.y1 = Math.max(box.y1, y);
    }
  }
  return box;
};

/** Pixels inside a box that differ clearly between two frames (more than encoding noise). */
const changedIn = (a: PNG, b: PNG, box: Box) => {
  let changed = 0;
  for (let y = Math.max(0, box.y0); y <= Math.min(a.height - 1, box.y1); y++) {
    for (let x = Math.max(0, box.x0); x <= Math.min(a.width - 1, box.x1); x++) {
      const [p, q] = [pixel(a, x, y), pixel(b, x, y)];
      if (Math.abs(p[0] - q[0]) + Math.abs(p[1] - q[1]) + Math.abs(p[2] - q[2]) > 90) changed++;
    }
  }
  return changed;
};

/** The head: the skin box with room above it for the hair. */
const headOf = (skin: Box): Box => ({ ...skin, y0: skin.y0 - Math.round((skin.y1 - skin.y0) * 0.5) });

const KEEP = process.env.FACES_KEEP_DIR; // set to look at the frames the tests render
const keep = (file: string) => {
  if (!KEEP) return;
  mkdirSync(KEEP, { recursive: true });
  copyFileSync(file, path.join(KEEP, path.basename(file)));
};

const oneLine = (character: Record<string, unknown>, line: Record<string, unknown>, title = "Episode 1") => ({
  title,
  characters: [{ name: "Sam", color: "#f43f5e", ...character, appearance: { skinColor: GREEN, ...(character.appearance as object) } }],
  scenes: [{ id: "a", background: { type: "color", value: "#1e293b" }, lines: [{ speaker: character.id, durationSec: 3, ...line }] }],
});

const still = async (name: string, script: unknown, frame = 75, assetBaseDir?: string) => {
  const out = path.join(tempDir(), `${name}.png`);
  await renderStill({ script, template: "minidrama", outputPath: out, frame, resolution: "480p", voice: false, assetBaseDir });
  keep(out);
  return readPng(out);
};

describe("faces on rendered frames (minidrama)", () => {
  // Frame 75 of a 3 s line: the entrance is over and the words (estimated) are long said.
  let maya: PNG;
  beforeAll(async () => {
    maya = await still("maya-calm", oneLine({ id: "maya" }, { text: "Hi there.", emotion: "calm" }));
  });

  it("draws the speaker as a large illustrated portrait", () => {
    const skin = skinBox(maya);
    // A face about a fifth of the frame wide: a presence, not a 120 px badge.
    expect(skin.x1 - skin.x0).toBeGreaterThan(maya.width * 0.16);
    expect(skin.count).toBeGreaterThan(maya.width * maya.height * 0.02);
  });

  it("gives each character their own face, and the same face in another episode of the series", async () => {
    const ben = await still("ben-calm", oneLine({ id: "ben" }, { text: "Hi there.", emotion: "calm" }));
    const again = await still("maya-episode-2", oneLine({ id: "maya" }, { text: "We meet again, all of us.", emotion: "calm" }, "Episode 2"));
    const head = headOf(skinBox(maya));
    expect(changedIn(maya, ben, head)).toBeGreaterThan(2000);
    expect(changedIn(maya, again, head)).toBe(0);
  });

  it("shows the line's emotion on the face", async () => {
    const angry = await still("maya-angry", oneLine({ id: "maya" }, { text: "Hi there.", emotion: "angry" }));
    const shocked = await still("maya-shocked", oneLine({ id: "maya" }, { text: "Hi there.", emotion: "shocked" }));
    const head = headOf(skinBox(maya));
    expect(changedIn(maya, angry, head)).toBeGreaterThan(150);
    expect(changedIn(maya, shocked, head)).toBeGreaterThan(150);
    expect(changedIn(angry, shocked, head)).toBeGreaterThan(150);
  });

  it("lets an uploaded avatar win over the drawing", async () => {
    const dir = tempDir();
    writeSolidPng(path.join(dir, "blue.png"), 64, 64, [0x22, 0x44, 0xff]);
    const png = await still("avatar", oneLine({ id: "maya", avatar: "blue.png" }, { text: "Hi there.", emotion: "calm" }), 75, dir);
    let blue = 0;
    for (let y = 0; y < png.height; y++) for (let x = 0; x < png.width; x++) if (Math.abs(pixel(png, x, y)[2] - 0xff) < 20 && pixel(png, x, y)[0] < 60) blue++;
    expect(blue).toBeGreaterThan(5000);
    expect(skinBox(png).count).toBe(0);
  });

  it("moves the mouth while the line is spoken (word timings) and rests it in silence", async () => {
    const dir = tempDir();
    writeToneWav(path.join(dir, "line.wav"), 1.5, 0);
    const words = [
      { text: "Hello", startSec: 0.4, endSec: 0.8 },
      { text: "there", startSec: 0.9, endSec: 1.15 },
      { text: "friend", startSec: 1.2, endSec: 1.5 },
    ];
    const script = oneLine({ id: "maya" }, { text: "Hello there friend", emotion: "happy", speech: { src: "line.wav", durationSec: 1.5, words } });
    const out = path.join(dir, "talk.mp4");
    await renderVideo({ script, template: "minidrama", outputPath: out, resolution: "480p", voice: false, assetBaseDir: dir });
    const at = async (frame: number) => {
      expect(blinkAt(frame, "maya", 30), `frame ${frame} must not be a blink`).toBe(false);
      // ffmpeg seeks to the first frame at or after the time: half a frame early lands on `frame`.
      return frameAt(out, (frame - 0.5) / 30);
    };
    // Open on a syllable's first 60%, shut between words: 0.45 s (Hel), 0.85 s (gap), 0.95 s (the), 1.17 s (gap).
    const talking = [await at(13), await at(25), await at(28), await at(35)];
    const silent = [await at(60), await at(70), await at(80)];
    const skin = skinBox(silent[0]!);
    const mouth: Box = { x0: skin.x0, x1: skin.x1, y0: skin.y0 + Math.round((skin.y1 - skin.y0) * 0.45), y1: skin.y0 + Math.round((skin.y1 - skin.y0) * 0.8) };
    keep(out);
    expect(mouthOpenAt(words, 13 / 30)).toBe(true);
    expect(mouthOpenAt(words, 25 / 30)).toBe(false);
    expect(changedIn(talking[0]!, talking[1]!, mouth)).toBeGreaterThan(100);
    expect(changedIn(talking[2]!, talking[3]!, mouth)).toBeGreaterThan(100);
    expect(changedIn(silent[0]!, silent[1]!, mouth)).toBeLessThan(5);
    expect(changedIn(silent[1]!, silent[2]!, mouth)).toBeLessThan(5);
  });
});

import { describe, expect, it } from "vitest";
import { blinkAt, estimateWords, faceOptions, feelingOf, mouthOpenAt, portraitSvg } from "../../compositions/faces";
import { FACE_STYLES } from "../../script";

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
    expect(feelingOf("very angry")).toBe("neutral");
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

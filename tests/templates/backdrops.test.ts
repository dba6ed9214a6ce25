import { copyFileSync } from "node:fs";
import path from "node:path";
import type { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { backdropStepsPerSecond, moodGrade, MOOD_GRADES } from "../../compositions/backdrops";
import { chooseReactions, emojiPicture, emotionReaction, REACTION_SECONDS, reactionBox } from "../../compositions/reactions";
import { prepareRender, runPlan, withRenderSession } from "../../renderer/index";
import { buildTimeline, MOODS, SETTINGS, validateScript } from "../../script";
import { near, readPng, tempDir } from "../renderer/fixtures";

const narrate = (text: string, extra: Record<string, unknown> = {}) => ({ speaker: "narrator", text, durationSec: 1, ...extra });

describe("choosing reactions and grades", () => {
  it.each([
    ["shocked", "😱"],
    ["Surprised", "😱"],
    ["very angry", "😡"],
    ["furious", "😡"],
    ["sad", "😢"],
    ["scared", "😨"],
    ["excited", "🎉"],
    ["happy", "😄"],
    ["in love", "❤️"],
    ["calm", null],
    ["nervous", null],
    ["whisper", null],
    ["", null],
    [undefined, null],
  ])("emotion %s → %s", (emotion, emoji) => {
    expect(emotionReaction(emotion)).toBe(emoji);
  });

  it("finds the bundled Fluent picture of an emoji, with or without U+FE0F, and none for others", () => {
    expect(emojiPicture("😱")).toMatch(/1f631.*\.webp$/);
    expect(emojiPicture("❤️")).toMatch(/2764-fe0f.*\.webp$/);
    expect(emojiPicture("❤")).toBe(emojiPicture("❤️"));
    expect(emojiPicture("🦑")).toBeNull();
  });

  it("picks explicit reactions, else at most one strong emotion per scene", () => {
    const parsed = validateScript({
      title: "T",
      scenes: [
        { id: "a", lines: [narrate("One.", { emotion: "calm" }), narrate("Two!", { emotion: "shocked" }), narrate("Three!", { emotion: "angry" })] },
        { id: "b", lines: [narrate("Four.", { emotion: "shocked" }), narrate("Five.", { reaction: "🦑" }), narrate("Six.", { reaction: "🔥" })] },
        { id: "c", lines: [narrate("Seven.", { emotion: "nervous" }), narrate("Eight.")] },
      ],
    });
    if (!parsed.ok) throw new Error(JSON.stringify(parsed));
    const timeline = buildTimeline(parsed.script);
    const chosen = chooseReactions(timeline);
    expect(chosen.map((r) => [r.scene, r.line, r.emoji])).toEqual([
      [0, 1, "😱"],
      [1, 1, "🦑"],
      [1, 2, "🔥"],
    ]);
    expect(chosen[0]!.from).toBe(timeline.scenes[0]!.from + timeline.scenes[0]!.lines[1]!.from);
    // Held for REACTION_SECONDS, but never past its scene's end.
    expect(chosen[0]!.durationInFrames).toBe(Math.round(REACTION_SECONDS * 30));
    expect(chosen[2]!.durationInFrames).toBe(30);
  });

  it("grades every mood differently, none without a mood; only rain moves", () => {
    const grades = MOODS.map((m) => JSON.stringify(MOOD_GRADES[m]));
    expect(new Set(grades).size).toBe(MOODS.length);
    expect(moodGrade(undefined).tintOpacity).toBe(0);
    expect(SETTINGS.filter((s) => backdropStepsPerSecond(s) > 0)).toEqual(["rain"]);
  });
});

/**
 * One minidrama script, one scene per case, each a second of narration (30 frames) with cuts
 * between: the stills of every case come out of one plan and one browser.
 */
const cases = [
  ...SETTINGS.map((setting) => ({ id: setting, setting })),
  { id: "office-tense", setting: "office", mood: "tense" },
  { id: "office-happy", setting: "office", mood: "happy" },
  { id: "explicit", setting: "office", mood: "sad", background: { type: "color", value: "#16a34a" } },
  { id: "quiet", setting: "park", lines: [narrate("We walked."), narrate("We talked.")] },
  { id: "shock", setting: "park", lines: [narrate("We walked."), narrate("Then it fell!", { emotion: "shocked" })] },
  { id: "plain" },
  { id: "plain-tense", mood: "tense" },
] as const;
const sceneStart = (i: number) => i * 30 + (cases.slice(0, i).reduce((n, c) => n + ("lines" in c ? c.lines.length - 1 : 0), 0) * 30);

describe("backdrops and reactions in a render", () => {
  const stills = new Map<string, PNG>();
  const dir = tempDir();
  const shots: [string, number][] = [
    ...cases.map((c, i): [string, number] => [c.id, sceneStart(i) + 15]),
    ["office-late", sceneStart(0) + 28],
    ["rain-late", sceneStart(SETTINGS.indexOf("rain")) + 28],
    ["quiet-before", sceneStart(SETTINGS.length + 3) + 28],
    ["quiet-after", sceneStart(SETTINGS.length + 3) + 42],
    ["shock-before", sceneStart(SETTINGS.length + 4) + 28],
    ["shock-after", sceneStart(SETTINGS.length + 4) + 42],
  ];

  beforeAll(async () => {
    const script = {
      title: "Backdrops",
      format: "9:16",
      soundEffects: false,
      characters: [],
      scenes: cases.map((c) => ({
        id: c.id,
        transition: "cut",
        ...("setting" in c ? { setting: c.setting } : {}),
        ...("mood" in c ? { mood: c.mood } : {}),
        ...("background" in c ? { background: c.background } : {}),
        lines: "lines" in c ? c.lines : [narrate("Here we are.")],
      })),
    };
    const plan = await prepareRender({
      script,
      template: "minidrama",
      outputs: [],
      stills: shots.map(([name, frame]) => ({ outputPath: path.join(dir, `${name}.png`), frame, resolution: "480p" })),
      voice: false,
    });
    await withRenderSession({}, (session) => runPlan(session, plan, { concurrency: 1 }));
    for (const [name] of shots) {
      stills.set(name, readPng(path.join(dir, `${name}.png`)));
      if (process.env.KEEP_STILLS) copyFileSync(path.join(dir, `${name}.png`), path.join(process.env.KEEP_STILLS, `${name}.png`));
    }
  }, 240_000);

  const get = (name: string) => stills.get(name)!;

  it("draws every setting as a picture, not a flat fill", () => {
    for (const setting of SETTINGS) {
      const { mean, sd } = luminance(get(setting));
      expect(sd, setting).toBeGreaterThan(25);
      expect(mean, setting).toBeGreaterThan(20);
    }
  });

  it("draws each setting differently", () => {
    for (const [i, a] of SETTINGS.entries()) {
      for (const b of SETTINGS.slice(i + 1)) expect(diff(get(a), get(b)), `${a} vs ${b}`).toBeGreaterThan(15);
    }
  });

  it("tints a backdrop by the scene's mood", () => {
    expect(diff(get("office"), get("office-tense"))).toBeGreaterThan(15);
    expect(diff(get("office"), get("office-happy"))).toBeGreaterThan(5);
    expect(diff(get("office-tense"), get("office-happy"))).toBeGreaterThan(15);
    // Tense is darker and redder than no mood.
    expect(luminance(get("office-tense")).mean).toBeLessThan(luminance(get("office")).mean - 10);
  });

  it("colours the default gradient by the mood when a scene names no setting", () => {
    const [r, , b] = pixelAt(get("plain"), 4, 4);
    const [tr, , tb] = pixelAt(get("plain-tense"), 4, 4);
    expect(b).toBeGreaterThan(r);
    expect(tr).toBeGreaterThan(tb + 30);
  });

  it("lets an explicit background win over the setting", () => {
    const png = get("explicit");
    for (const [x, y] of [[10, 10], [png.width - 10, 10], [png.width / 2, 150]] as const) expect(near(pixelAt(png, x, y), [0x16, 0xa3, 0x4a]), `${x},${y}`).toBe(true);
  });

  it("holds a still backdrop identical from frame to frame; rain moves", () => {
    // Away from the caption (which highlights word by word), the office is the same to the bit.
    const rows = (png: PNG) => [0, Math.round(png.height * 0.38), Math.round(png.height * 0.55), png.height] as const;
    const [top, captionTop, captionBottom, bottom] = rows(get("office"));
    expect(diff(get("office"), get("office-late"), { y0: top, y1: captionTop })).toBe(0);
    expect(diff(get("office"), get("office-late"), { y0: captionBottom, y1: bottom })).toBe(0);
    expect(diff(get("rain"), get("rain-late"), { y0: top, y1: captionTop })).toBeGreaterThan(0.5);
  });

  it("pops a reaction in at a shocked line, and none at a quiet one", () => {
    const png = get("shock-after");
    const box = reactionBox(png.width, png.height);
    const area = { x0: box.left, x1: box.left + box.size, y0: box.top, y1: box.top + box.size };
    expect(diff(get("shock-before"), get("shock-after"), area)).toBeGreaterThan(25);
    expect(diff(get("quiet-before"), get("quiet-after"), area)).toBeLessThan(0.5);
  });
});

type Area = { x0?: number; x1?: number; y0?: number; y1?: number };

/** Mean absolute difference (0–255) of two stills' RGB over an area (default the whole frame). */
const diff = (a: PNG, b: PNG, { x0 = 0, x1 = a.width, y0 = 0, y1 = a.height }: Area = {}) => {
  let sum = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * a.width + x) * 4;
      sum += Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!);
    }
  }
  return sum / ((x1 - x0) * (y1 - y0) * 3);
};

const luminance = (png: PNG) => {
  let sum = 0;
  let squares = 0;
  const n = png.width * png.height;
  for (let i = 0; i < png.data.length; i += 4) {
    const l = 0.2126 * png.data[i]! + 0.7152 * png.data[i + 1]! + 0.0722 * png.data[i + 2]!;
    sum += l;
    squares += l * l;
  }
  const mean = sum / n;
  return { mean, sd: Math.sqrt(squares / n - mean * mean) };
};

const pixelAt = (png: PNG, x: number, y: number) => {
  const i = (Math.round(y) * png.width + Math.round(x)) * 4;
  return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!] as const;
};

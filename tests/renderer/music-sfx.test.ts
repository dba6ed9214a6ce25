import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareMusicBed, BED_LUFS } from "../../renderer/prepare/music-bed";
import { probeMedia } from "../../renderer/probe-media";
import { prepareRender, runPlan, type RenderPlan } from "../../renderer/render-plan";
import { openRenderSession, type RenderSession } from "../../renderer/render-session";
import { validateScript, type Script } from "../../script";
import { ReelgenError } from "../../script/reelgen-error";
import { decodeMono8k, ffmpegStderr, measureLoudness, rmsDb as rmsOrNaN, tempDir, tonePower, writeToneWav } from "./fixtures";

const cacheDir = process.env.REELGEN_CACHE_DIR || undefined;
let session: RenderSession;
beforeAll(async () => {
  session = await openRenderSession({ cacheDir });
});
afterAll(async () => {
  await session?.close();
});

/** Two voiceless scenes of 1.5 s each (90 frames): the second comes in with `transition`. */
const twoScenes = (overrides: Record<string, unknown> = {}, transition = "slide") => ({
  title: "Sound",
  characters: [{ id: "ana", name: "Ana" }],
  scenes: [
    { id: "one", background: { type: "color", value: "#1e3a8a" }, lines: [{ speaker: "ana", text: "First.", durationSec: 1.5 }] },
    { id: "two", transition, background: { type: "color", value: "#7c2d12" }, lines: [{ speaker: "narrator", text: "Second.", durationSec: 1.5 }] },
  ],
  ...overrides,
});

/** Prepares and renders a script at 270×480 (a 480p plan drawn at half size) into `dir`. */
const render = async (script: unknown, dir: string, options: { template?: string; musicCache?: string } = {}) => {
  const outputPath = path.join(dir, "out.mp4");
  const prepared = await prepareRender({ script, template: options.template ?? "minidrama", outputs: [{ outputPath, resolution: "480p" }], voice: false, cacheDir: options.musicCache ?? tempDir() });
  const plan: RenderPlan = { ...prepared, outputs: prepared.outputs.map((o) => ({ ...o, width: 270, height: 480 })) };
  const { outputs } = await runPlan(session, plan, { concurrency: 2 });
  return { plan, outputPath, result: outputs[0] as Extract<(typeof outputs)[number], { quality: unknown }> };
};

/** RMS level in dB of a stretch of the file; -Infinity for digital silence (astats prints "-inf"). */
const rmsDb = async (file: string, from: number, to: number) => {
  const db = await rmsOrNaN(file, from, to);
  return Number.isNaN(db) ? -Infinity : db;
};

/** Brightness of a sound: RMS of its first difference over its RMS (rises with the spectral centroid). */
const brightness = (x: Float64Array) => {
  let a = 0;
  let d = 0;
  for (let i = 1; i < x.length; i++) {
    a += x[i]! * x[i]!;
    d += (x[i]! - x[i - 1]!) ** 2;
  }
  return Math.sqrt(d / a);
};

describe("music beds by mood", () => {
  it("makes a bed for music.mood: the plan names it as a file, it plays where no one speaks, and the plan survives JSON", async () => {
    const dir = tempDir();
    const musicCache = tempDir();
    const { plan, outputPath, result } = await render(twoScenes({ music: { mood: "tense", volume: 0.5 }, soundEffects: false }), dir, { musicCache });
    const src = plan.script.music!.src!;
    expect(src).toMatch(new RegExp(`^${musicCache}/music/bed-tense-[0-9a-f]{32}\\.wav$`));
    expect(plan.script.music).toMatchObject({ mood: "tense", volume: 0.5 });
    // Serialisable for a chunk job or Lambda: the bed is an ordinary local file source.
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    // Long enough for the video: whole bars of 2.5 s at 96 bpm, at least four, plus the closing bar.
    expect((await probeMedia(src)).durationSec).toBeGreaterThan(3);
    expect((await measureLoudness(src)).integratedLufs).toBeCloseTo(BED_LUFS, 0);

    const probe = await probeMedia(outputPath);
    expect(probe.audio).toMatchObject({ codec: "aac", sampleRate: 48000 });
    // Nobody speaks: between the fades it is the bed alone, clearly there.
    const middle = await rmsDb(outputPath, 1, 1.8);
    expect(middle).toBeGreaterThan(-30);
    expect(middle).toBeLessThan(-6);
    // The quality gate treats the bed as music: sound planned throughout, and it is there.
    expect(result.quality.checks.find((c) => c.id === "silence")).toMatchObject({ status: "pass" });
    expect(result.quality.checks.find((c) => c.id === "loudness")).toMatchObject({ status: "pass" });
  });

  it("gives each mood its own sound, caches a bed by what shapes it, and makes the same bytes every time", async () => {
    const script = validateScript(twoScenes({ music: { mood: "tense" } }));
    if (!script.ok) throw new Error("fixture invalid");
    const bed = (mood: "tense" | "upbeat", dir: string) => prepareMusicBed({ script: { ...script.script, music: { mood } } as Script, durationSec: 3, cacheDir: dir });
    const [a, b] = [tempDir(), tempDir()];
    const tense = await bed("tense", a);
    const upbeat = await bed("upbeat", a);
    expect(tense.bed).toMatchObject({ mood: "tense", cached: false });
    expect(upbeat.bed?.file).not.toBe(tense.bed?.file);
    // Low strings in D minor against pop piano and drums in G: another key, and brighter.
    const [t, u] = [await decodeMono8k(tense.bed!.file), await decodeMono8k(upbeat.bed!.file)];
    const dOverG = (x: Float64Array) => tonePower(x, 146.83) / tonePower(x, 196);
    expect(dOverG(t)).toBeGreaterThan(10 * dOverG(u));
    expect(brightness(u) / brightness(t)).toBeGreaterThan(1.15);

    const mtime = statSync(tense.bed!.file).mtimeMs;
    const again = await bed("tense", a);
    expect(again.bed).toMatchObject({ file: tense.bed!.file, cached: true });
    expect(statSync(tense.bed!.file).mtimeMs).toBe(mtime);
    // Made again from nothing elsewhere: byte for byte the same bed.
    const elsewhere = await bed("tense", b);
    expect(path.basename(elsewhere.bed!.file)).toBe(path.basename(tense.bed!.file));
    expect(readFileSync(elsewhere.bed!.file).equals(readFileSync(tense.bed!.file))).toBe(true);
  });

  it("ducks the bed under a spoken line", async () => {
    const dir = tempDir();
    // A 1 kHz tone stands in for the voice: the bed's low end (below 250 Hz) is then the bed alone.
    writeToneWav(path.join(dir, "line.wav"), 1.5, 1000);
    const script = {
      title: "Duck",
      characters: [{ id: "ana", name: "Ana" }],
      scenes: [{ id: "a", heading: "Later", lines: [{ speaker: "ana", text: "Now I speak.", speech: { src: path.join(dir, "line.wav"), durationSec: 1.5 } }] }],
      music: { mood: "tense" },
      soundEffects: false,
    };
    const { outputPath } = await render(script, dir);
    const lowDb = async (from: number, to: number) => {
      const out = await ffmpegStderr(["-i", outputPath, "-vn", "-af", `atrim=${from}:${to},lowpass=f=250:poles=2,lowpass=f=250:poles=2,astats=measure_overall=RMS_level:measure_perchannel=none`, "-f", "null", "-"]);
      return Number(/RMS level dB: (-?[\d.]+)/.exec(out)![1]);
    };
    // The heading holds 1.6 s before the line; the bed has faded in by 1 s and ducks from 1.4 s.
    const alone = await lowDb(1.0, 1.35);
    const under = await lowDb(1.9, 2.9);
    expect(under).toBeLessThan(alone - 8); // 30% is -10.5 dB
    // And the voice stands clear of what is left of it.
    expect(await rmsDb(outputPath, 1.9, 2.9)).toBeGreaterThan((await rmsDb(outputPath, 1.0, 1.35)) + 3);
  });

  it("makes no bed for a plan of stills, which have no sound", async () => {
    const musicCache = tempDir();
    const plan = await prepareRender({ script: twoScenes({ music: { mood: "sad" } }), template: "minidrama", outputs: [], stills: [{ outputPath: path.join(tempDir(), "cover.png"), resolution: "480p" }], voice: false, cacheDir: musicCache });
    expect(plan.script.music).toEqual({ mood: "sad" });
  });

  it("refuses a mood it does not know, naming music.mood", async () => {
    const err = await prepareRender({ script: twoScenes({ music: { mood: "spooky" } }), template: "minidrama", outputs: [{ outputPath: path.join(tempDir(), "x.mp4"), resolution: "480p" }], voice: false }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ReelgenError);
    expect((err as ReelgenError).code).toBe("INVALID_SCRIPT");
    expect((err as ReelgenError).problems).toEqual([{ path: "music.mood", message: expect.stringContaining('"calm"') }]);
  });
});

describe("sound effects", () => {
  it("whooshes at the scene join, and soundEffects: false takes it out", async () => {
    const { outputPath, result } = await render(twoScenes(), tempDir());
    // The second scene enters at 1.5 s; the whoosh swells to its loudest about 0.45 s in.
    const join = await rmsDb(outputPath, 1.7, 2.1);
    expect(join).toBeGreaterThan(-30);
    expect(await rmsDb(outputPath, 0.2, 1.4)).toBeLessThan(join - 30);
    expect(await rmsDb(outputPath, 2.5, 2.95)).toBeLessThan(join - 30);
    const samples = await decodeMono8k(outputPath);
    const loudest = envelopePeakSec(samples);
    expect(loudest).toBeGreaterThan(1.75);
    expect(loudest).toBeLessThan(2.15);
    // Effects alone are a soundtrack the gate accepts: no silence is reported where nothing was planned.
    expect(result.quality.checks.find((c) => c.id === "silence")).toMatchObject({ status: "pass" });
    expect(result.quality.checks.find((c) => c.id === "loudness")).toMatchObject({ status: "pass" });

    const off = await render(twoScenes({ soundEffects: false }), tempDir());
    const probe = await probeMedia(off.outputPath);
    expect(probe.audio === null || (await rmsDb(off.outputPath, 1.5, 2.3)) < -60).toBe(true);
  });

  it("pops each chat message in, with a sting on a shocked one", async () => {
    const script = {
      title: "Chat",
      characters: [{ id: "me", name: "Me" }, { id: "sam", name: "Sam" }],
      scenes: [
        {
          id: "a",
          transition: "cut",
          lines: [
            { speaker: "me", text: "Are you home?", durationSec: 1 },
            { speaker: "sam", text: "No. I moved out.", durationSec: 1.2, emotion: "shocked" },
          ],
        },
      ],
    };
    const { outputPath } = await render(script, tempDir(), { template: "chat-story" });
    const samples = await decodeMono8k(outputPath);
    // A pop at 0 s, typing then a pop and the sting at 1 s; before the typing, nothing.
    expect(await rmsDb(outputPath, 0, 0.08)).toBeGreaterThan(-40);
    expect(await rmsDb(outputPath, 0.2, 0.5)).toBeLessThan(-60);
    expect(await rmsDb(outputPath, 0.56, 0.95)).toBeGreaterThan(-60);
    expect(await rmsDb(outputPath, 1.0, 1.6)).toBeGreaterThan(-30);
    const peak = envelopePeakSec(samples);
    expect(peak).toBeGreaterThan(0.95);
    expect(peak).toBeLessThan(1.4);
  });
});

/** Where the 50 ms RMS envelope of 8 kHz samples is loudest, in seconds. */
const envelopePeakSec = (samples: Float64Array) => {
  const win = 400;
  let best = 0;
  let at = 0;
  for (let i = 0; i + win <= samples.length; i += win / 2) {
    let sum = 0;
    for (let j = i; j < i + win; j++) sum += samples[j]! ** 2;
    if (sum > best) {
      best = sum;
      at = (i + win / 2) / 8000;
    }
  }
  return at;
};

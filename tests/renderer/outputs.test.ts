import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { OUTPUT_PRESETS } from "../../renderer/output-presets";
import { probeMedia } from "../../renderer/probe-media";
import { renderStill } from "../../renderer/render-still";
import { renderOutputs, type OutputRequest } from "../../renderer/render-outputs";
import { renderVideo } from "../../renderer/render-video";
import { ReelgenError } from "../../script/reelgen-error";
import { frameSize } from "../../script";
import { frameAt, near, pixel, readPng, shortScript, tempDir } from "./fixtures";

/** Frame rate and per-frame delays of a GIF, from Debian's ffprobe (which reads the delays exactly). */
const gifTiming = async (file: string) => {
  const { stdout } = await promisify(execFile)("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=r_frame_rate:packet=duration_time", "-of", "json", file]);
  const data = JSON.parse(stdout) as { streams: { r_frame_rate: string }[]; packets: { duration_time: string }[] };
  return { rate: data.streams[0]!.r_frame_rate, delays: data.packets.map((p) => Number(p.duration_time)) };
};

// A mid-grey-blue background, so every grade moves it visibly.
const graded = (look?: string) => shortScript({ look, scenes: [{ id: "a", background: { type: "color", value: "#6080a0" }, lines: [{ speaker: "ana", text: "Look at this.", durationSec: 1 }] }] });

const cornerOf = async (script: unknown) => {
  const out = path.join(tempDir(), "look.png");
  await renderStill({ script, template: "minidrama", outputPath: out, frame: 10, resolution: "480p", voice: false });
  const png = readPng(out);
  return pixel(png, Math.round(png.width / 2), 40);
};

describe("looks", () => {
  it("grade the picture: noir is grey, warm is redder and cool is bluer than none", async () => {
    const [r0, g0, b0] = await cornerOf(graded());
    expect([Math.abs(r0 - 0x60), Math.abs(g0 - 0x80), Math.abs(b0 - 0xa0)].every((d) => d < 6)).toBe(true);
    const [rn, gn, bn] = await cornerOf(graded("noir"));
    expect(Math.max(rn, gn, bn) - Math.min(rn, gn, bn)).toBeLessThan(4);
    const [rw, , bw] = await cornerOf(graded("warm"));
    expect(rw - bw).toBeGreaterThan(r0 - b0 + 20);
    const [rc, , bc] = await cornerOf(graded("cool"));
    expect(bc - rc).toBeGreaterThan(b0 - r0 + 10);
  });

  it("a scene's look overrides the script's", async () => {
    const script = graded("noir") as any;
    script.scenes[0].look = "none";
    const [r, g, b] = await cornerOf(script);
    expect(b - r).toBeGreaterThan(40);
    expect(g).toBeGreaterThan(r);
  });
});

describe("zoom transition", () => {
  it("draws the incoming scene scaled up mid-transition, unlike a fade", async () => {
    const two = (transition: string) =>
      shortScript({
        scenes: [
          { id: "a", background: { type: "color", value: "#ffffff" }, lines: [{ speaker: "narrator", text: "One.", durationSec: 1 }] },
          // Eight hard-ish bands: any scaling moves them across many pixels.
          { id: "b", transition, background: { type: "gradient", colors: ["#ff0000", "#0000ff", "#ff0000", "#0000ff", "#ff0000", "#0000ff", "#ff0000", "#0000ff"] }, lines: [{ speaker: "narrator", text: "Two.", durationSec: 1 }] },
        ],
      });
    const mid = async (transition: string) => {
      const out = path.join(tempDir(), `${transition}.png`);
      // Frames 30-44 are the transition into scene b.
      await renderStill({ script: two(transition), template: "minidrama", outputPath: out, frame: 37, resolution: "480p", voice: false });
      return readPng(out);
    };
    const zoom = await mid("zoom");
    const fade = await mid("fade");
    let differing = 0;
    for (let i = 0; i < zoom.data.length; i += 4) if (Math.abs(zoom.data[i]! - fade.data[i]!) + Math.abs(zoom.data[i + 2]! - fade.data[i + 2]!) > 40) differing++;
    expect(differing / (zoom.width * zoom.height)).toBeGreaterThan(0.2);
  });
});

/** One GIF render shared by the GIF tests. */
let gifRender: Promise<{ dir: string; out: string; result: Awaited<ReturnType<typeof renderVideo>> }> | null = null;
const gif = () =>
  (gifRender ??= (async () => {
    const dir = tempDir();
    const out = path.join(dir, "loop.gif");
    return { dir, out, result: await renderVideo({ script: shortScript(), template: "minidrama", outputPath: out, resolution: "480p", voice: false }) };
  })());

describe("output presets and formats", () => {
  it.each([
    ["youtube", "16:9"],
    ["instagram-portrait", "4:5"],
  ] as const)("%s lays the script out at %s", async (preset, format) => {
    const out = path.join(tempDir(), `${preset}.mp4`);
    const result = await renderVideo({ script: shortScript(), template: "minidrama", outputPath: out, preset, resolution: "480p", voice: false });
    expect(OUTPUT_PRESETS[preset].format).toBe(format);
    const probe = await probeMedia(out);
    expect({ width: probe.video!.width, height: probe.video!.height }).toEqual(frameSize(format, "480p"));
    expect(result).toMatchObject(frameSize(format, "480p"));
  });

  it("renders ProRes in a .mov for editors", async () => {
    const out = path.join(tempDir(), "edit.mov");
    await renderVideo({ script: shortScript(), template: "minidrama", outputPath: out, format: "prores", resolution: "480p", voice: false });
    const probe = await probeMedia(out);
    expect(probe.video).toMatchObject({ codec: "prores", width: 480, height: 854, frames: 75 });
    expect(probe.formatName).toContain("mov");
  });

  it("renders a GIF: every second frame at 15 fps, the script's length, no sound or caption files", async () => {
    const { dir, out, result } = await gif();
    const probe = await probeMedia(out);
    // 75 frames at 30 fps drawn every second frame: frames 0, 2, …, 74.
    expect(probe.video).toMatchObject({ codec: "gif", width: 480, height: 854, frames: 38 });
    // GIF delays are whole centiseconds: 1/15 s alternates 6 and 7 cs so the length stays right.
    const timing = await gifTiming(out);
    expect(timing.rate).toBe("15/1");
    expect(timing.delays).toHaveLength(38);
    expect(new Set(timing.delays.map((d) => Math.round(d * 100)))).toEqual(new Set([6, 7]));
    expect(timing.delays.reduce((a, b) => a + b, 0)).toBeCloseTo(2.5, 1);
    expect(probe.audio).toBeNull();
    expect(result).toMatchObject({ format: "gif", codec: "gif", width: 480, height: 854, captions: null, loudness: null });
    expect(readdirSync(dir).sort()).toEqual(["loop.gif", "loop.quality.json"]);
    // The first scene's blue is what the GIF shows (the palette keeps it within a few steps).
    const first = await frameAt(out, 0.2);
    expect(near(pixel(first, 2, 2), [0x25, 0x63, 0xeb], 24), `corner ${pixel(first, 2, 2)}`).toBe(true);
    const last = await frameAt(out, 2.3);
    expect(near(pixel(last, 2, 2), [0x25, 0x63, 0xeb], 60), `the second scene's gradient, not the first scene's blue`).toBe(false);
  });

  // The GIF keeps every second frame; the duration check once compared them with the 30 fps plan.
  it("the quality gate passes a GIF of the planned length", async () => {
    const { result } = await gif();
    expect(result.quality.checks.find((c) => c.id === "duration")).toMatchObject({ status: "pass" });
  });
});

/** Renders `outputs` after a good first output; the error, the stages reported and the time taken. */
const withBadSecond = async (dir: string, second: OutputRequest) => {
  const stages: string[] = [];
  const started = performance.now();
  const error = await renderOutputs({
    // 0.5 s: where the bug below renders the first output anyway, it costs little.
    script: shortScript({ scenes: [{ id: "a", lines: [{ speaker: "ana", text: "Hi.", durationSec: 0.5 }] }] }),
    template: "minidrama",
    voice: false,
    outputs: [{ outputPath: path.join(dir, "a.mp4"), resolution: "480p" }, second],
    onProgress: (p) => stages.push(p.stage),
  }).then(
    () => null,
    (e: unknown) => e,
  );
  return { error, stages, ms: performance.now() - started };
};

const BAD_SECONDS: [string, (dir: string) => OutputRequest, string, string][] = [
  ["an unknown preset", (dir) => ({ outputPath: path.join(dir, "b.mp4"), preset: "bogus" as never }), "INVALID_ARGUMENT", 'preset: expected one of tiktok, reels, shorts, youtube, instagram-square, instagram-portrait, got "bogus"'],
  ["an output that cannot be written", () => ({ outputPath: "/etc/hostname/b.mp4" }), "OUTPUT_NOT_WRITABLE", "Cannot write /etc/hostname/b.mp4: a part of its folder path is a file"],
  ["an unknown file type", (dir) => ({ outputPath: path.join(dir, "b.avi") }), "INVALID_ARGUMENT", "b.avi"],
  ["a format its file name contradicts", (dir) => ({ outputPath: path.join(dir, "b.mp4"), format: "gif" }), "INVALID_ARGUMENT", "should end in .gif for format gif"],
];

const expectRefusedUpFront = async ([, second, code, message]: (typeof BAD_SECONDS)[number]) => {
  const dir = tempDir();
  const { error, stages, ms } = await withBadSecond(dir, second(dir));
  expect(error).toBeInstanceOf(ReelgenError);
  expect(error).toMatchObject({ code });
  expect((error as Error).message).toContain(message);
  // Nothing voiced, bundled or rendered; nothing written; no time spent.
  expect(stages).toEqual([]);
  expect(readdirSync(dir)).toEqual([]);
  expect(ms).toBeLessThan(1000);
};

describe("renderOutputs: a bad later output fails before the first render", () => {
  it.each(BAD_SECONDS)("%s", async (...row) => expectRefusedUpFront(row));
});

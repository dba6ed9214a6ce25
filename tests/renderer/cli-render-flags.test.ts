import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { probeMedia } from "../../renderer/probe-media";
import { decodeMono8k, frameAt, pixel, rmsDb, runCli, shortScript, tempDir, tonePower, writeToneWav } from "./fixtures";

const run = (args: string[], cwd: string) => runCli(args, { cwd });

/** 1.5 s on the blue of `shortScript`'s first scene. */
const blueScript = (text = "Hello there, friend!") =>
  shortScript({ scenes: [{ id: "one", background: { type: "color", value: "#2563eb" }, lines: [{ speaker: "ana", text, durationSec: 1.5 }] }] });

const FAST = "This caption has far too many words to be read by anyone in one and a half secs.";

describe("reelgen render flags", () => {
  it("--music (relative to where the command runs), --look noir and --format prores reach the file", async () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, "scripts"));
    writeFileSync(path.join(dir, "scripts", "s.json"), JSON.stringify(blueScript()));
    writeToneWav(path.join(dir, "tone.wav"), 2, 440);
    const r = await run(["render", "scripts/s.json", "--music", "tone.wav", "--look", "noir", "--format", "prores", "--no-voice", "--resolution", "480p", "--out", "out/x.mov"], dir);
    expect(r.code, r.stderr).toBe(0);
    const out = path.join(dir, "out", "x.mov");
    const probe = await probeMedia(out);
    expect(probe.formatName).toContain("mov");
    expect(probe.video).toMatchObject({ codec: "prores", width: 480, height: 854, frames: 45 });
    // --music: voice is off, so the soundtrack is the tone alone, at full level between the fades.
    expect(probe.audio).not.toBeNull();
    expect(await rmsDb(out, 0.55, 0.95)).toBeGreaterThan(-30);
    const middle = (await decodeMono8k(out)).subarray(4400, 7600);
    expect(tonePower(middle, 440)).toBeGreaterThan(100 * tonePower(middle, 660));
    // --look noir: the blue background comes out grey.
    const [red, green, blue] = pixel(await frameAt(out, 0.7), 240, 40);
    expect(Math.max(red, green, blue) - Math.min(red, green, blue), `noir pixel ${[red, green, blue]}`).toBeLessThan(6);
  });

  it("--strict: the quality gate's warning exits 1, and the video, captions and report are kept", async () => {
    const dir = tempDir();
    // 80 characters in 1.5 s: far over the reading-speed limit of 20 per second.
    writeFileSync(path.join(dir, "fast.json"), JSON.stringify(blueScript(FAST)));
    const r = await run(["render", "fast.json", "--strict", "--no-voice", "--resolution", "480p", "--out", "y.mp4"], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("error [QUALITY_FAILED]: Quality gate failed (--strict); the video and");
    expect(r.stderr).toMatch(/ {2}reading-speed: 1 caption\(s\) too fast to read, e\.g\. "This caption has far too many words.*" at 5\d\.\d chars\/s/);
    expect(readdirSync(dir).sort()).toEqual(["fast.json", "y.mp4", "y.quality.json", "y.srt", "y.vtt"]);
    const report = JSON.parse(readFileSync(path.join(dir, "y.quality.json"), "utf8")) as { ok: boolean; checks: { id: string; status: string }[] };
    expect(report.ok).toBe(false);
    expect(report.checks.filter((c) => c.status === "warn").map((c) => c.id)).toEqual(["reading-speed"]);
    expect((await probeMedia(path.join(dir, "y.mp4"))).video).toMatchObject({ codec: "h264", width: 480, height: 854, frames: 45 });
  });

  it("--format gif without --strict: a GIF of every second frame, the warning reported, exit 0", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "fast.json"), JSON.stringify(blueScript(FAST)));
    const r = await run(["render", "fast.json", "--format", "gif", "--no-voice", "--resolution", "480p", "--out", "y.gif"], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("quality: ⚠ warnings (y.quality.json)");
    expect(r.stdout).toContain("⚠ reading-speed: 1 caption(s) too fast to read");
    // 45 frames at 30 fps drawn every second frame; no caption files beside a GIF.
    expect((await probeMedia(path.join(dir, "y.gif"))).video).toMatchObject({ codec: "gif", width: 480, height: 854, frames: 23 });
    expect(readdirSync(dir).sort()).toEqual(["fast.json", "y.gif", "y.quality.json"]);
  });
});

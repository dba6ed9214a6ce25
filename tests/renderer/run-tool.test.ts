import { chmodSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { normalizeLoudness } from "../../renderer/normalize-loudness";
import { espeakSpeechProvider } from "../../renderer/prepare";
import { probeMedia } from "../../renderer/probe-media";
import { DEFAULT_RENDER_TIMEOUTS } from "../../renderer/render-timeouts";
import { renderVideo } from "../../renderer/render-video";
import { runTool } from "../../renderer/run-tool";
import { tempDir, writeToneWav } from "./fixtures";

/** Live processes whose command line holds `marker` (read from /proc, so nothing is missed). */
const processesWith = (marker: string) =>
  readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
        const state = /^State:\s+(\w)/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
        return cmdline.includes(marker) && state !== "Z";
      } catch {
        return false; // gone between listing and reading
      }
    });

/** A shell script standing in for a program. */
const fakeProgram = (dir: string, name: string, body: string) => {
  const file = path.join(dir, name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
};

const script = (text = "Hello there, friend.") => ({
  title: "Tools",
  characters: [{ id: "ana", name: "Ana" }],
  scenes: [{ id: "a", lines: [{ speaker: "ana", text }] }],
});

// Left-over processes from a failing test would be found by the next: each test uses its own marker.
let marker = 0;
const nextMarker = () => String(4000 + (++marker) * 7 + (process.pid % 1000));

describe("external programs run with a time limit and never speak to the caller", () => {
  it("kills a text-to-speech program that hangs at its time limit, with everything it started (TIMED_OUT)", async () => {
    const dir = tempDir();
    const seconds = nextMarker();
    // Lists its voices like espeak-ng, then never answers (as espeak-ng did reading /dev/zero).
    const slow = fakeProgram(dir, "slow-espeak", `case "$1" in --voices*) exec espeak-ng "$@";; esac\nsleep ${seconds}`);
    const started = performance.now();
    const err = await renderVideo({
      script: script(`Never spoken ${seconds}.`),
      template: "minidrama",
      outputPath: path.join(dir, "x.mp4"),
      resolution: "480p",
      speechProvider: espeakSpeechProvider({ binary: slow }),
      timeouts: { toolMs: 1500 },
    }).catch((e: unknown) => e);
    const elapsed = performance.now() - started;
    expect(err).toMatchObject({ code: "TIMED_OUT", message: "Text-to-speech (espeak-ng) took longer than 1.5 s and was stopped" });
    expect(elapsed).toBeGreaterThan(1400);
    expect(elapsed).toBeLessThan(10_000);
    // The shell and its sleep are both gone: the whole process group was killed.
    expect(processesWith(`sleep ${seconds}`)).toEqual([]);
    expect(processesWith(slow)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(["slow-espeak"]);
  }, 20_000);

  it("keeps a failing program's stderr out of the message, in the cause", async () => {
    const dir = tempDir();
    const failing = fakeProgram(dir, "broken-espeak", `case "$1" in --voices*) exec espeak-ng "$@";; esac\necho "root:x:0:0:root:/root:/bin/bash SECRET-$$" >&2\nexit 3`);
    const err = await renderVideo({
      script: script(`Broken ${Date.now()}.`),
      template: "minidrama",
      outputPath: path.join(dir, "x.mp4"),
      resolution: "480p",
      speechProvider: espeakSpeechProvider({ binary: failing }),
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "SPEECH_FAILED", message: "Text-to-speech (espeak-ng) failed (broken-espeak exited with code 3)" });
    expect((err as Error).message).not.toMatch(/root:|SECRET|\/tmp\//);
    // The detail is kept for logs (and the CLI's --verbose).
    expect(String(((err as Error).cause as Error).message)).toContain("SECRET-");
  });

  it("keeps ffprobe's and ffmpeg's words (and the file's path) out of their messages", async () => {
    const dir = tempDir();
    const garbage = path.join(dir, "secret-name-4711.mp4");
    writeFileSync(garbage, "this is not a video at all\n".repeat(100));
    const probeErr = await probeMedia(garbage).catch((e: unknown) => e);
    expect(probeErr).toMatchObject({ code: "RENDER_FAILED", message: expect.stringMatching(/^Reading the video \(ffprobe\) failed \(ffprobe exited with code \d+\)$/) });
    const loudErr = await normalizeLoudness({ file: garbage, container: "mp4", durationSec: 1, timeouts: DEFAULT_RENDER_TIMEOUTS, signal: null }).catch((e: unknown) => e);
    expect(loudErr).toMatchObject({ code: "RENDER_FAILED", message: expect.stringMatching(/^Normalising loudness \(ffmpeg\) failed \(ffmpeg exited with code \d+\)$/) });
    for (const err of [probeErr, loudErr]) {
      expect((err as Error).message).not.toMatch(/secret-name|Invalid data|node_modules|compositor/);
      expect(((err as Error).cause as Error).message).toMatch(/Invalid data found/);
    }
  });

  it("stops an FFmpeg pass at the limit for the video's length, and a probe at the short-run limit", async () => {
    const dir = tempDir();
    const wav = writeToneWav(path.join(dir, "tone.wav"), 2, 440);
    const slowPass = await normalizeLoudness({ file: wav, container: "mov", durationSec: 2, timeouts: { ...DEFAULT_RENDER_TIMEOUTS, videoPassMs: 1, videoPassMsPerSecond: 0 }, signal: null }).catch((e: unknown) => e);
    expect(slowPass).toMatchObject({ code: "TIMED_OUT", message: "Normalising loudness (ffmpeg) took longer than 1 ms and was stopped" });
    expect(await probeMedia(wav, { timeouts: { toolMs: 1 } }).catch((e: unknown) => e)).toMatchObject({ code: "TIMED_OUT" });
    expect((await probeMedia(wav)).audio).toMatchObject({ sampleRate: 48000 });
  });
});

describe("runTool", () => {
  it("kills the program and every process it started at the time limit", async () => {
    const seconds = nextMarker();
    const started = performance.now();
    const err = await runTool({ command: "sh", args: ["-c", `sleep ${seconds} & sleep ${seconds}; wait`], timeoutMs: 500, code: "RENDER_FAILED", what: "Test tool" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "TIMED_OUT", message: "Test tool took longer than 500 ms and was stopped" });
    expect(performance.now() - started).toBeLessThan(3000);
    expect(processesWith(`sleep ${seconds}`)).toEqual([]);
  });

  it("kills the program when the caller aborts (ABORTED)", async () => {
    const seconds = nextMarker();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const err = await runTool({ command: "sh", args: ["-c", `sleep ${seconds}`], timeoutMs: 60_000, signal: controller.signal, code: "RENDER_FAILED", what: "Test tool" }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "ABORTED" });
    expect(processesWith(`sleep ${seconds}`)).toEqual([]);
  });

  it("passes arguments as they are (no shell), feeds stdin, and caps output", async () => {
    const echoed = await runTool({ command: "printf", args: ["%s|%s", "$(id)", "; rm -rf /tmp/x"], timeoutMs: 5000, code: "RENDER_FAILED", what: "printf" });
    expect(echoed.stdout.toString()).toBe("$(id)|; rm -rf /tmp/x");
    expect((await runTool({ command: "cat", args: [], stdin: "hello\n", timeoutMs: 5000, code: "RENDER_FAILED", what: "cat" })).stdout.toString()).toBe("hello\n");
    const flood = await runTool({ command: "head", args: ["-c", "100000", "/dev/zero"], maxOutputBytes: 1000, timeoutMs: 5000, code: "RENDER_FAILED", what: "Flood" }).catch((e: unknown) => e);
    expect(flood).toMatchObject({ code: "RENDER_FAILED", message: expect.stringMatching(/^Flood printed more than/) });
    const missing = await runTool({ command: "/nonexistent/espeak-ng", args: [], timeoutMs: 5000, code: "SPEECH_FAILED", what: "Text-to-speech" }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: "SPEECH_FAILED", message: "Text-to-speech failed: espeak-ng is not installed" });
  });

  it("gives the program none of this process's secrets", async () => {
    process.env.REELGEN_TEST_SECRET = "sk-very-secret";
    try {
      const { stdout } = await runTool({ command: "sh", args: ["-c", 'echo "${REELGEN_TEST_SECRET:-none} ${PATH:+path}"'], timeoutMs: 5000, code: "RENDER_FAILED", what: "env" });
      expect(stdout.toString()).toBe("none path\n");
    } finally {
      delete process.env.REELGEN_TEST_SECRET;
    }
  });
});

import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { PNG } from "pngjs";
import { PROJECT_ROOT } from "../../renderer/project-paths";
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

/** Writes a mono 16-bit PCM WAV of a sine tone (`hz` 0 writes silence). */
export const writeToneWav = (file: string, seconds: number, hz = 440, sampleRate = 48_000) => {
  writeFileSync(file, toneWav(seconds, hz, sampleRate));
  return file;
};

/** Writes a mono 16-bit PCM WAV of deterministic white noise: sound that matches itself at one offset only. */
export const writeNoiseWav = (file: string, seconds: number, sampleRate = 48_000) => {
  const wav = toneWav(seconds, 0, sampleRate);
  let x = 12345;
  for (let i = 44; i < wav.length; i += 2) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    wav.writeInt16LE(Math.round((x / 4294967296 - 0.5) * 12000), i);
  }
  writeFileSync(file, wav);
  return file;
};

export const toneWav = (seconds: number, hz = 440, sampleRate = 48_000): Buffer => {
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
  return data;
};

/** Runs Debian's ffmpeg (which has the measuring filters) and returns its stderr. */
export const ffmpegStderr = (args: string[]) =>
  new Promise<string>((resolve, reject) => {
    execFile("ffmpeg", ["-hide_banner", "-nostats", ...args], { maxBuffer: 32 * 1024 * 1024 }, (err, _stdout, stderr) =>
      err ? reject(new Error(`ffmpeg failed: ${stderr.slice(-500)}`)) : resolve(stderr),
    );
  });

/** Integrated loudness and true peak, from ffmpeg's ebur128 filter. */
export const measureLoudness = async (file: string) => {
  const out = await ffmpegStderr(["-i", file, "-vn", "-af", "ebur128=peak=true", "-f", "null", "-"]);
  const summary = out.slice(out.lastIndexOf("Summary:"));
  return {
    integratedLufs: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)![1]),
    truePeakDbtp: Number(/Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)![1]),
  };
};

/** A file's audio as mono 8 kHz samples (Debian's ffmpeg decodes). */
export const decodeMono8k = (file: string) =>
  new Promise<Float64Array>((resolve, reject) => {
    execFile("ffmpeg", ["-v", "error", "-i", file, "-vn", "-ac", "1", "-ar", "8000", "-f", "s16le", "-"], { encoding: "buffer", maxBuffer: 256 * 1024 * 1024 }, (err, stdout) => {
      if (err) return reject(err);
      const out = new Float64Array(stdout.length / 2);
      for (let i = 0; i < out.length; i++) out[i] = stdout.readInt16LE(i * 2);
      resolve(out);
    });
  });

/**
 * Where `segment` sits inside `mix`, in seconds: the lag of best normalised cross-correlation
 * within `windowSec` of `aroundSec`. Finds a voice clip in a rendered soundtrack to the sample.
 */
export const locate = (mix: Float64Array, segment: Float64Array, aroundSec: number, windowSec = 0.3) => {
  const rate = 8000;
  const from = Math.max(0, Math.round((aroundSec - windowSec) * rate));
  const to = Math.min(mix.length - segment.length, Math.round((aroundSec + windowSec) * rate));
  let best = -Infinity;
  let bestLag = from;
  for (let lag = from; lag <= to; lag++) {
    let dot = 0;
    let energy = 1e-9;
    for (let i = 0; i < segment.length; i++) {
      const m = mix[lag + i]!;
      dot += m * segment[i]!;
      energy += m * m;
    }
    const score = dot / Math.sqrt(energy);
    if (score > best) {
      best = score;
      bestLag = lag;
    }
  }
  return bestLag / rate;
};

/** RMS level in dBFS of a file's audio between two times. */
export const rmsDb = async (file: string, from: number, to: number) => {
  const out = await ffmpegStderr(["-i", file, "-vn", "-af", `atrim=${from}:${to},astats=measure_overall=RMS_level:measure_perchannel=none`, "-f", "null", "-"]);
  return Number(/RMS level dB: (-?[\d.]+|-inf)/.exec(out)![1]);
};

/** Power of one frequency in 8 kHz samples (Goertzel), per sample: compare tones within one clip. */
export const tonePower = (samples: Float64Array, hz: number, rate = 8000) => {
  const k = 2 * Math.cos((2 * Math.PI * hz) / rate);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + k * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return (s1 * s1 + s2 * s2 - k * s1 * s2) / samples.length;
};

/** Decodes one video frame at `atSec` to a PNG (Debian's ffmpeg), for pixel checks. */
export const frameAt = async (file: string, atSec: number, out = path.join(tempDir(), `frame-${atSec}.png`)) => {
  await ffmpegStderr(["-ss", String(atSec), "-i", file, "-frames:v", "1", "-y", out]);
  return readPng(out);
};

/** Whether a pixel is within `tolerance` (sum of channel differences) of a colour. */
export const near = ([r, g, b]: readonly number[], [r2, g2, b2]: readonly number[], tolerance = 30) =>
  Math.abs(r! - r2!) + Math.abs(g! - g2!) + Math.abs(b! - b2!) <= tolerance;

/** Writes a solid-colour PNG. */
export const writeSolidPng = (file: string, width: number, height: number, rgb: readonly [number, number, number]) => {
  const png = new PNG({ width, height });
  for (let i = 0; i < png.data.length; i += 4) png.data.set([...rgb, 255], i);
  writeFileSync(file, PNG.sync.write(png));
  return file;
};

/** Writes an H.264 MP4 showing each colour (`#rrggbb`) in turn for `secondsEach` (Debian's ffmpeg). */
export const writeColourVideo = async (file: string, colours: string[], secondsEach: number, size = "160x284") => {
  const parts = colours.map((c, i) => `color=c=0x${c.slice(1)}:s=${size}:r=30:d=${secondsEach}[c${i}]`);
  const graph = `${parts.join(";")};${colours.map((_, i) => `[c${i}]`).join("")}concat=n=${colours.length}:v=1:a=0,format=yuv420p[v]`;
  await ffmpegStderr(["-filter_complex", graph, "-map", "[v]", "-c:v", "libx264", "-y", file]);
  return file;
};

/** The `reelgen` CLI's entry point. */
export const CLI = path.join(PROJECT_ROOT, "bin", "reelgen.js");

/**
 * Runs the `reelgen` CLI to its end (from the checkout unless `cwd` says otherwise): its exit code
 * and output. No model is configured (the `LLM_*` variables are removed) unless `env` sets one.
 */
export const runCli = async (args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<{ code: number; stdout: string; stderr: string }> => {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("LLM_")) delete env[key];
  try {
    const { stdout, stderr } = await promisify(execFile)("node", [CLI, ...args], { cwd: options.cwd ?? PROJECT_ROOT, env: { ...env, ...options.env }, maxBuffer: 64 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
};

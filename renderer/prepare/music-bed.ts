import { createHash, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Mood, Script } from "../../script";
import { ReelgenError } from "../../script/reelgen-error";
import { runFf } from "../ffmpeg-binaries";
import { DEFAULT_RENDER_TIMEOUTS, videoPassTimeoutMs, type RenderTimeouts } from "../render-timeouts";
import { runTool } from "../run-tool";
import { barSeconds, moodMidi } from "./music-moods";
import { wavInfo } from "./wav-info";

/** Debian's fluid-soundfont-gm: Frank Wen's FluidR3_GM General MIDI soundfont (MIT). */
export const GM_SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2";
/** Loudness of a bed file on its own; the soundtrack plays it at `music.volume` and ducks it under speech. */
export const BED_LUFS = -18;
const BED_PEAK_DBTP = -1.5;
/** The reverb tail kept after the last bar, faded out. */
const TAIL_SECONDS = 1.5;
const SAMPLE_RATE = 48_000;
/** Bump when anything below changes the sound of a bed: old cache entries are then never used. */
const BED_VERSION = 1;
const FLUIDSYNTH_ARGS = ["-ni", "-q", "-R", "1", "-C", "1", "-g", "0.5", "-O", "float", "-T", "wav", "-r", String(SAMPLE_RATE)];

export type PrepareMusicBedResult = {
  /** The script with `music.src` set to the bed (unchanged when it has a src or no mood). */
  script: Script;
  /** The bed made or found; null when none was needed. */
  bed: { mood: Mood; file: string; bars: number; cached: boolean } | null;
};

/**
 * Makes the music bed a script asks for with `music.mood` and no `src`: a MIDI arrangement of
 * the mood (music-moods.ts) long enough for the video, played by FluidSynth with the General
 * MIDI soundfont, trimmed, faded out and set to `BED_LUFS`, as a 48 kHz stereo WAV. Beds are
 * cached under `cacheDir/music` by a hash of everything that shapes them (the MIDI bytes, the
 * synthesiser's settings, the soundfont, the level), so the same mood and length is made once.
 * The script then names the file in `music.src`, and every later step treats it like music a
 * user supplied. Nothing is downloaded: fluidsynth and the soundfont come from bin/setup.sh.
 */
export const prepareMusicBed = async (options: {
  script: Script;
  /** The video's length (the voiced timeline's): the bed covers it in whole bars. */
  durationSec: number;
  cacheDir: string;
  timeouts?: RenderTimeouts;
  signal?: AbortSignal | null;
}): Promise<PrepareMusicBedResult> => {
  const { script } = options;
  const mood = script.music?.mood;
  if (!script.music || script.music.src !== undefined || mood === undefined) return { script, bed: null };
  const signal = options.signal ?? null;
  const timeouts = options.timeouts ?? DEFAULT_RENDER_TIMEOUTS;
  const bar = barSeconds(mood);
  // Whole bars: videos of nearly the same length share a bed. At least four, one pass of the loop.
  const bars = Math.max(4, Math.ceil(options.durationSec / bar));
  const midi = moodMidi(mood, bars);
  const soundfont = await stat(GM_SOUNDFONT).catch((err: NodeJS.ErrnoException) => {
    throw new ReelgenError({ code: "RENDER_FAILED", message: `Music bed: the General MIDI soundfont is not installed (bin/setup.sh installs fluid-soundfont-gm)`, cause: err });
  });
  const key = createHash("sha256")
    .update(JSON.stringify([BED_VERSION, FLUIDSYNTH_ARGS, GM_SOUNDFONT, soundfont.size, BED_LUFS, BED_PEAK_DBTP, TAIL_SECONDS]))
    .update(midi)
    .digest("hex")
    .slice(0, 32);
  const dir = path.join(options.cacheDir, "music");
  const file = path.join(dir, `bed-${mood}-${key}.wav`);
  const withBed = { ...script, music: { ...script.music, src: file } };
  if (await stat(file).then(() => true, () => false)) return { script: withBed, bed: { mood, file, bars, cached: true } };

  signal?.throwIfAborted();
  await mkdir(dir, { recursive: true });
  const work = await mkdtemp(path.join(os.tmpdir(), "reelgen-bed-"));
  try {
    const mid = path.join(work, "bed.mid");
    const raw = path.join(work, "raw.wav");
    await writeFile(mid, midi);
    const lengthSec = (bars + 1) * bar + TAIL_SECONDS;
    const limit = videoPassTimeoutMs(timeouts, lengthSec);
    await runTool({ command: "fluidsynth", args: [...FLUIDSYNTH_ARGS, "-F", raw, GM_SOUNDFONT, mid], timeoutMs: limit, signal, code: "RENDER_FAILED", what: "Making the music bed (fluidsynth)" });
    // EBU R128 loudness and true peak of the raw bed (loudnorm's measuring pass).
    const { stderr } = await runFf("ffmpeg", ["-hide_banner", "-nostats", "-nostdin", "-i", `file:${raw}`, "-af", "loudnorm=print_format=json", "-f", "null", "-"], { timeoutMs: limit, signal, what: "Measuring the music bed (ffmpeg)" });
    const stats = JSON.parse(stderr.slice(stderr.lastIndexOf("{"), stderr.lastIndexOf("}") + 1)) as { input_i: string; input_tp: string };
    const gainDb = Math.min(BED_LUFS - Number(stats.input_i), BED_PEAK_DBTP - Number(stats.input_tp));
    if (!Number.isFinite(gainDb)) throw new ReelgenError({ code: "RENDER_FAILED", message: "Making the music bed: fluidsynth wrote silence", cause: new Error(`loudnorm measured ${JSON.stringify(stats)}`) });
    const wav = finishBed(await readFile(raw), { lengthSec, gain: 10 ** (gainDb / 20) });
    // Two renders in one process may make the same bed at once: each writes its own temp file.
    const temp = `${file}.${randomUUID()}.tmp`;
    await writeFile(temp, wav);
    await rename(temp, file);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return { script: withBed, bed: { mood, file, bars, cached: false } };
};

/**
 * FluidSynth's float WAV → 16-bit stereo: cut to `lengthSec`, scaled by `gain`, with a 10 ms
 * fade in (no click) and the tail faded out. Rounded, not dithered, so the same input gives the
 * same bytes.
 */
const finishBed = (raw: Buffer, o: { lengthSec: number; gain: number }): Buffer => {
  const info = wavInfo(raw);
  if (info.format !== 3 || info.bitsPerSample !== 32 || info.channels !== 2 || info.sampleRate !== SAMPLE_RATE) {
    throw new ReelgenError({ code: "RENDER_FAILED", message: "Making the music bed: fluidsynth wrote an unexpected WAV", cause: new Error(JSON.stringify(info)) });
  }
  const available = Math.floor(info.dataLength / 8);
  const frames = Math.min(available, Math.round(o.lengthSec * SAMPLE_RATE));
  const fadeIn = Math.round(0.01 * SAMPLE_RATE);
  const fadeOut = Math.round(TAIL_SECONDS * SAMPLE_RATE);
  const out = Buffer.alloc(44 + frames * 4);
  writeWavHeader(out, frames * 4, 2);
  for (let i = 0; i < frames; i++) {
    const edge = Math.min(1, i / fadeIn, (frames - i) / fadeOut);
    for (let c = 0; c < 2; c++) {
      const sample = raw.readFloatLE(info.dataOffset + (i * 2 + c) * 4) * o.gain * edge;
      out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(sample * 32767))), 44 + (i * 2 + c) * 2);
    }
  }
  return out;
};

/** A 44-byte PCM WAV header for 16-bit samples at 48 kHz. */
const writeWavHeader = (buf: Buffer, dataBytes: number, channels: number) => {
  buf.write("RIFF", 0);
  buf.writeUInt32LE(36 + dataBytes, 4);
  buf.write("WAVEfmt ", 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(channels, 22);
  buf.writeUInt32LE(SAMPLE_RATE, 24);
  buf.writeUInt32LE(SAMPLE_RATE * channels * 2, 28);
  buf.writeUInt16LE(channels * 2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write("data", 36);
  buf.writeUInt32LE(dataBytes, 40);
};

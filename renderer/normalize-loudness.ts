import { rename, rm } from "node:fs/promises";
import { ReelgenError } from "../script/reelgen-error";
import { runFf } from "./ffmpeg-binaries";
import { videoPassTimeoutMs, type RenderTimeouts } from "./render-timeouts";

/** Streaming platforms' reference: −14 LUFS integrated, true peak at most −1 dBTP. */
export const LOUDNESS_TARGET = { integratedLufs: -14, truePeakDbtp: -1.5, lra: 11 } as const;

export type LoudnessResult = { inputLufs: number; outputLufs: number; normalized: boolean };

/**
 * Remotion's H.264/AAC output starts its audio 2048 samples (two AAC frames of encoder priming,
 * 43 ms at 48 kHz) late, with no edit list to say so: measured with a tone burst placed on an
 * exact frame. The normalisation pass re-encodes the audio anyway, so it removes them. WebM
 * (Opus) was measured within 7 ms and needs nothing.
 */
export const MP4_AUDIO_LEAD_SAMPLES = 2048;

/**
 * Two-pass EBU R128 normalisation (ffmpeg `loudnorm`) of a rendered file's audio, in place;
 * the video stream is copied untouched. Silent files are left alone. Each pass runs under the
 * video-pass time limit for the video's length; a failure never quotes ffmpeg.
 * See https://ffmpeg.org/ffmpeg-filters.html#loudnorm
 */
export const normalizeLoudness = async (options: {
  file: string;
  container: "mp4" | "webm" | "mov";
  /** The video's length: the audio is cut to it (AAC pads its last frame otherwise). */
  durationSec: number;
  timeouts: RenderTimeouts;
  signal: AbortSignal | null;
}): Promise<LoudnessResult> => {
  const { file, container, durationSec, signal } = options;
  const ff = { timeoutMs: videoPassTimeoutMs(options.timeouts, durationSec), signal, what: "Normalising loudness (ffmpeg)" };
  const { integratedLufs: I, truePeakDbtp: TP, lra: LRA } = LOUDNESS_TARGET;
  const measure = await runFf("ffmpeg", ["-hide_banner", "-nostats", "-nostdin", "-i", `file:${file}`, "-vn", "-af", `loudnorm=I=${I}:TP=${TP}:LRA=${LRA}:print_format=json`, "-f", "null", "-"], ff);
  const stats = parseLoudnormJson(measure.stderr);
  const inputLufs = Number(stats.input_i);
  if (!Number.isFinite(inputLufs) || inputLufs < -70) return { inputLufs, outputLufs: inputLufs, normalized: false };
  // The measurements go back into a filter string: numbers only, so nothing else can reach it.
  const measured = ["input_i", "input_tp", "input_lra", "input_thresh", "target_offset"] as const;
  if (!measured.every((key) => /^[-+]?\d+(\.\d+)?$/.test(stats[key] ?? ""))) {
    throw new ReelgenError({ code: "RENDER_FAILED", message: "Normalising loudness (ffmpeg) gave no usable measurement", cause: new Error(`loudnorm measured ${JSON.stringify(stats)}`) });
  }
  const filter = [
    `loudnorm=I=${I}:TP=${TP}:LRA=${LRA}`,
    `measured_I=${stats.input_i}:measured_TP=${stats.input_tp}:measured_LRA=${stats.input_lra}`,
    `measured_thresh=${stats.input_thresh}:offset=${stats.target_offset}:linear=true:print_format=json`,
  ].join(":");
  const temp = file.replace(/(\.\w+)$/, ".loudnorm$1");
  try {
    const apply = await runFf("ffmpeg", [
      "-hide_banner", "-nostats", "-nostdin", "-y", "-i", `file:${file}`,
      "-map", "0:v?", "-map", "0:a", "-c:v", "copy",
      "-af", `${container === "mp4" ? `atrim=start_sample=${MP4_AUDIO_LEAD_SAMPLES},asetpts=PTS-STARTPTS,` : ""}${filter},aresample=48000`,
      ...{
        mp4: ["-c:a", "aac", "-b:a", "192k", "-movflags", "+faststart"],
        webm: ["-c:a", "libopus", "-b:a", "160k"],
        mov: ["-c:a", "pcm_s16le"],
      }[container],
      "-t", durationSec.toFixed(6),
      `file:${temp}`,
    ], ff);
    await rename(temp, file);
    return { inputLufs, outputLufs: Number(parseLoudnormJson(apply.stderr).output_i), normalized: true };
  } finally {
    await rm(temp, { force: true });
  }
};

const parseLoudnormJson = (stderr: string): Record<string, string> => {
  const start = stderr.lastIndexOf("{");
  const end = stderr.lastIndexOf("}");
  try {
    if (start < 0 || end < start) throw new Error("no JSON object");
    return JSON.parse(stderr.slice(start, end + 1)) as Record<string, string>;
  } catch (err) {
    // ffmpeg's own words stay in the cause, for logs.
    throw new ReelgenError({ code: "RENDER_FAILED", message: "Normalising loudness (ffmpeg) gave no measurement", cause: new Error(`${(err as Error).message}; ffmpeg printed: ${stderr.slice(-2000)}`) });
  }
};

import path from "node:path";
import { ReelgenError } from "../script/reelgen-error";
import { runFf } from "./ffmpeg-binaries";
import { resolveRenderTimeouts, videoPassTimeoutMs, type RenderTimeouts } from "./render-timeouts";

type ProbeJson = {
  format: { duration?: string; size?: string; format_name: string };
  streams: Array<Record<string, string | number | undefined>>;
};

export type MediaProbe = {
  durationSec: number;
  sizeBytes: number;
  formatName: string;
  video: { codec: string; width: number; height: number; frames: number; fps: number; pixelFormat: string } | null;
  audio: { codec: string; sampleRate: number; channels: number } | null;
};

/**
 * Reads codec, size, duration and exact frame count of a media file with ffprobe. Counting
 * frames decodes the whole video; `countFrames: false` skips that when only streams matter.
 * The header is read under the short-run limit; counting frames under the video-pass limit for
 * the file's length. A failure is a `RENDER_FAILED` that never quotes ffprobe.
 */
export const probeMedia = async (
  file: string,
  options: { countFrames?: boolean; timeouts?: Partial<RenderTimeouts>; signal?: AbortSignal | null } = {},
): Promise<MediaProbe> => {
  const timeouts = resolveRenderTimeouts(options.timeouts);
  // `file:` and an absolute path: a name such as `concat:a|b` or `-x` is only ever a path.
  const input = `file:${path.resolve(file)}`;
  const probe = async (count: boolean, timeoutMs: number) => {
    const { stdout } = await runFf("ffprobe", ["-v", "error", ...(count ? ["-count_frames"] : []), "-show_format", "-show_streams", "-of", "json", input], {
      timeoutMs,
      signal: options.signal,
      what: "Reading the video (ffprobe)",
    });
    try {
      return JSON.parse(stdout) as ProbeJson;
    } catch (err) {
      throw new ReelgenError({ code: "RENDER_FAILED", message: "Reading the video (ffprobe) gave no result", cause: err });
    }
  };
  let data = await probe(false, timeouts.toolMs);
  if (options.countFrames !== false && data.streams.some((s) => s.codec_type === "video")) {
    data = await probe(true, videoPassTimeoutMs(timeouts, Number(data.format.duration ?? 0)));
  }
  const v = data.streams.find((s) => s.codec_type === "video");
  const a = data.streams.find((s) => s.codec_type === "audio");
  const rate = (r: unknown) => {
    const [n, d] = String(r ?? "0/1").split("/").map(Number);
    return d ? n! / d : 0;
  };
  return {
    durationSec: Number(data.format.duration ?? v?.duration ?? 0),
    sizeBytes: Number(data.format.size ?? 0),
    formatName: data.format.format_name,
    video: v
      ? {
          codec: String(v.codec_name),
          width: Number(v.width),
          height: Number(v.height),
          frames: Number(v.nb_read_frames ?? v.nb_frames ?? 0),
          fps: rate(v.avg_frame_rate),
          pixelFormat: String(v.pix_fmt),
        }
      : null,
    audio: a ? { codec: String(a.codec_name), sampleRate: Number(a.sample_rate), channels: Number(a.channels) } : null,
  };
};

import { runFf } from "./ffmpeg-binaries";

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
 */
export const probeMedia = async (file: string, options: { countFrames?: boolean } = {}): Promise<MediaProbe> => {
  const count = options.countFrames === false ? [] : ["-count_frames"];
  const { stdout } = await runFf("ffprobe", ["-v", "error", ...count, "-show_format", "-show_streams", "-of", "json", file]);
  const data = JSON.parse(stdout) as {
    format: { duration?: string; size?: string; format_name: string };
    streams: Array<Record<string, string | number | undefined>>;
  };
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

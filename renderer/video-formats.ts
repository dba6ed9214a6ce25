import os from "node:os";
import path from "node:path";
import { RESOLUTIONS, type Resolution } from "../script";
import { ReelgenError } from "../script/reelgen-error";
import type { LoudnessResult } from "./normalize-loudness";
import type { QualityReport } from "./quality-report";

/** Container and codec of each format; `frameStep` > 1 keeps every n-th frame (GIFs at 15 fps). */
export const VIDEO_FORMATS = {
  mp4: { codec: "h264", extension: "mp4", frameStep: 1 },
  webm: { codec: "vp9", extension: "webm", frameStep: 1 },
  gif: { codec: "gif", extension: "gif", frameStep: 2 },
  /** ProRes 422 HQ in QuickTime, for editors. */
  prores: { codec: "prores", extension: "mov", frameStep: 1 },
} as const;
export type VideoFormat = keyof typeof VIDEO_FORMATS;

export type RenderStage = "voicing" | "bundling" | "rendering" | "encoding" | "mixing" | "done";

export type RenderProgress = {
  stage: RenderStage;
  /** Progress of the current stage, 0 to 1 (rendering and encoding share one scale). */
  progress: number;
  renderedFrames: number;
  encodedFrames: number;
  totalFrames: number;
};

export type RenderVideoResult = {
  outputPath: string;
  format: VideoFormat;
  codec: string;
  width: number;
  height: number;
  fps: number;
  durationInFrames: number;
  /** Duration of the written file, as ffprobe reads it. */
  durationSec: number;
  sizeBytes: number;
  wallSeconds: number;
  /** Frames rendered per second of wall time, bundling excluded. */
  renderFps: number;
  /** Seconds spent joining chunks (null for an output rendered whole): what chunking adds. */
  joinSeconds: number | null;
  /** With `sceneCache`: scenes reused (hits) and rendered (misses), by index; the join time. */
  sceneCache?: { hits: number[]; misses: number[]; joinSeconds: number };
  bundle: { cached: boolean; seconds: number; hash: string };
  /** Lines voiced, and how many of them came from the audio cache; null with `voice: false`. */
  speech: { synthesized: number; cached: number } | null;
  /** Integrated loudness before and after normalisation; null for silent outputs. */
  loudness: LoudnessResult | null;
  /** Sidecar caption files beside the video; null for GIFs. */
  captions: { srt: string; vtt: string } | null;
  /** The quality report, also written beside the video as `<name>.quality.json`. */
  quality: QualityReport & { file: string };
};

/** The output options of a video render, checked (format against the file name, resolution, concurrency) without rendering. */
export const checkVideoOptions = (options: { outputPath: string; format?: VideoFormat; resolution?: Resolution; concurrency?: number }): { format: VideoFormat; resolution: Resolution; concurrency: number } => {
  const format = options.format ?? formatFromExtension(options.outputPath) ?? "mp4";
  if (!(format in VIDEO_FORMATS)) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `format: expected one of ${Object.keys(VIDEO_FORMATS).join(", ")}, got "${format}"` });
  }
  const ext = path.extname(options.outputPath).slice(1).toLowerCase();
  const wanted = VIDEO_FORMATS[format].extension;
  if (ext !== wanted) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `Output ${options.outputPath} should end in .${wanted} for format ${format}` });
  }
  const resolution = options.resolution ?? "1080p";
  if (!(resolution in RESOLUTIONS)) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `resolution: expected one of ${Object.keys(RESOLUTIONS).join(", ")}, got "${resolution}"` });
  }
  const cores = os.availableParallelism();
  const concurrency = options.concurrency ?? cores;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > cores) {
    throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `concurrency: expected a whole number from 1 to ${cores} (this machine's cores), got ${concurrency}` });
  }
  return { format, resolution, concurrency };
};

/** The video format an output file name implies, or `null`. */
export const formatFromExtension = (file: string): VideoFormat | null => {
  const ext = path.extname(file).slice(1).toLowerCase();
  const found = Object.entries(VIDEO_FORMATS).find(([, f]) => f.extension === ext);
  return found ? (found[0] as VideoFormat) : null;
};

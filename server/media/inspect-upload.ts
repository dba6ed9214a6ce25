import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import path from "node:path";
import { FileTypeParser } from "file-type/node";
import { imageSize } from "image-size";
import { runFf } from "../../renderer/index";
import { ReelgenError } from "../../script/reelgen-error";

export type MediaLimits = {
  /** Largest accepted file, in bytes. */
  maxBytes: number;
  /** Largest accepted width or height, in pixels (images and video frames). */
  maxSide: number;
  /** Largest accepted width × height (images and video frames). */
  maxPixels: number;
  /** Longest accepted audio or video, in seconds. */
  maxDurationSec: number;
  /** How long ffprobe may run before the upload is rejected, in milliseconds. */
  probeTimeoutMs: number;
};

export const MEDIA_LIMITS: Readonly<MediaLimits> = Object.freeze({
  maxBytes: 200 * 1024 * 1024,
  maxSide: 8192,
  maxPixels: 40_000_000,
  maxDurationSec: 600,
  probeTimeoutMs: 10_000,
});

export type InspectedMedia = {
  kind: "image" | "audio" | "video";
  mime: string;
  ext: string;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  bytes: number;
  sha256: string;
};

type Allowed =
  | { kind: "image"; headerType: string }
  | { kind: "audio" | "video"; demuxer: string; label: string };

/**
 * Keyed by file-type's `ext`. Each audio/video entry names the one demuxer ffprobe may use, so a
 * file whose bytes look like an MP4 can never be reinterpreted as an HLS playlist or concat script.
 */
const ALLOWED: Record<string, Allowed> = {
  png: { kind: "image", headerType: "png" },
  apng: { kind: "image", headerType: "png" },
  jpg: { kind: "image", headerType: "jpg" },
  webp: { kind: "image", headerType: "webp" },
  gif: { kind: "image", headerType: "gif" },
  mp3: { kind: "audio", demuxer: "mp3", label: "MP3 audio" },
  wav: { kind: "audio", demuxer: "wav", label: "WAV audio" },
  ogg: { kind: "audio", demuxer: "ogg", label: "Ogg audio" },
  oga: { kind: "audio", demuxer: "ogg", label: "Ogg audio" },
  opus: { kind: "audio", demuxer: "ogg", label: "Opus audio" },
  flac: { kind: "audio", demuxer: "flac", label: "FLAC audio" },
  m4a: { kind: "audio", demuxer: "mov", label: "M4A audio" },
  aac: { kind: "audio", demuxer: "aac", label: "AAC audio" },
  mp4: { kind: "video", demuxer: "mov", label: "MP4 video" },
  m4v: { kind: "video", demuxer: "mov", label: "MP4 video" },
  mov: { kind: "video", demuxer: "mov", label: "QuickTime video" },
  webm: { kind: "video", demuxer: "matroska", label: "WebM video" },
};

/** image-size never needs more than this to find the dimensions; matches its own file reader. */
const IMAGE_HEADER_BYTES = 512 * 1024;

/**
 * Decides what an uploaded file really is and whether the media library may keep it.
 *
 * The type comes from the file's content (magic bytes); `declaredName` is deliberately ignored, since
 * a client can name a playlist `clip.mp4`. Only PNG, JPEG,
 * WebP and GIF images, MP3/WAV/Ogg/Opus/FLAC/M4A/AAC audio and MP4/WebM/QuickTime video pass.
 * Images are measured from their header alone (pixels are never decoded, so a decompression bomb
 * costs nothing); audio and video are probed by ffprobe restricted to the detected demuxer and to
 * local file access, under a hard timeout.
 *
 * @throws ReelgenError `PAYLOAD_TOO_LARGE` over `limits.maxBytes`; `UNSUPPORTED_MEDIA_TYPE` for any
 *   other type; `MEDIA_REJECTED` when the media is unreadable, lacks the expected stream, or is
 *   over the size or duration limits. Rejects with the signal's reason when `signal` aborts.
 */
export const inspectUpload = async (options: {
  filePath: string;
  declaredName: string;
  limits?: Partial<MediaLimits>;
  signal?: AbortSignal;
}): Promise<InspectedMedia> => {
  const { filePath, signal } = options;
  const limits: MediaLimits = { ...MEDIA_LIMITS, ...options.limits };
  signal?.throwIfAborted();

  // Checked before anything reads the file, so an oversized upload costs one syscall.
  const info = await stat(filePath);
  if (!info.isFile()) throw new ReelgenError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "upload is not a regular file" });
  if (info.size > limits.maxBytes) {
    throw new ReelgenError({ code: "PAYLOAD_TOO_LARGE", message: `upload is ${info.size} bytes; the limit is ${limits.maxBytes}` });
  }
  if (info.size === 0) throw unsupported("empty file");

  const detected = await new FileTypeParser({ signal }).fromFile(filePath);
  const allowed = detected ? ALLOWED[detected.ext] : undefined;
  if (!detected || !allowed) throw unsupported(detected?.ext ?? (await sniffUnknown(filePath)));

  signal?.throwIfAborted();
  const measured =
    allowed.kind === "image"
      ? await measureImage(filePath, allowed.headerType, limits)
      : await probeAudioVideo(filePath, allowed, limits, signal);

  const { sha256, bytes } = await hashFile(filePath, signal);
  // The file is ours (a fresh upload), but a grown file must not slip past the limit via the stat race.
  if (bytes > limits.maxBytes) {
    throw new ReelgenError({ code: "PAYLOAD_TOO_LARGE", message: `upload is ${bytes} bytes; the limit is ${limits.maxBytes}` });
  }
  return { kind: allowed.kind, mime: detected.mime, ext: detected.ext, ...measured, bytes, sha256 };
};

const unsupported = (what: string) =>
  new ReelgenError({ code: "UNSUPPORTED_MEDIA_TYPE", message: `upload is not an allowed image, audio or video file (detected: ${what})` });

const rejected = (message: string, cause?: unknown) => new ReelgenError({ code: "MEDIA_REJECTED", message, cause });

/** Names what file-type could not, so the caller's error says more than "unknown". */
const sniffUnknown = async (filePath: string): Promise<string> => {
  const head = await readHead(filePath, 4096);
  const text = head.toString("utf8").replace(/^\uFEFF/, "").trimStart();
  if (/^#EXTM3U/.test(text)) return "HLS playlist";
  if (/^ffconcat\b/.test(text)) return "ffconcat script";
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text)) return "svg";
  // NUL bytes or invalid UTF-8 (U+FFFD) mean binary; the last 3 bytes may be a cut multi-byte character.
  const body = head.subarray(0, Math.max(0, head.length - 3));
  if (!body.includes(0) && !body.toString("utf8").includes("\uFFFD")) return "text";
  return "unknown";
};

const readHead = async (filePath: string, length: number) => {
  const handle = await open(filePath, "r");
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

const checkFrame = (what: string, width: number, height: number, limits: MediaLimits) => {
  if (!(width > 0 && height > 0)) throw rejected(`${what} has no valid dimensions`);
  if (width > limits.maxSide || height > limits.maxSide) {
    throw rejected(`${what} is ${width}×${height}; neither side may exceed ${limits.maxSide} pixels`);
  }
  if (width * height > limits.maxPixels) {
    throw rejected(`${what} is ${width}×${height}; it may have at most ${limits.maxPixels} pixels`);
  }
};

const measureImage = async (filePath: string, headerType: string, limits: MediaLimits) => {
  const head = await readHead(filePath, IMAGE_HEADER_BYTES);
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(head);
  } catch (error) {
    throw rejected("image header could not be read", error);
  }
  // Two parsers disagreeing about the format means a polyglot or a damaged file; neither is worth keeping.
  // A header cut short reads as zero (or nonsense) rather than throwing, so a size must be proven positive.
  if (size.type !== headerType || !(size.width > 0 && size.height > 0)) throw rejected("image header could not be read");
  // EXIF orientations 5–8 rotate by 90°, and browsers (so renders) show the image that way.
  const turned = (size.orientation ?? 1) >= 5;
  const width = turned ? size.height : size.width;
  const height = turned ? size.width : size.height;
  checkFrame("image", width, height, limits);
  return { width, height, durationSec: null };
};

type ProbeStream = { codec_type?: string; width?: number; height?: number; duration?: string; disposition?: { attached_pic?: number } };
type ProbeOutput = { streams?: ProbeStream[]; format?: { duration?: string } };

const probeAudioVideo = async (
  filePath: string,
  allowed: Extract<Allowed, { kind: "audio" | "video" }>,
  limits: MediaLimits,
  signal: AbortSignal | undefined,
) => {
  const args = [
    "-v", "error",
    "-hide_banner",
    // Nothing but the uploaded file may be opened: no network, no pipes, no nested playlists.
    "-protocol_whitelist", "file",
    "-f", allowed.demuxer,
    // Already ffmpeg's default; stated so a future default change cannot make a MOV open other files.
    ...(allowed.demuxer === "mov" ? ["-enable_drefs", "0"] : []),
    // Only the fields we read: tags and side data are attacker-sized.
    "-show_entries", "format=duration:stream=codec_type,width,height,duration:stream_disposition=attached_pic",
    "-of", "json",
    // An absolute `file:` URL, so a name such as `concat:a|b` or `http:x` is only ever a path.
    `file:${path.resolve(filePath)}`,
  ];
  let stdout: string;
  try {
    ({ stdout } = await runFf("ffprobe", args, { timeoutMs: limits.probeTimeoutMs, signal, code: "MEDIA_REJECTED" }));
  } catch (error) {
    signal?.throwIfAborted();
    if (error instanceof ReelgenError && error.code === "TIMED_OUT") throw rejected(`probing the ${allowed.label} took longer than ${limits.probeTimeoutMs} ms`, error);
    throw rejected(`upload could not be read as ${allowed.label}`, error);
  }

  let probe: ProbeOutput;
  try {
    probe = JSON.parse(stdout) as ProbeOutput;
  } catch (error) {
    throw rejected(`upload could not be read as ${allowed.label}`, error);
  }
  const streams = probe.streams ?? [];
  // Cover art shows up as a one-frame video stream; it does not make a file a video.
  const pictures = streams.filter((s) => s.codec_type === "video");
  const videos = pictures.filter((s) => !s.disposition?.attached_pic);
  const hasAudio = streams.some((s) => s.codec_type === "audio");
  if (allowed.kind === "audio" && !hasAudio) throw rejected(`${allowed.label} has no audio stream`);
  if (allowed.kind === "video" && videos.length === 0) throw rejected(`${allowed.label} has no video stream`);
  // Every picture counts, cover art included: whatever decodes it later pays for its size.
  for (const s of pictures) checkFrame("video frame", s.width ?? 0, s.height ?? 0, limits);

  // Some containers only know their streams' durations; the longest one is how long the file plays.
  const formatDuration = Number(probe.format?.duration);
  const streamDurations = streams.map((s) => Number(s.duration)).filter((d) => Number.isFinite(d) && d > 0);
  const durationSec = Number.isFinite(formatDuration) && formatDuration > 0 ? formatDuration : Math.max(0, ...streamDurations);
  if (!(durationSec > 0)) throw rejected(`${allowed.label} has no duration`);
  if (durationSec > limits.maxDurationSec) {
    throw rejected(`${allowed.label} is ${durationSec.toFixed(1)} s long; the limit is ${limits.maxDurationSec} s`);
  }

  const main = allowed.kind === "video" ? videos[0]! : undefined;
  return { width: main?.width ?? null, height: main?.height ?? null, durationSec };
};

const hashFile = async (filePath: string, signal: AbortSignal | undefined) => {
  const hash = createHash("sha256");
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(filePath, { signal }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      bytes += chunk.length;
    }
  } catch (error) {
    // The stream wraps the caller's reason in an AbortError; callers match on the reason they gave.
    signal?.throwIfAborted();
    throw error;
  }
  return { sha256: hash.digest("hex"), bytes };
};

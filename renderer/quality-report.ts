import { rename, writeFile } from "node:fs/promises";
import { CJK_CHARACTER, type Background, type CaptionBox, type Timeline } from "../script";
import { ReelgenError } from "../script/reelgen-error";
import { LOUDNESS_TARGET } from "./normalize-loudness";
import type { MediaProbe } from "./probe-media";
import { videoPassTimeoutMs, type RenderTimeouts } from "./render-timeouts";
import { runTool, type RunToolOptions } from "./run-tool";

export type QualityStatus = "pass" | "warn" | "skipped";
export type QualityCheck = { id: string; status: QualityStatus; message: string; details?: unknown };
export type QualityReport = { ok: boolean; checks: QualityCheck[] };

/** Caption reading speed above which viewers cannot keep up (subtitle guidelines use 17–20). */
export const MAX_CHARS_PER_SECOND = 20;
/** Scripts without spaces carry more per character. */
export const MAX_CJK_CHARS_PER_SECOND = 9;

/**
 * Checks a finished render: duration against the plan, black frames, silence where sound was
 * planned, loudness and true peak, captions inside the safe zone, caption reading speed, and
 * characters no installed font can draw. Every problem is a warning; the caller decides whether warnings fail (`--strict`).
 * Measuring filters (blackdetect, silencedetect, ebur128) come from the system's ffmpeg; its pass
 * runs under the video-pass time limit, fc-list under the short-run one.
 */
export const checkQuality = async (options: {
  file: string;
  probe: MediaProbe;
  timeline: Timeline;
  /** The encoder kept every n-th frame (2 for GIFs), so the file has that many fewer. */
  frameStep: number;
  /** Whether the render has a soundtrack (voices or music). */
  expectAudio: boolean;
  hasMusic: boolean;
  /** Caption boxes the composition reported while rendering (packs using AnimatedCaption). */
  captionBoxes: CaptionBox[];
  timeouts: RenderTimeouts;
  signal?: AbortSignal | null;
}): Promise<QualityReport> => {
  const { file, probe, timeline, timeouts } = options;
  const signal = options.signal ?? null;
  const checks: QualityCheck[] = [];
  const fps = timeline.fps;
  const planned = timeline.durationInFrames / fps;

  const videoFrames = probe.video?.frames ?? 0;
  const plannedFrames = Math.ceil(timeline.durationInFrames / options.frameStep);
  checks.push(
    Math.abs(videoFrames - plannedFrames) <= 1 && Math.abs(probe.durationSec - planned) <= (2 * options.frameStep) / fps + 0.03
      ? { id: "duration", status: "pass", message: `${probe.durationSec.toFixed(2)} s as planned (${plannedFrames} frames)` }
      : { id: "duration", status: "warn", message: `${probe.durationSec.toFixed(2)} s / ${videoFrames} frames, planned ${planned.toFixed(2)} s / ${plannedFrames} frames` },
  );

  const ffmpeg = await installed(() => run({ command: "ffmpeg", args: ["-hide_banner", "-version"], timeoutMs: timeouts.toolMs, signal, what: "ffmpeg" }));
  if (!ffmpeg) {
    for (const id of ["black-frames", "silence", "loudness"]) {
      checks.push({ id, status: "skipped", message: "system ffmpeg not found (bin/setup.sh installs it)" });
    }
  } else {
    const filters = [`[0:v]blackdetect=d=0.5:pic_th=0.98[v]`];
    const hasAudio = probe.audio !== null;
    if (hasAudio) filters.push(`[0:a]silencedetect=noise=-50dB:d=1,ebur128=peak=true[a]`);
    const args = ["-hide_banner", "-nostats", "-nostdin", "-i", `file:${file}`, "-filter_complex", filters.join(";"), "-map", "[v]", ...(hasAudio ? ["-map", "[a]"] : []), "-f", "null", "-"];
    const stderr = (await run({ command: "ffmpeg", args, timeoutMs: videoPassTimeoutMs(timeouts, probe.durationSec), signal, what: "Measuring the video (ffmpeg)" })).stderr.toString("utf8");

    const black = [...stderr.matchAll(/black_start:([\d.]+) black_end:([\d.]+)/g)].map((m) => ({ startSec: Number(m[1]), endSec: Number(m[2]) }));
    // A stretch inside scenes whose own background is dark by design is what the script asked for.
    const dark = timeline.scenes.filter((s) => isDarkByDesign(s.scene.background)).map((s) => ({ startSec: s.from / fps, endSec: (s.from + s.durationInFrames) / fps }));
    // What is left of each stretch outside those scenes still counts when it lasts as long as blackdetect's minimum.
    const unplanned = black.flatMap((b) => dark.reduce((parts, d) => parts.flatMap((p) => subtract(p, d)), [b])).filter((p) => p.endSec - p.startSec >= 0.5);
    checks.push(
      unplanned.length === 0
        ? { id: "black-frames", status: "pass", message: black.length ? `${black.length} dark stretch(es), each in a scene dark by design` : "no black stretches" }
        : { id: "black-frames", status: "warn", message: `${unplanned.length} black stretch(es), first at ${unplanned[0]!.startSec.toFixed(2)} s`, details: unplanned },
    );

    if (!options.expectAudio) {
      checks.push({ id: "silence", status: "skipped", message: "no soundtrack planned (voice off, no music)" });
      checks.push({ id: "loudness", status: "skipped", message: "no soundtrack planned" });
    } else if (!hasAudio) {
      checks.push({ id: "silence", status: "warn", message: "a soundtrack was planned but the file has no audio" });
      checks.push({ id: "loudness", status: "skipped", message: "no audio stream" });
    } else {
      // Sound is planned wherever a line speaks, or everywhere when there is music.
      const planned = options.hasMusic
        ? [{ startSec: 1, endSec: timeline.durationInFrames / fps - 1.5 }]
        : timeline.scenes.flatMap((s) =>
            s.lines.filter((l) => l.speech).map((l) => ({ startSec: (s.from + l.from) / fps, endSec: (s.from + l.from) / fps + l.speech!.durationSec })),
          );
      const starts = [...stderr.matchAll(/silence_start: ([\d.]+)/g)].map((m) => Number(m[1]));
      const ends = [...stderr.matchAll(/silence_end: ([\d.]+)/g)].map((m) => Number(m[1]));
      const silences = starts.map((startSec, i) => ({ startSec, endSec: ends[i] ?? probe.durationSec }));
      const unexpected = silences.filter((q) => planned.some((p) => Math.min(q.endSec, p.endSec) - Math.max(q.startSec, p.startSec) > 0.5));
      checks.push(
        unexpected.length === 0
          ? { id: "silence", status: "pass", message: "sound wherever it was planned" }
          : { id: "silence", status: "warn", message: `${unexpected.length} silent gap(s) where sound was planned, first at ${unexpected[0]!.startSec.toFixed(2)} s`, details: unexpected },
      );
      const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
      const integrated = Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]);
      const peak = Number(/Peak:\s+(-?[\d.]+) dBFS/.exec(summary)?.[1]);
      const loudOk = Math.abs(integrated - LOUDNESS_TARGET.integratedLufs) <= 1 && peak <= -1;
      checks.push({
        id: "loudness",
        status: loudOk ? "pass" : "warn",
        message: `${integrated.toFixed(1)} LUFS integrated, true peak ${peak.toFixed(1)} dBTP (target ${LOUDNESS_TARGET.integratedLufs} ± 1 LUFS, peak ≤ -1 dBTP)`,
        details: { integratedLufs: integrated, truePeakDbtp: peak },
      });
    }
  }

  // 2 px of slack for anti-aliased edges.
  const unsafe = options.captionBoxes.filter(
    ({ box, safeArea: a }) => box.left < a.left - 2 || box.top < a.top - 2 || box.right > a.right + 2 || box.bottom > a.bottom + 2,
  );
  checks.push(
    options.captionBoxes.length === 0
      ? { id: "safe-zone", status: "skipped", message: "no caption positions reported by this pack" }
      : unsafe.length === 0
        ? { id: "safe-zone", status: "pass", message: `all ${options.captionBoxes.length} captions inside the platform safe zone` }
        : { id: "safe-zone", status: "warn", message: `${unsafe.length} caption(s) reach into platform UI areas, e.g. "${unsafe[0]!.text}"`, details: unsafe },
  );

  const fast = timeline.scenes.flatMap((s) =>
    s.lines.flatMap((l) => {
      const seconds = l.durationInFrames / fps;
      const chars = [...l.text.replace(/\s+/g, " ").trim()];
      const cjk = chars.filter((c) => CJK_CHARACTER.test(c)).length > chars.length / 2;
      const cps = chars.length / seconds;
      const limit = cjk ? MAX_CJK_CHARS_PER_SECOND : MAX_CHARS_PER_SECOND;
      return cps > limit ? [{ scene: s.scene.id, text: l.text.slice(0, 60), charsPerSecond: Math.round(cps * 10) / 10, limit }] : [];
    }),
  );
  checks.push(
    fast.length === 0
      ? { id: "reading-speed", status: "pass", message: `every caption at most ${MAX_CHARS_PER_SECOND} characters per second` }
      : { id: "reading-speed", status: "warn", message: `${fast.length} caption(s) too fast to read, e.g. "${fast[0]!.text}" at ${fast[0]!.charsPerSecond} chars/s`, details: fast },
  );

  const text = timeline.scenes.flatMap((s) => [s.scene.heading ?? "", ...s.lines.map((l) => `${l.character?.name ?? ""} ${l.text}`)]).join("");
  const missing = await missingGlyphs(text, { timeoutMs: timeouts.toolMs, signal });
  checks.push(
    missing === null
      ? { id: "glyphs", status: "skipped", message: "fontconfig (fc-list) not found" }
      : missing.length === 0
        ? { id: "glyphs", status: "pass", message: "every character has a font" }
        : { id: "glyphs", status: "warn", message: `no font can draw ${missing.map((c) => `${c} (U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`).join(", ")}`, details: missing },
  );

  return { ok: checks.every((c) => c.status !== "warn"), checks };
};

/** Writes the report beside the video as `<name>.quality.json`. */
export const writeQualityReport = async (videoPath: string, report: QualityReport) => {
  const file = videoPath.replace(/\.[^./]+$/, ".quality.json");
  await writeFile(`${file}.tmp`, `${JSON.stringify(report, null, 2)}\n`);
  await rename(`${file}.tmp`, file);
  return file;
};

/** A measuring run; a failure is the render's, and never quotes the tool. */
const run = (options: Omit<RunToolOptions, "code">) => runTool({ ...options, code: "RENDER_FAILED" });

/** True when the tool ran; false when it is not installed; any other failure is thrown. */
const installed = async (probe: () => Promise<unknown>): Promise<boolean> => {
  try {
    await probe();
    return true;
  } catch (err) {
    if (err instanceof ReelgenError && (err.cause as NodeJS.ErrnoException | undefined)?.code === "ENOENT") return false;
    throw err;
  }
};

// Code points that shape or join others and need no glyph of their own.
const INVISIBLE = /[\s\u200B-\u200F\uFE00-\uFE0F\u{E0020}-\u{E007F}\p{M}]/u;

/**
 * Characters of `text` that no installed font covers, per fontconfig. Asks for the whole set at
 * once and splits only where some character is missing, so a covered script costs a few calls.
 * Returns `null` when fontconfig is not installed.
 */
const missingGlyphs = async (text: string, limits: { timeoutMs: number; signal: AbortSignal | null }): Promise<string[] | null> => {
  // Printable ASCII is in the bundled Inter.
  const chars = [...new Set([...text])].filter((c) => c.codePointAt(0)! > 0x7e && !INVISIBLE.test(c));
  const covered = async (set: string[]) => {
    const charset = set.map((c) => c.codePointAt(0)!.toString(16)).join(" ");
    const { stdout } = await run({ command: "fc-list", args: [`:charset=${charset}`, "family"], ...limits, what: "Checking fonts (fc-list)" });
    return stdout.toString("utf8").trim().length > 0;
  };
  if (!(await installed(() => run({ command: "fc-list", args: ["--version"], ...limits, what: "fc-list" })))) return null;
  const missing: string[] = [];
  const walk = async (set: string[]): Promise<void> => {
    if (set.length === 0 || (await covered(set))) return;
    if (set.length === 1) {
      missing.push(set[0]!);
      return;
    }
    // No single font holds all of them (common: Latin + CJK + emoji). Check each on its own
    // when few, else split.
    if (set.length <= 8) {
      for (const c of set) await walk([c]);
      return;
    }
    const mid = Math.floor(set.length / 2);
    await walk(set.slice(0, mid));
    await walk(set.slice(mid));
  };
  await walk(chars);
  return missing;
};

/** blackdetect's pixel threshold (pix_th): luma below 10% of full range counts as black. */
const BLACK_LUMA = 0.1;

/**
 * Whether a scene's own background is black to blackdetect: a colour or gradient whose every
 * colour is darker than its pixel threshold. Colours it cannot read (keywords, other functions)
 * are taken as not dark, so the check still warns.
 */
export const isDarkByDesign = (background: Background | undefined): boolean => {
  if (!background || (background.type !== "color" && background.type !== "gradient")) return false;
  const colors = background.type === "color" ? [background.value] : background.colors;
  return colors.every((c) => {
    const rgb = parseRgb(c);
    // BT.709 luma, as ffmpeg measures it on the encoded picture.
    return rgb !== null && (0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]) / 255 < BLACK_LUMA;
  });
};

const parseRgb = (color: string): [number, number, number] | null => {
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(color.trim())?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((h) => h + h).join("") : hex;
    return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
  }
  const fn = /^rgba?\(\s*(\d+)[\s,]+(\d+)[\s,]+(\d+)/i.exec(color.trim());
  if (fn) return [Number(fn[1]), Number(fn[2]), Number(fn[3])];
  if (/^black$/i.test(color.trim())) return [0, 0, 0];
  return null;
};

type Span = { startSec: number; endSec: number };
/** The parts of `a` outside `b`. */
const subtract = (a: Span, b: Span): Span[] =>
  [
    { startSec: a.startSec, endSec: Math.min(a.endSec, b.startSec) },
    { startSec: Math.max(a.startSec, b.endSec), endSec: a.endSec },
  ].filter((p) => p.endSec > p.startSec);

import { rename, writeFile } from "node:fs/promises";
import type { Timeline } from "../script";

export type CaptionCue = { startSec: number; endSec: number; speaker: string | null; text: string };

/**
 * One cue per line, timed like the video: from the line's first frame until its speech ends
 * (or the line ends, when it has no speech).
 */
export const captionCues = (timeline: Timeline): CaptionCue[] =>
  timeline.scenes.flatMap((scene) =>
    scene.lines.map((line) => {
      const startFrame = scene.from + line.from;
      const lineEnd = startFrame + line.durationInFrames;
      const speechEnd = line.speech ? startFrame + Math.ceil(line.speech.durationSec * timeline.fps) : lineEnd;
      return {
        startSec: startFrame / timeline.fps,
        endSec: Math.min(lineEnd, speechEnd) / timeline.fps,
        speaker: line.character?.name ?? null,
        text: line.text,
      };
    }),
  );

const clock = (seconds: number, separator: "," | ".") => {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
};

// A blank line ends a cue in both formats, so text never contains one.
const oneParagraph = (text: string) => text.replace(/\s*\n\s*/g, " ");

/** SubRip: the speaker's name leads dialogue lines. */
export const toSrt = (cues: CaptionCue[]): string =>
  cues
    .map((c, i) => `${i + 1}\n${clock(c.startSec, ",")} --> ${clock(c.endSec, ",")}\n${c.speaker ? `${c.speaker}: ` : ""}${oneParagraph(c.text)}\n`)
    .join("\n");

const escapeVtt = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** WebVTT: speakers as voice spans (`<v Maya>`), which players can style. */
export const toVtt = (cues: CaptionCue[]): string =>
  `WEBVTT\n\n${cues
    .map((c) => `${clock(c.startSec, ".")} --> ${clock(c.endSec, ".")}\n${c.speaker ? `<v ${escapeVtt(c.speaker)}>` : ""}${escapeVtt(oneParagraph(c.text))}\n`)
    .join("\n")}`;

/** Writes `<video>.srt` and `<video>.vtt` beside a video (UTF-8), each in one rename. */
export const writeCaptionFiles = async (videoPath: string, timeline: Timeline) => {
  const cues = captionCues(timeline);
  const base = videoPath.replace(/\.[^./]+$/, "");
  const files = { srt: `${base}.srt`, vtt: `${base}.vtt` };
  for (const [file, text] of [[files.srt, toSrt(cues)], [files.vtt, toVtt(cues)]] as const) {
    await writeFile(`${file}.tmp`, text, "utf8");
    await rename(`${file}.tmp`, file);
  }
  return files;
};

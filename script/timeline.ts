import { estimateLineSeconds, PAUSE_SECONDS } from "./estimate-line-seconds";
import { NARRATOR, type Character, type Line, type Scene, type Script, type Transition } from "./schema";

export const FPS = 30;
/** How long a scene's heading card holds before its first line. */
export const HEADING_SECONDS = 1.6;
/** Length of a non-cut transition between scenes. */
export const TRANSITION_SECONDS = 0.5;

/** Character colours, bright on the dark backgrounds every pack uses; a character without `color` gets one by its index. */
export const CHARACTER_PALETTE = ["#f43f5e", "#38bdf8", "#facc15", "#a78bfa", "#34d399", "#fb923c", "#f472b6", "#2dd4bf", "#60a5fa", "#e879f9", "#a3e635", "#fbbf24"];

export type TimedLine = Line & {
  /** First frame, relative to the start of its scene. */
  from: number;
  durationInFrames: number;
  isNarrator: boolean;
  /** The character speaking, `null` for the narrator. */
  character: Character | null;
  /** The speaker's colour: the character's own, else one from a fixed palette. */
  color: string;
};

export type TimedScene = {
  scene: Scene;
  /** First frame of the scene in the whole video. */
  from: number;
  durationInFrames: number;
  headingFrames: number;
  /** Frames of the transition into this scene (0 for a cut and for the first scene). */
  transitionFrames: number;
  transition: Transition;
  lines: TimedLine[];
};

export type Timeline = { fps: number; durationInFrames: number; scenes: TimedScene[] };

/**
 * Lays a script out in frames: each scene is its heading card plus its lines back to back; a
 * line lasts its `durationSec`, else its prepared speech plus a pause, else a reading-speed
 * estimate. Transitions overlap the end of
 * the outgoing scene, so they never change the total duration.
 */
export const buildTimeline = (script: Script, fps: number = FPS): Timeline => {
  const colors = new Map<string, string>();
  script.characters.forEach((c, i) => colors.set(c.id, c.color ?? CHARACTER_PALETTE[i % CHARACTER_PALETTE.length]!));
  const byId = new Map(script.characters.map((c) => [c.id, c]));

  let from = 0;
  const scenes = script.scenes.map((scene, index): TimedScene => {
    const headingFrames = scene.heading ? Math.round(HEADING_SECONDS * fps) : 0;
    let cursor = headingFrames;
    const lines = scene.lines.map((line): TimedLine => {
      // Explicit duration wins; else the prepared speech plus a breath; else reading speed.
      const seconds = line.durationSec ?? (line.speech ? line.speech.durationSec + PAUSE_SECONDS : estimateLineSeconds(line.text));
      const durationInFrames = Math.max(1, Math.round(seconds * fps));
      const isNarrator = line.speaker === NARRATOR;
      const timed: TimedLine = {
        ...line,
        from: cursor,
        durationInFrames,
        isNarrator,
        character: isNarrator ? null : (byId.get(line.speaker) ?? null),
        color: isNarrator ? "#e5e7eb" : (colors.get(line.speaker) ?? CHARACTER_PALETTE[0]!),
      };
      cursor += durationInFrames;
      return timed;
    });
    const transition = index === 0 ? "cut" : (scene.transition ?? "fade");
    const transitionFrames =
      transition === "cut" ? 0 : Math.min(Math.round(TRANSITION_SECONDS * fps), cursor);
    const timed: TimedScene = {
      scene,
      from,
      durationInFrames: cursor,
      headingFrames,
      transitionFrames,
      transition,
      lines,
    };
    from += cursor;
    return timed;
  });
  return { fps, durationInFrames: from, scenes };
};

/** Prefix of the browser console line on which a caption reports its box while rendering. */
export const CAPTION_BOX_LOG = "reelgen:caption-box ";

/** Where a caption was drawn and the frame's safe area, in output pixels (edges, not sizes). */
export type CaptionBox = {
  text: string;
  box: { left: number; top: number; right: number; bottom: number };
  safeArea: { left: number; top: number; right: number; bottom: number };
};

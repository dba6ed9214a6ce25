import type { Timeline } from "./timeline";

export type SoundEffect = "whoosh" | "pop" | "typing" | "sting";
/** One effect at a frame of the whole video. */
export type SoundCue = { effect: SoundEffect; from: number };

/** Emotions whose line gets a sting: a reveal that lands. */
export const STING_EMOTIONS = ["shocked", "surprised", "stunned", "astonished"] as const;
/** Frames of typing heard before a chat message (the typing dots show as long). */
export const TYPING_CUE_FRAMES = 14;

/**
 * When each sound effect plays: a whoosh as every scene whose transition is not a cut comes in,
 * a sting as a shocked or surprised line starts and, in a chat (`chat`), a pop as each message
 * appears with soft typing just before it. Every cue starts inside the scene it belongs to, so a
 * scene's sound depends on that scene alone (the scene cache keys sound by scene).
 */
export const soundEffectCues = (timeline: Timeline, options: { chat: boolean }): SoundCue[] => {
  const cues: SoundCue[] = [];
  for (const scene of timeline.scenes) {
    if (scene.transition !== "cut" && scene.transitionFrames > 0) cues.push({ effect: "whoosh", from: scene.from });
    for (const line of scene.lines) {
      const at = scene.from + line.from;
      if (options.chat && !line.isNarrator) {
        if (line.from >= TYPING_CUE_FRAMES) cues.push({ effect: "typing", from: at - TYPING_CUE_FRAMES });
        cues.push({ effect: "pop", from: at });
      }
      if ((STING_EMOTIONS as readonly string[]).includes(line.emotion?.toLowerCase().trim() ?? "")) cues.push({ effect: "sting", from: at });
    }
  }
  return cues.sort((a, b) => a.from - b.from);
};

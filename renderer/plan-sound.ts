import { soundEffectCues } from "../script/sound-effects";
import type { RenderPlan } from "./render-plan";

/**
 * What a plan's video will sound like (compositions/soundtrack.tsx plays it): speech, music
 * (a file, or the bed prepare made for `music.mood`) and, unless `soundEffects` is false, the
 * effects `soundEffectCues` places. A chat's pops depend on the pack, so they count only where
 * guessing high is harmless: `mayPlay` records a sound track (silent at worst), while `plays`
 * (what the quality gate expects to hear) leaves them out, so a missing track is never reported
 * for a render that had nothing to play.
 */
export const planSound = (plan: Pick<RenderPlan, "speech" | "script" | "timeline">) => {
  const voiceOrMusic = plan.speech !== null || plan.script.music?.src !== undefined;
  const effects = plan.script.soundEffects !== false;
  return {
    plays: voiceOrMusic || (effects && soundEffectCues(plan.timeline, { chat: false }).length > 0),
    mayPlay: voiceOrMusic || (effects && soundEffectCues(plan.timeline, { chat: true }).length > 0),
    hasMusic: plan.script.music?.src !== undefined,
  };
};

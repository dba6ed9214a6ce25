import React from "react";
import { Html5Audio, Sequence } from "remotion";
import type { Script, Timeline } from "../script";
import { soundEffectCues, type SoundEffect } from "../script/sound-effects";

const DUCK = 0.3;
const DUCK_FRAMES = 6;

/**
 * Music volume per frame: fades in and out at the ends and ducks to 30% under every spoken
 * line, with short ramps either side.
 */
export const musicVolume = (timeline: Timeline, volume: number) => {
  const speaking = timeline.scenes.flatMap((s) =>
    s.lines.filter((l) => l.speech).map((l) => [s.from + l.from, s.from + l.from + Math.round(l.speech!.durationSec * timeline.fps)] as const),
  );
  const end = timeline.durationInFrames;
  // Short videos get shorter fades, so the ramps never overlap.
  const fadeIn = Math.min(timeline.fps, end / 3);
  const fadeOut = Math.min(timeline.fps * 1.5, end / 3);
  const clamp01 = (n: number) => Math.max(0, Math.min(1, n));
  return (frame: number) => {
    let duck = 1;
    for (const [from, to] of speaking) {
      const distance = frame < from ? from - frame : frame > to ? frame - to : 0;
      duck = Math.min(duck, DUCK + (1 - DUCK) * clamp01(distance / DUCK_FRAMES));
    }
    const edges = clamp01(Math.min(frame / fadeIn, (end - frame) / fadeOut));
    return volume * duck * edges;
  };
};

/**
 * The effects' files (bin/make-sounds.ts makes them). `new URL(…, import.meta.url)` makes each
 * an asset of the bundle for webpack and Vite alike, and is a harmless file URL where Node loads
 * this module (the renderer reads the packs), which cannot import a .wav.
 */
const EFFECT_SRC: Record<SoundEffect, string> = {
  whoosh: new URL("./sounds/whoosh.wav", import.meta.url).href,
  pop: new URL("./sounds/pop.wav", import.meta.url).href,
  typing: new URL("./sounds/typing.wav", import.meta.url).href,
  sting: new URL("./sounds/sting.wav", import.meta.url).href,
};

/** Each effect's level in the mix: below the voices, the typing barely there. */
const EFFECT_VOLUME: Record<SoundEffect, number> = { whoosh: 0.4, pop: 0.5, typing: 0.3, sting: 0.45 };
/** Seconds each effect's file lasts: its Sequence ends there. */
const EFFECT_SECONDS: Record<SoundEffect, number> = { whoosh: 0.8, pop: 0.1, typing: 0.46, sting: 1.7 };

export type SoundtrackProps = {
  timeline: Timeline;
  music: Script["music"];
  /** Play the sound effects (`script.soundEffects !== false`); default off. */
  soundEffects?: boolean;
  /** The video is a chat: a pop per message and typing before it. */
  chat?: boolean;
};

/**
 * Every line's speech at its frame, the music bed ducked under it, and the sound effects
 * (`soundEffectCues`: a whoosh per transition, a sting on a shocked line, in a chat a pop per
 * message with typing before it). Every pack uses this.
 */
export const Soundtrack: React.FC<SoundtrackProps> = ({ timeline, music, soundEffects = false, chat = false }) => (
  <>
    {timeline.scenes.flatMap((s) =>
      s.lines.map((l, i) =>
        l.speech ? (
          <Sequence key={`${s.scene.id}-${i}`} from={s.from + l.from} durationInFrames={l.durationInFrames} name={`voice: ${l.speaker}`} layout="none">
            <Html5Audio src={l.speech.src} />
          </Sequence>
        ) : null,
      ),
    )}
    {music?.src ? <Html5Audio src={music.src} volume={musicVolume(timeline, music.volume ?? 0.35)} loop /> : null}
    {soundEffects
      ? soundEffectCues(timeline, { chat }).map((cue) => (
          <Sequence key={`${cue.effect}-${cue.from}`} from={cue.from} durationInFrames={Math.max(1, Math.min(Math.ceil(EFFECT_SECONDS[cue.effect] * timeline.fps), timeline.durationInFrames - cue.from))} name={`sound: ${cue.effect}`} layout="none">
            <Html5Audio src={EFFECT_SRC[cue.effect]} volume={EFFECT_VOLUME[cue.effect]} />
          </Sequence>
        ))
      : null}
  </>
);

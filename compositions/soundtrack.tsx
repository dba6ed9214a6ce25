import React from "react";
import { Html5Audio, Sequence } from "remotion";
import type { Script, Timeline } from "../script";

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

/** Every line's speech at its frame, and the music bed ducked under it. Every pack uses this. */
export const Soundtrack: React.FC<{ timeline: Timeline; music: Script["music"] }> = ({ timeline, music }) => (
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
  </>
);

import React, { useMemo } from "react";
import { AbsoluteFill, useVideoConfig } from "remotion";
import { buildTimeline, type Background, type Script, type TimedScene, type Timeline } from "../script";
import { SceneBackground } from "./background";
import { useBrandFontStack, Watermark } from "./brand";
import { useLayout, type Layout } from "./layout";
import { LookLayer } from "./look";
import { Reactions } from "./reactions";
import { SceneSeries } from "./scene-series";
import { Soundtrack } from "./soundtrack";

/** What a pack's scene and overlay drawings receive from the shell. */
export type ShellContext = {
  timeline: Timeline;
  layout: Layout;
  /** The brand font stack, for packs that size text themselves. */
  fontFamily: string;
};

export type ScriptVideoProps = {
  script: Script;
  /** The colour under everything (seen only where a scene draws nothing). */
  baseColor?: string;
  /** A scene's backdrop when it has no `background` and names no `setting`. */
  defaultBackground?: Background;
  /** Draws a scene's backdrop instead of the shell's (narrated-story moves it); gets the shell's own backdrop to wrap. */
  backdrop?: (timed: TimedScene, index: number, drawn: React.ReactNode) => React.ReactNode;
  /** What the pack draws over a scene's backdrop, inside the scene's look and transitions. */
  scene?: (timed: TimedScene, index: number, shell: ShellContext) => React.ReactNode;
  /** What the pack draws over all scenes, outside their looks (a chat phone, progress dots, an end card). */
  overlay?: (shell: ShellContext) => React.ReactNode;
  /** The video is a chat: the soundtrack pops each message in, with typing before it, and feelings show as tapbacks on the bubbles (the pack's) instead of big emoji over the phone's header. */
  chat?: boolean;
};

/**
 * The shell every pack renders in: the timeline, the brand font and language, the scenes back to
 * back with their transitions, each on its backdrop (`background`, else the `setting` drawn from
 * the catalogue, tinted by `mood`) under its look, then the pack's overlay, the watermark and the
 * soundtrack. A pack only draws what is its own.
 */
export const ScriptVideo: React.FC<ScriptVideoProps> = ({ script, baseColor = "#000", defaultBackground, backdrop, scene, overlay, chat = false }) => {
  const { fps } = useVideoConfig();
  const timeline = useMemo(() => buildTimeline(script, fps), [script, fps]);
  const layout = useLayout();
  const fontFamily = useBrandFontStack(script.brand);
  const shell: ShellContext = { timeline, layout, fontFamily };
  return (
    <AbsoluteFill style={{ backgroundColor: baseColor, fontFamily }} lang={script.language}>
      <SceneSeries
        timeline={timeline}
        renderScene={(timed) => {
          const index = timeline.scenes.indexOf(timed);
          const drawn = (
            <SceneBackground
              background={timed.scene.background ?? (timed.scene.setting ? undefined : defaultBackground)}
              setting={timed.scene.setting}
              mood={timed.scene.mood}
              durationInFrames={timed.durationInFrames}
            />
          );
          return (
            <LookLayer look={timed.scene.look ?? script.look}>
              {backdrop ? backdrop(timed, index, drawn) : drawn}
              {scene?.(timed, index, shell)}
            </LookLayer>
          );
        }}
      />
      {overlay?.(shell)}
      {chat ? null : <Reactions timeline={timeline} />}
      <Watermark brand={script.brand} layout={layout} />
      <Soundtrack timeline={timeline} music={script.music} soundEffects={script.soundEffects !== false} chat={chat} />
    </AbsoluteFill>
  );
};

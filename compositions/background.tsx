import React from "react";
import { AbsoluteFill, Img, interpolate, OffthreadVideo, useCurrentFrame, useVideoConfig } from "remotion";
import type { Background, Mood, Setting } from "../script";
import { Backdrop } from "./backdrops/backdrop";
import { MOOD_GRADES } from "./backdrops/mood-grade";

export const DEFAULT_BACKGROUND: Background = { type: "gradient", colors: ["#0f172a", "#312e81", "#111827"] };

/**
 * A scene's backdrop: a colour, a gradient, or an image/video covering the frame. Images drift
 * slowly (Ken Burns) so a still scene never looks frozen. Without an explicit `background`, a
 * `setting` draws a built-in backdrop (tinted by `mood`); with neither, the default gradient,
 * in the mood's colours when there is a mood.
 */
export const SceneBackground: React.FC<{ background: Background | undefined; setting?: Setting; mood?: Mood; durationInFrames: number }> = ({
  background: explicit,
  setting,
  mood,
  durationInFrames,
}) => {
  const frame = useCurrentFrame();
  const { width, height } = useVideoConfig();
  if (!explicit && setting) return <Backdrop setting={setting} mood={mood} durationInFrames={durationInFrames} />;
  const background: Background = explicit ?? (mood ? { type: "gradient", colors: MOOD_GRADES[mood].gradient } : DEFAULT_BACKGROUND);
  switch (background.type) {
    case "color":
      return <AbsoluteFill style={{ backgroundColor: background.value }} />;
    case "gradient":
      return (
        <AbsoluteFill
          style={{
            background: `linear-gradient(${width > height ? 120 : 160}deg, ${background.colors.join(", ")})`,
          }}
        />
      );
    case "image": {
      const scale = interpolate(frame, [0, Math.max(1, durationInFrames)], [1, 1.08], {
        extrapolateRight: "clamp",
      });
      return (
        <AbsoluteFill style={{ backgroundColor: "#000", overflow: "hidden" }}>
          <Img
            src={background.src}
            style={{ width: "100%", height: "100%", objectFit: "cover", transform: `scale(${scale})` }}
          />
        </AbsoluteFill>
      );
    }
    case "video":
      return (
        <AbsoluteFill style={{ backgroundColor: "#000" }}>
          <OffthreadVideo src={background.src} muted style={{ width: "100%", height: "100%", objectFit: "cover" }} />
        </AbsoluteFill>
      );
  }
};

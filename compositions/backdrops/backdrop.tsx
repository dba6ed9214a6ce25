import React, { useId } from "react";
import { AbsoluteFill, useCurrentFrame, useVideoConfig } from "remotion";
import type { Mood, Setting } from "../../script";
import { Bedroom, Cafe, Classroom, Hospital, Kitchen, LivingRoom, Office, Party } from "./indoor";
import { moodGrade } from "./mood-grade";
import { CityDay, Park, Rain, RAIN_STEPS_PER_SECOND, StreetNight } from "./outdoor";
import { makeStage, type Stage } from "./parts";

const SCENES: Record<Setting, React.FC<{ s: Stage; fps: number }>> = {
  office: Office,
  kitchen: Kitchen,
  "living-room": LivingRoom,
  bedroom: Bedroom,
  "street-night": StreetNight,
  "city-day": CityDay,
  hospital: Hospital,
  classroom: Classroom,
  cafe: Cafe,
  park: Park,
  rain: Rain,
  party: Party,
};

/**
 * Distinct pictures per second a backdrop draws: 0 for the ones that hold perfectly still (every
 * frame identical), else how often the moving part (the rain) changes.
 */
export const backdropStepsPerSecond = (setting: Setting): number => (setting === "rain" ? RAIN_STEPS_PER_SECOND : 0);

/**
 * A backdrop drawn at a given size and frame, without Remotion's hooks (so it can be drawn
 * anywhere): the setting's illustration, graded by the mood, with its lower part darkened so
 * captions stay legible.
 */
export const BackdropArt: React.FC<{ setting: Setting; mood: Mood | undefined; width: number; height: number; frame: number; fps: number }> = ({
  setting,
  mood,
  width,
  height,
  frame,
  fps,
}) => {
  const prefix = `bd${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  // Still backdrops ignore the frame entirely, so their frames are identical pixel for pixel.
  const s = makeStage(width, height, backdropStepsPerSecond(setting) > 0 ? frame : 0, prefix, setting);
  const Scene = SCENES[setting];
  const grade = moodGrade(mood);
  return (
    <AbsoluteFill style={{ overflow: "hidden", backgroundColor: "#0b1020" }}>
      <AbsoluteFill style={{ filter: grade.filter === "none" ? undefined : grade.filter }}>
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} xmlns="http://www.w3.org/2000/svg" style={{ display: "block" }}>
          <Scene s={s} fps={fps} />
        </svg>
      </AbsoluteFill>
      {grade.tintOpacity > 0 ? (
        <>
          <AbsoluteFill style={{ backgroundColor: grade.tint, opacity: grade.tintOpacity, mixBlendMode: "soft-light" }} />
          <AbsoluteFill style={{ backgroundColor: grade.tint, opacity: grade.tintOpacity * 0.3 }} />
        </>
      ) : null}
      <AbsoluteFill style={{ background: `radial-gradient(ellipse at 50% 40%, rgba(0,0,0,0) 50%, rgba(0,0,0,${grade.vignette}) 100%)` }} />
      {/* The lower third is where captions sit: darker and calmer there. */}
      <AbsoluteFill style={{ background: "linear-gradient(180deg, rgba(2,6,23,0) 55%, rgba(2,6,23,0.35) 75%, rgba(2,6,23,0.6) 100%)" }} />
    </AbsoluteFill>
  );
};

/**
 * A built-in backdrop for a scene's `setting`, tinted by its `mood`; laid out for the
 * composition's size. Deterministic (Remotion's `random`), and still unless the setting moves
 * (rain, at `backdropStepsPerSecond`).
 */
export const Backdrop: React.FC<{ setting: Setting; mood?: Mood; durationInFrames: number }> = ({ setting, mood }) => {
  const frame = useCurrentFrame();
  const { width, height, fps } = useVideoConfig();
  return <BackdropArt setting={setting} mood={mood} width={width} height={height} frame={frame} fps={fps} />;
};

import React from "react";
import { AbsoluteFill, Img, interpolate, OffthreadVideo, Sequence, useCurrentFrame } from "remotion";
import { AnimatedCaption, Portrait, ScriptVideo, type Layout } from "../../compositions";
import type { Script, TimedLine, TimedScene } from "../../script";

/**
 * narrated-story: a narrator over images or video with Ken Burns motion (a slow zoom and a pan
 * that changes direction each scene) and big word-by-word captions in the middle of the frame.
 */
export const NarratedStory: React.FC<Script> = (script) => {
  const accent = script.brand?.colors?.primary ?? "#fde047";
  return (
    <ScriptVideo
      script={script}
      backdrop={(timed, index, drawn) => <KenBurns timed={timed} index={index} drawn={drawn} />}
      scene={(timed, _index, { layout }) => (
        <>
          <AbsoluteFill style={{ background: "radial-gradient(ellipse at center, rgba(0,0,0,0.05) 30%, rgba(0,0,0,0.55) 100%)" }} />
          {timed.scene.heading && timed.headingFrames > 0 ? (
            <Sequence durationInFrames={timed.headingFrames}>
              <Chapter text={timed.scene.heading} layout={layout} durationInFrames={timed.headingFrames} />
            </Sequence>
          ) : null}
          {timed.lines.map((line, i) => (
            <Sequence key={i} from={line.from} durationInFrames={line.durationInFrames}>
              <BigCaption line={line} layout={layout} accent={accent} language={script.language} />
            </Sequence>
          ))}
        </>
      )}
    />
  );
};

/** Zoom 1.05 → 1.2 across the scene, panning left or right by turns, so stills feel filmed. */
const KenBurns: React.FC<{ timed: TimedScene; index: number; drawn: React.ReactNode }> = ({ timed, index, drawn }) => {
  const frame = useCurrentFrame();
  const background = timed.scene.background;
  const p = interpolate(frame, [0, Math.max(1, timed.durationInFrames)], [0, 1], { extrapolateRight: "clamp" });
  const direction = index % 2 === 0 ? 1 : -1;
  const transform = `scale(${1.05 + 0.15 * p}) translateX(${direction * (p - 0.5) * 4}%)`;
  const cover = { width: "100%", height: "100%", objectFit: "cover" as const, transform };
  if (background?.type === "image") return <AbsoluteFill style={{ overflow: "hidden" }}><Img src={background.src} style={cover} /></AbsoluteFill>;
  if (background?.type === "video") return <AbsoluteFill style={{ overflow: "hidden" }}><OffthreadVideo src={background.src} muted style={cover} /></AbsoluteFill>;
  return <AbsoluteFill style={{ transform }}>{drawn}</AbsoluteFill>;
};

const Chapter: React.FC<{ text: string; layout: Layout; durationInFrames: number }> = ({ text, layout, durationInFrames }) => {
  const frame = useCurrentFrame();
  const opacity = interpolate(frame, [0, 8, durationInFrames - 8, durationInFrames], [0, 1, 1, 0], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
  return (
    <AbsoluteFill style={{ alignItems: "center", justifyContent: "center", padding: `0 ${layout.safe.right}px`, opacity }}>
      <div style={{ color: "#fff", fontSize: 70 * layout.unit, fontWeight: 500, fontStyle: "italic", letterSpacing: 1 * layout.unit, textAlign: "center", textShadow: "0 4px 24px rgba(0,0,0,0.8)" }}>{text}</div>
    </AbsoluteFill>
  );
};

const BigCaption: React.FC<{ line: TimedLine; layout: Layout; accent: string; language: string }> = ({ line, layout, accent, language }) => {
  const { unit, safe } = layout;
  const side = Math.max(safe.left, safe.right);
  const outline = `${3 * unit}px`;
  return (
    <AbsoluteFill style={{ alignItems: "center", justifyContent: "center", padding: `${safe.top}px ${side}px ${safe.bottom}px` }}>
      {line.character ? (
        <Portrait
          character={line.character}
          emotion={line.emotion}
          speech={{ text: line.text, words: line.speech?.words, durationInFrames: line.durationInFrames }}
          size={300 * unit}
          color={line.color}
          style={{ marginBottom: 16 * unit, boxShadow: `0 ${8 * unit}px ${32 * unit}px rgba(0,0,0,0.5)` }}
        />
      ) : null}
      {line.character ? <div style={{ color: line.color, fontWeight: 800, fontSize: 36 * unit, marginBottom: 12 * unit, textTransform: "uppercase", letterSpacing: 2 * unit }}>{line.character.name}</div> : null}
      <AnimatedCaption
        text={line.text}
        durationInFrames={line.durationInFrames}
        language={language}
        highlight={accent}
        words={line.speech?.words}
        style={{
          color: "#fff",
          fontWeight: 800,
          fontSize: (layout.orientation === "landscape" ? 72 : 84) * unit,
          lineHeight: 1.12,
          textAlign: "center",
          textShadow: `${outline} ${outline} 0 #000, -${outline} ${outline} 0 #000, ${outline} -${outline} 0 #000, -${outline} -${outline} 0 #000, 0 ${8 * unit}px ${24 * unit}px rgba(0,0,0,0.6)`,
          overflowWrap: "anywhere",
          unicodeBidi: "plaintext",
        }}
      />
    </AbsoluteFill>
  );
};

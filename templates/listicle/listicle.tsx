import React from "react";
import { AbsoluteFill, interpolate, Sequence, spring, useCurrentFrame, useVideoConfig } from "remotion";
import { AnimatedCaption, Portrait, ScriptVideo, type Layout } from "../../compositions";
import type { TimedLine, Timeline } from "../../script";
import type { ListicleProps } from "./schema";

/**
 * listicle: numbered facts or quotes in bold type. Every line is one item with a big number;
 * a scene heading is the list's title card; dots along the top show how far the list has got.
 */
export const Listicle: React.FC<ListicleProps> = (props) => {
  const accent = props.brand?.colors?.primary ?? "#facc15";
  return (
    <ScriptVideo
      script={props}
      baseColor="#0b0b0f"
      defaultBackground={{ type: "gradient", colors: ["#111827", "#1f2937"] }}
      scene={(scene, _index, { timeline, layout }) => {
        const items = listItems(timeline);
        return (
          <>
            <AbsoluteFill style={{ backgroundColor: "rgba(0,0,0,0.35)" }} />
            {scene.scene.heading && scene.headingFrames > 0 ? (
              <Sequence durationInFrames={scene.headingFrames}>
                <TitleCard text={scene.scene.heading} accent={accent} layout={layout} />
              </Sequence>
            ) : null}
            {scene.lines.map((line, i) => {
              const index = items.findIndex((it) => it.line === line);
              const number = props.listicle?.countdown ? items.length - index : index + 1;
              return (
                <Sequence key={i} from={line.from} durationInFrames={line.durationInFrames}>
                  <Item line={line} number={number} accent={accent} layout={layout} language={props.language} />
                </Sequence>
              );
            })}
          </>
        );
      }}
      overlay={({ timeline, layout }) => <Progress items={listItems(timeline)} accent={accent} layout={layout} />}
    />
  );
};

/** Every line of the list in order, with the frame it starts on. */
const listItems = (timeline: Timeline) => timeline.scenes.flatMap((s) => s.lines.map((line) => ({ line, from: s.from + line.from })));

/** Dots along the top: how far the list has got. */
const Progress: React.FC<{ items: { from: number }[]; accent: string; layout: Layout }> = ({ items, accent, layout }) => {
  const frame = useCurrentFrame();
  const current = items.findLastIndex((i) => i.from <= frame);
  const { unit, safe } = layout;
  return (
    <div style={{ position: "absolute", top: safe.top * 0.6, left: 0, right: 0, display: "flex", justifyContent: "center", gap: 12 * unit }}>
      {items.map((_, i) => (
        <div key={i} style={{ width: 18 * unit, height: 18 * unit, borderRadius: "50%", background: i <= current ? accent : "rgba(255,255,255,0.3)" }} />
      ))}
    </div>
  );
};

const TitleCard: React.FC<{ text: string; accent: string; layout: Layout }> = ({ text, accent, layout }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const s = spring({ frame, fps, config: { damping: 14 } });
  const { unit } = layout;
  return (
    <AbsoluteFill style={{ alignItems: "center", justifyContent: "center", padding: `0 ${layout.safe.left}px` }}>
      <div style={{ color: "#fff", fontWeight: 800, fontSize: 96 * unit, lineHeight: 1.05, textAlign: "center", textTransform: "uppercase", transform: `scale(${0.8 + 0.2 * s})`, opacity: s, textShadow: `0 ${6 * unit}px 0 ${accent}`, overflowWrap: "anywhere" }}>{text}</div>
    </AbsoluteFill>
  );
};

const Item: React.FC<{ line: TimedLine; number: number; accent: string; layout: Layout; language: string }> = ({ line, number, accent, layout, language }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const numberIn = spring({ frame, fps, config: { damping: 11, stiffness: 170 } });
  const out = interpolate(frame, [line.durationInFrames - 6, line.durationInFrames], [1, 0], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
  const { unit, safe } = layout;
  const landscape = layout.orientation === "landscape";
  return (
    <AbsoluteFill style={{ flexDirection: landscape ? "row" : "column", alignItems: "center", justifyContent: "center", gap: 30 * unit, padding: `${safe.top}px ${safe.right}px ${safe.bottom}px ${safe.left}px`, opacity: out }}>
      <div style={{ color: accent, fontWeight: 800, fontSize: 260 * unit, lineHeight: 0.9, transform: `scale(${numberIn}) rotate(${(1 - numberIn) * -12}deg)`, flexShrink: 0 }}>{number}</div>
      <div style={{ display: "flex", flexDirection: "column", gap: 14 * unit, maxWidth: landscape ? "60%" : "100%", alignItems: landscape ? "flex-start" : "center" }}>
        {line.character ? (
          <div style={{ display: "flex", alignItems: "center", gap: 20 * unit }}>
            <Portrait
              character={line.character}
              emotion={line.emotion}
              speech={{ text: line.text, words: line.speech?.words, durationInFrames: line.durationInFrames }}
              size={150 * unit}
              color={line.color}
            />
            <div style={{ color: line.color, fontWeight: 800, fontSize: 38 * unit, textTransform: "uppercase", letterSpacing: 2 * unit }}>{line.character.name}</div>
          </div>
        ) : null}
        <AnimatedCaption
          text={line.text}
          durationInFrames={line.durationInFrames}
          language={language}
          highlight={accent}
          words={line.speech?.words}
          style={{ color: "#fff", fontWeight: 800, fontSize: 68 * unit, lineHeight: 1.15, textAlign: landscape ? "left" : "center", overflowWrap: "anywhere", unicodeBidi: "plaintext" }}
        />
      </div>
    </AbsoluteFill>
  );
};

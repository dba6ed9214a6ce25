import React, { useMemo } from "react";
import { AbsoluteFill, interpolate, Sequence, spring, useCurrentFrame, useVideoConfig } from "remotion";
import { AnimatedCaption, Portrait, ScriptVideo, type Layout } from "../../compositions";
import type { Script, TimedLine, TimedScene } from "../../script";

/**
 * minidrama: a vertical short-drama look. Each scene opens on a heading card; each line shows
 * the speaker's avatar and name tag in their colour above an animated caption; narrator lines
 * sit apart as centred italics.
 */
export const Minidrama: React.FC<Script> = (script) => {
  const accent = script.brand?.colors?.primary ?? "#f43f5e";
  const sides = useMemo(() => new Map(script.characters.map((c, i) => [c.id, i % 2 === 0 ? "left" : "right"] as const)), [script.characters]);
  return (
    <ScriptVideo
      script={script}
      scene={(timed, _index, { layout }) => <SceneView timed={timed} language={script.language} sides={sides} accent={accent} layout={layout} />}
    />
  );
};

const SceneView: React.FC<{ timed: TimedScene; language: string; sides: Map<string, "left" | "right">; accent: string; layout: Layout }> = ({
  timed,
  language,
  sides,
  accent,
  layout,
}) => (
  <>
    {/* Darken the lower part so captions stay legible on any background. */}
    <AbsoluteFill style={{ background: "linear-gradient(180deg, rgba(0,0,0,0) 40%, rgba(0,0,0,0.55) 100%)" }} />
    {timed.scene.heading && timed.headingFrames > 0 ? (
      <Sequence durationInFrames={timed.headingFrames} name="heading">
        <HeadingCard text={timed.scene.heading} durationInFrames={timed.headingFrames} layout={layout} accent={accent} />
      </Sequence>
    ) : null}
    {timed.lines.map((line, i) => (
      <Sequence key={i} from={line.from} durationInFrames={line.durationInFrames} name={`${line.speaker}: ${line.text.slice(0, 24)}`}>
        {line.isNarrator ? (
          <NarratorLine line={line} language={language} layout={layout} />
        ) : (
          <DialogueLine line={line} language={language} layout={layout} side={sides.get(line.speaker) ?? "left"} />
        )}
      </Sequence>
    ))}
  </>
);

const HeadingCard: React.FC<{ text: string; durationInFrames: number; layout: Layout; accent: string }> = ({ text, durationInFrames, layout, accent }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const enter = spring({ frame, fps, config: { damping: 200 }, durationInFrames: 12 });
  const leave = interpolate(frame, [durationInFrames - 8, durationInFrames], [1, 0], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
  const { unit } = layout;
  return (
    <AbsoluteFill style={{ backgroundColor: `rgba(0,0,0,${0.55 * leave})`, alignItems: "center", justifyContent: "center", opacity: leave }}>
      <div style={{ maxWidth: layout.width - layout.safe.left - layout.safe.right, textAlign: "center", transform: `translateY(${(1 - enter) * 40 * unit}px)`, opacity: enter }}>
        <div style={{ color: "#fff", fontWeight: 800, fontSize: 84 * unit, lineHeight: 1.1, letterSpacing: -1 * unit, textShadow: `0 ${4 * unit}px ${24 * unit}px rgba(0,0,0,0.6)`, overflowWrap: "anywhere" }}>
          {text}
        </div>
        <div style={{ margin: `${28 * unit}px auto 0`, height: 8 * unit, width: `${enter * 40}%`, backgroundColor: accent, borderRadius: 4 * unit }} />
      </div>
    </AbsoluteFill>
  );
};

const useEntrance = () => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  return spring({ frame, fps, config: { damping: 18, stiffness: 160 }, durationInFrames: 10 });
};

const DialogueLine: React.FC<{ line: TimedLine; language: string; layout: Layout; side: "left" | "right" }> = ({ line, language, layout, side }) => {
  const enter = useEntrance();
  const { unit, safe, orientation } = layout;
  const name = line.character?.name ?? line.speaker;
  // The speaker stands in the scene: a bust about half the frame wide, talking, above the caption.
  const bust = Math.min(layout.width * (orientation === "landscape" ? 0.3 : 0.52), layout.height * 0.42);
  const maxWidth = (layout.width - safe.left - safe.right) * (orientation === "landscape" ? 0.75 : 1);
  const align = side === "left" ? "flex-start" : "flex-end";
  return (
    <AbsoluteFill style={{ justifyContent: "flex-end", alignItems: align, paddingLeft: safe.left, paddingRight: safe.right, paddingBottom: safe.bottom }}>
      <div style={{ maxWidth, display: "flex", flexDirection: "column", alignItems: align, gap: 16 * unit, opacity: enter, transform: `translateY(${(1 - enter) * 60 * unit}px)` }}>
        {line.character ? (
          <div style={{ position: "relative", width: bust, height: bust, marginBottom: -40 * unit, marginLeft: side === "left" ? 12 * unit : 0, marginRight: side === "right" ? 12 * unit : 0 }}>
            <div style={{ position: "absolute", left: "8%", right: "8%", top: "6%", bottom: "8%", borderRadius: "50%", background: `radial-gradient(circle, ${line.color} 0%, ${line.color}00 70%)`, opacity: 0.55 }} />
            <Portrait
              character={line.character}
              emotion={line.emotion}
              speech={{ text: line.text, words: line.speech?.words, durationInFrames: line.durationInFrames }}
              size={bust}
              shape={line.character.avatar ? "circle" : "bust"}
              color={line.color}
              style={{
                position: "absolute",
                inset: 0,
                transform: side === "right" && !line.character.avatar ? "scaleX(-1)" : undefined,
                // The drawing is cut off at the chest: fade it out into the scene.
                maskImage: line.character.avatar ? undefined : "linear-gradient(180deg, #000 78%, transparent 97%)",
              }}
            />
          </div>
        ) : null}
        <div style={{ position: "relative", display: "flex", flexDirection: side === "left" ? "row" : "row-reverse", alignItems: "center", gap: 18 * unit }}>
          <div style={{ backgroundColor: line.color, color: "#0b0b0f", fontWeight: 800, fontSize: 40 * unit, padding: `${8 * unit}px ${22 * unit}px`, borderRadius: 999, letterSpacing: 0.5 * unit, maxWidth, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap", boxShadow: `0 ${4 * unit}px ${18 * unit}px rgba(0,0,0,0.35)` }}>
            {name}
            {line.emotion ? <span style={{ fontWeight: 500, opacity: 0.7 }}> · {line.emotion}</span> : null}
          </div>
        </div>
        <AnimatedCaption
          text={line.text}
          durationInFrames={line.durationInFrames}
          language={language}
          highlight={line.color}
          words={line.speech?.words}
          style={{
            color: "#fff",
            fontWeight: 800,
            fontSize: (orientation === "landscape" ? 54 : 62) * unit,
            lineHeight: 1.22,
            backgroundColor: "rgba(10,10,16,0.72)",
            borderLeft: side === "left" ? `${10 * unit}px solid ${line.color}` : undefined,
            borderRight: side === "right" ? `${10 * unit}px solid ${line.color}` : undefined,
            borderRadius: 24 * unit,
            padding: `${22 * unit}px ${30 * unit}px`,
            textAlign: side === "left" ? "left" : "right",
            overflowWrap: "anywhere",
            unicodeBidi: "plaintext",
          }}
        />
      </div>
    </AbsoluteFill>
  );
};

const NarratorLine: React.FC<{ line: TimedLine; language: string; layout: Layout }> = ({ line, language, layout }) => {
  const enter = useEntrance();
  const { unit, safe } = layout;
  // Centred text gets equal margins: the wider of the two side insets on both sides.
  const side = Math.max(safe.left, safe.right);
  return (
    <AbsoluteFill style={{ justifyContent: "center", alignItems: "center", paddingLeft: side, paddingRight: side, paddingTop: safe.top, paddingBottom: safe.bottom }}>
      <div style={{ opacity: enter, transform: `scale(${0.94 + enter * 0.06})`, backgroundColor: "rgba(0,0,0,0.45)", borderTop: `${2 * unit}px solid rgba(255,255,255,0.5)`, borderBottom: `${2 * unit}px solid rgba(255,255,255,0.5)`, padding: `${26 * unit}px ${34 * unit}px` }}>
        <AnimatedCaption
          text={line.text}
          durationInFrames={line.durationInFrames}
          language={language}
          highlight="#fde68a"
          words={line.speech?.words}
          style={{ color: "#f3f4f6", fontStyle: "italic", fontWeight: 500, fontSize: 54 * unit, lineHeight: 1.3, textAlign: "center", overflowWrap: "anywhere", unicodeBidi: "plaintext" }}
        />
      </div>
    </AbsoluteFill>
  );
};

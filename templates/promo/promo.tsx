import React from "react";
import { AbsoluteFill, Img, interpolate, Sequence, spring, useCurrentFrame, useVideoConfig } from "remotion";
import { AnimatedCaption, ScriptVideo, type Layout } from "../../compositions";
import type { Background, TimedLine } from "../../script";
import type { PromoProps } from "./schema";

/**
 * promo: a product promo in the brand's colours. Headings slam in as headlines, lines are punchy
 * captions, and the last line closes on a call-to-action card (product, price, button, URL).
 */
export const Promo: React.FC<PromoProps> = (props) => {
  const primary = props.brand?.colors?.primary ?? "#7c3aed";
  const secondary = props.brand?.colors?.secondary ?? "#0f172a";
  const brandBackground: Background = { type: "gradient", colors: [primary, secondary] };
  const lastScene = props.scenes.length - 1;
  const isCallToAction = (scene: number, line: number) => scene === lastScene && line === props.scenes[lastScene]!.lines.length - 1;
  return (
    <ScriptVideo
      script={props}
      baseColor={secondary}
      defaultBackground={brandBackground}
      scene={(timed, index, { layout }) => (
        <>
          {timed.scene.heading && timed.headingFrames > 0 ? (
            <Sequence durationInFrames={timed.headingFrames}>
              <Headline text={timed.scene.heading} layout={layout} primary={primary} />
            </Sequence>
          ) : null}
          {timed.lines.map((line, i) =>
            isCallToAction(index, i) ? null : (
              <Sequence key={i} from={line.from} durationInFrames={line.durationInFrames}>
                <Punchline line={line} layout={layout} primary={primary} language={props.language} />
              </Sequence>
            ),
          )}
        </>
      )}
      overlay={({ timeline, layout }) => {
        const last = timeline.scenes[timeline.scenes.length - 1]!;
        const line = last.lines[last.lines.length - 1]!;
        const from = last.from + line.from;
        return (
          <Sequence from={from} durationInFrames={timeline.durationInFrames - from} name="call to action">
            <CallToAction props={props} line={line} layout={layout} primary={primary} secondary={secondary} />
          </Sequence>
        );
      }}
    />
  );
};

const Headline: React.FC<{ text: string; layout: Layout; primary: string }> = ({ text, layout, primary }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const slam = spring({ frame, fps, config: { damping: 10, stiffness: 220, mass: 0.6 } });
  return (
    <AbsoluteFill style={{ alignItems: "center", justifyContent: "center", padding: `0 ${Math.max(layout.safe.left, layout.safe.right)}px` }}>
      <div style={{ color: "#fff", fontWeight: 800, fontSize: 110 * layout.unit, lineHeight: 1, textAlign: "center", textTransform: "uppercase", transform: `scale(${2 - slam}) rotate(${(1 - slam) * -6}deg)`, opacity: Math.min(1, slam * 2), textShadow: `0 ${8 * layout.unit}px 0 ${primary}, 0 ${14 * layout.unit}px ${30 * layout.unit}px rgba(0,0,0,0.5)`, overflowWrap: "anywhere" }}>
        {text}
      </div>
    </AbsoluteFill>
  );
};

const Punchline: React.FC<{ line: TimedLine; layout: Layout; primary: string; language: string }> = ({ line, layout, primary, language }) => (
  <AbsoluteFill style={{ alignItems: "center", justifyContent: "center", padding: `${layout.safe.top}px ${Math.max(layout.safe.left, layout.safe.right)}px ${layout.safe.bottom}px` }}>
    <AnimatedCaption
      text={line.text}
      durationInFrames={line.durationInFrames}
      language={language}
      highlight="#fde047"
      words={line.speech?.words}
      style={{ color: "#fff", fontWeight: 800, fontSize: 76 * layout.unit, lineHeight: 1.1, textAlign: "center", background: "rgba(0,0,0,0.35)", borderBottom: `${10 * layout.unit}px solid ${primary}`, padding: `${18 * layout.unit}px ${28 * layout.unit}px`, overflowWrap: "anywhere", unicodeBidi: "plaintext" }}
    />
  </AbsoluteFill>
);

const CallToAction: React.FC<{ props: PromoProps; line: TimedLine; layout: Layout; primary: string; secondary: string }> = ({ props, line, layout, primary, secondary }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const { unit } = layout;
  const enter = spring({ frame, fps, config: { damping: 16 } });
  const pulse = 1 + 0.04 * Math.sin((frame / fps) * Math.PI * 2);
  const logo = props.brand?.logo?.src;
  const fade = interpolate(frame, [0, 8], [0, 1], { extrapolateRight: "clamp" });
  return (
    <AbsoluteFill style={{ background: `linear-gradient(160deg, ${primary}, ${secondary})`, alignItems: "center", justifyContent: "center", gap: 34 * unit, opacity: fade, padding: `${layout.safe.top}px ${Math.max(layout.safe.left, layout.safe.right)}px ${layout.safe.bottom}px` }}>
      {logo ? <Img src={logo} style={{ width: 220 * unit, height: "auto", transform: `scale(${enter})` }} /> : null}
      {props.promo?.product ? <div style={{ color: "#fff", fontWeight: 800, fontSize: 96 * unit, textAlign: "center", transform: `translateY(${(1 - enter) * 60 * unit}px)` }}>{props.promo.product}</div> : null}
      <div style={{ color: "rgba(255,255,255,0.92)", fontWeight: 500, fontSize: 50 * unit, textAlign: "center", lineHeight: 1.25, overflowWrap: "anywhere" }}>{line.text}</div>
      {props.promo?.price ? <div style={{ color: "#fde047", fontWeight: 800, fontSize: 72 * unit }}>{props.promo.price}</div> : null}
      <div style={{ background: "#fff", color: secondary, fontWeight: 800, fontSize: 52 * unit, padding: `${22 * unit}px ${56 * unit}px`, borderRadius: 999, transform: `scale(${enter * pulse})`, boxShadow: `0 ${10 * unit}px ${40 * unit}px rgba(0,0,0,0.35)` }}>
        {props.promo?.cta ?? "Learn more"}
      </div>
      {props.promo?.url ? <div style={{ color: "#fff", fontSize: 40 * unit, fontWeight: 500, opacity: 0.9 }}>{props.promo.url}</div> : null}
    </AbsoluteFill>
  );
};

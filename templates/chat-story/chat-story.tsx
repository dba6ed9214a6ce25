import React, { useMemo } from "react";
import { AbsoluteFill, spring, useCurrentFrame, useVideoConfig } from "remotion";
import { Avatar, LookLayer, ScriptVideo, type Layout } from "../../compositions";
import type { Character, TimedLine, Timeline } from "../../script";
import type { ChatStoryProps } from "./schema";

type Item =
  | { kind: "day"; at: number; text: string }
  | { kind: "note"; at: number; text: string }
  | { kind: "bubble"; at: number; line: TimedLine; mine: boolean; showName: boolean };

/** How long before a message the typing dots show, in frames. */
const TYPING_FRAMES = 14;
/** Messages kept on screen; older ones scroll away. */
const VISIBLE_ITEMS = 9;

/**
 * chat-story: a text-message conversation appearing bubble by bubble, the staple of short-form
 * video. The phone owner's messages sit on the right; typing dots come before each reply;
 * narrator lines become grey notes and scene headings become day separators.
 */
export const ChatStory: React.FC<ChatStoryProps> = (props) => (
  <ScriptVideo
    script={props}
    chat
    defaultBackground={{ type: "color", value: "#000000" }}
    overlay={({ timeline, layout }) => <Phone props={props} timeline={timeline} layout={layout} />}
  />
);

/** The conversation on a phone screen, over the current scene's backdrop and in its look. */
const Phone: React.FC<{ props: ChatStoryProps; timeline: Timeline; layout: Layout }> = ({ props, timeline, layout }) => {
  const { fps } = useVideoConfig();
  const frame = useCurrentFrame();
  const me = props.chat?.me ?? props.characters[0]?.id;
  const others = props.characters.filter((c) => c.id !== me);
  const contact = props.chat?.contact ?? (others.length === 1 ? others[0]!.name : props.title);
  const accent = props.brand?.colors?.primary ?? "#0a84ff";

  const items = useMemo(() => {
    const list: Item[] = [];
    for (const scene of timeline.scenes) {
      if (scene.scene.heading) list.push({ kind: "day", at: scene.from, text: scene.scene.heading });
      let previous: string | null = null;
      for (const line of scene.lines) {
        const at = scene.from + line.from;
        if (line.isNarrator) list.push({ kind: "note", at, text: line.text });
        // In a group, a run of messages from one person carries their name once.
        else list.push({ kind: "bubble", at, line, mine: line.speaker === me, showName: others.length > 1 && previous !== line.speaker && line.speaker !== me });
        previous = line.isNarrator ? null : line.speaker;
      }
    }
    return list;
  }, [timeline, me, others.length]);

  const shown = items.filter((i) => i.at <= frame).slice(-VISIBLE_ITEMS);
  const next = items.find((i) => i.at > frame);
  const typing = next?.kind === "bubble" && next.at - frame <= TYPING_FRAMES ? next : null;
  const scene = timeline.scenes.findLast((s) => s.from <= frame) ?? timeline.scenes[0]!;
  const { unit } = layout;
  const column = chatColumn(layout);

  return (
    <LookLayer look={scene.scene.look ?? props.look}>
      <AbsoluteFill style={{ alignItems: "center" }}>
        <div style={{ position: "absolute", top: column.top, bottom: column.bottom, width: column.width, display: "flex", flexDirection: "column", background: layout.orientation === "landscape" ? "rgba(0,0,0,0.85)" : undefined, borderRadius: layout.orientation === "landscape" ? 36 * unit : 0, overflow: "hidden" }}>
          <Header contact={contact} characters={others} unit={unit} />
          <div style={{ flex: 1, display: "flex", flexDirection: "column", justifyContent: "flex-end", gap: 14 * unit, padding: `${16 * unit}px ${24 * unit}px ${28 * unit}px`, overflow: "hidden" }}>
            {shown.map((item, i) => (
              <Appear key={`${item.at}-${i}`} at={item.at} fps={fps} frame={frame} side={item.kind === "bubble" ? (item.mine ? "right" : "left") : "center"}>
                {item.kind === "day" ? (
                  <div style={{ alignSelf: "center", color: "#8e8e93", fontSize: 30 * unit, fontWeight: 500, padding: `${6 * unit}px 0` }}>{item.text}</div>
                ) : item.kind === "note" ? (
                  <div style={{ alignSelf: "center", textAlign: "center", color: "#c7c7cc", fontSize: 32 * unit, fontStyle: "italic", background: "rgba(60,60,67,0.6)", borderRadius: 18 * unit, padding: `${10 * unit}px ${22 * unit}px`, maxWidth: "85%" }}>
                    {item.text}
                  </div>
                ) : (
                  <Bubble item={item} unit={unit} accent={accent} />
                )}
              </Appear>
            ))}
            {typing && typing.kind === "bubble" ? (
              <div style={{ alignSelf: typing.mine ? "flex-end" : "flex-start" }}>
                <TypingDots frame={frame} unit={unit} mine={typing.mine} accent={accent} />
              </div>
            ) : null}
          </div>
        </div>
      </AbsoluteFill>
    </LookLayer>
  );
};

/** The chat column: the whole safe width on a phone-shaped frame, a phone-sized panel on a wide one. */
const chatColumn = (layout: Layout) => {
  if (layout.orientation === "landscape") {
    return { width: Math.min(layout.width * 0.42, layout.height * 0.62), top: layout.safe.top, bottom: layout.safe.bottom };
  }
  return { width: layout.width - layout.safe.left - layout.safe.right, top: layout.safe.top, bottom: layout.safe.bottom };
};

const Header: React.FC<{ contact: string; characters: Character[]; unit: number }> = ({ contact, characters, unit }) => (
  <div style={{ display: "flex", flexDirection: "column", alignItems: "center", gap: 8 * unit, padding: `${18 * unit}px 0 ${14 * unit}px`, borderBottom: `${2 * unit}px solid rgba(255,255,255,0.12)`, background: "rgba(28,28,30,0.92)" }}>
    <div style={{ display: "flex" }}>
      {characters.slice(0, 3).map((c, i) => (
        <div key={c.id} style={{ marginLeft: i ? -24 * unit : 0 }}>
          <Avatar name={c.name} src={c.avatar} character={c} color={c.color ?? "#8e8e93"} size={84 * unit} />
        </div>
      ))}
    </div>
    <div style={{ color: "#fff", fontSize: 34 * unit, fontWeight: 800, maxWidth: "90%", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}>{contact}</div>
  </div>
);

const Appear: React.FC<{ at: number; fps: number; frame: number; side: "left" | "right" | "center"; children: React.ReactNode }> = ({ at, fps, frame, side, children }) => {
  const pop = spring({ frame: frame - at, fps, config: { damping: 15, stiffness: 200 }, durationInFrames: 10 });
  const origin = side === "right" ? "bottom right" : side === "left" ? "bottom left" : "center";
  return (
    <div style={{ display: "flex", flexDirection: "column", alignItems: side === "right" ? "flex-end" : side === "left" ? "flex-start" : "center", transform: `scale(${0.6 + 0.4 * pop}) translateY(${(1 - pop) * 30}px)`, transformOrigin: origin, opacity: Math.min(1, pop * 1.5) }}>
      {children}
    </div>
  );
};

// Others' messages carry the sender's face, with the line's emotion, beside the bubble.
const Bubble: React.FC<{ item: Extract<Item, { kind: "bubble" }>; unit: number; accent: string }> = ({ item, unit, accent }) => {
  const face = !item.mine && item.line.character ? item.line.character : null;
  const faceSize = 80 * unit;
  return (
    <>
      {item.showName ? <div style={{ color: item.line.color, fontSize: 26 * unit, fontWeight: 800, margin: `0 0 ${4 * unit}px ${18 * unit + (face ? faceSize + 12 * unit : 0)}px` }}>{item.line.character?.name}</div> : null}
      <div style={{ display: "flex", alignItems: "flex-end", gap: 12 * unit, width: "100%", justifyContent: item.mine ? "flex-end" : "flex-start" }}>
        {face ? <Avatar name={face.name} src={face.avatar} character={face} emotion={item.line.emotion} color={item.line.color} size={faceSize} /> : null}
        <div
          style={{
            maxWidth: "78%",
            background: item.mine ? accent : "#2c2c2e",
            color: "#fff",
            fontSize: 44 * unit,
            lineHeight: 1.28,
            fontWeight: 500,
            padding: `${16 * unit}px ${26 * unit}px`,
            borderRadius: 40 * unit,
            borderBottomRightRadius: item.mine ? 10 * unit : 40 * unit,
            borderBottomLeftRadius: item.mine ? 40 * unit : 10 * unit,
            overflowWrap: "anywhere",
            unicodeBidi: "plaintext",
          }}
        >
          {item.line.text}
        </div>
      </div>
    </>
  );
};

const TypingDots: React.FC<{ frame: number; unit: number; mine: boolean; accent: string }> = ({ frame, unit, mine, accent }) => (
  <div style={{ display: "flex", gap: 10 * unit, background: mine ? accent : "#2c2c2e", borderRadius: 40 * unit, padding: `${22 * unit}px ${28 * unit}px` }}>
    {[0, 1, 2].map((i) => (
      <div key={i} style={{ width: 16 * unit, height: 16 * unit, borderRadius: "50%", background: "#fff", opacity: 0.35 + 0.65 * Math.max(0, Math.sin((frame / 4 - i) * 1.2)) }} />
    ))}
  </div>
);

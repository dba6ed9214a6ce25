import React, { useMemo } from "react";
import { AbsoluteFill, spring, useCurrentFrame, useVideoConfig } from "remotion";
import { Avatar, LookLayer, ScriptVideo, type Layout } from "../../compositions";
import { CHARACTER_PALETTE, type Background, type TimedLine, type Timeline } from "../../script";
import { chatClock } from "./chat-clock";
import { ContactHeader, INCOMING, InputBar, StatusBar, TypingBubble } from "./phone-chrome";
import type { ChatStoryProps } from "./schema";
import { chooseTapbacks, type Tapback } from "./tapbacks";

type Bubble = { kind: "bubble"; id: number; at: number; scene: number; line: TimedLine; mine: boolean; showName: boolean; tapback: Tapback | null; readAt: number };
type Item = { kind: "day"; id: number; at: number; scene: number; text: string } | { kind: "note"; id: number; at: number; scene: number; text: string } | Bubble;

/** How long before a message the typing dots (or the owner's draft) show, in frames. */
const TYPING_FRAMES = 14;
/** Messages kept on screen; older ones scroll away. */
const VISIBLE_ITEMS = 9;
/** Frames a bubble, a receipt or a tapback takes to pop in; after that it stands still. */
const POP_FRAMES = 10;
const EMOJI_FONT = '"Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif';

const isMedia = (background: Background | undefined) => background?.type === "image" || background?.type === "video";

/**
 * chat-story: a text-message conversation on a phone, bubble by bubble, the staple of short-form
 * video. The phone owner's messages sit on the right with delivery and read receipts; the other
 * side types (dots in a bubble, "typing…" in the header) before each reply and reacts with
 * tapbacks; narrator lines become grey notes and scene headings day separators. A scene's image
 * or video from the media library (dimmed), or its built-in setting, shows around and, blurred, through the phone.
 */
export const ChatStory: React.FC<ChatStoryProps> = (props) => (
  <ScriptVideo
    script={props}
    chat
    defaultBackground={{ type: "color", value: "#000000" }}
    backdrop={(timed, _index, drawn) =>
      isMedia(timed.scene.background) ? (
        <>
          {drawn}
          <AbsoluteFill style={{ backgroundColor: "rgba(0,0,0,0.22)" }} />
        </>
      ) : (
        drawn
      )
    }
    overlay={({ timeline, layout }) => <Phone props={props} timeline={timeline} layout={layout} />}
  />
);

/**
 * Where the phone stands. A tall frame is the screen itself, filling the safe area (a screen
 * recording), inset in a bezel when a library backdrop should show around it; other frames show a
 * phone-shaped panel, centred. `k` scales the phone's furniture (1 on an 864-pixel-wide screen),
 * `t` its messages, kept legible on small panels.
 */
const phoneBox = (layout: Layout, scenery: boolean) => {
  const { width, height, safe, unit } = layout;
  if (width / height < 0.7) {
    const inset = scenery ? width * 0.03 : 0;
    const bezel = scenery ? 9 * unit : 0;
    const outer = { left: safe.left + inset, top: safe.top + inset * 0.5, width: width - safe.left - safe.right - 2 * inset, height: height - safe.top - safe.bottom - inset };
    const k = (outer.width - 2 * bezel) / 864;
    return { ...outer, bezel, radius: (scenery ? 58 : 40) * unit, drawn: false, k, t: k };
  }
  const h = height - safe.top - safe.bottom;
  const w = Math.min(h * 0.56, width - safe.left - safe.right);
  const bezel = w * 0.03;
  const k = (w - 2 * bezel) / 864;
  return { left: (width - w) / 2, top: safe.top, width: w, height: h, bezel, radius: w * 0.12, drawn: true, k, t: Math.max(k, 0.8 * unit) };
};

/** A spring from `at` that reaches exactly 1 after POP_FRAMES, so settled frames are identical. */
const popAt = (frame: number, at: number, fps: number) =>
  frame - at >= POP_FRAMES ? 1 : spring({ frame: frame - at, fps, config: { damping: 15, stiffness: 200 }, durationInFrames: POP_FRAMES });

/** The conversation on a phone screen, over the current scene's backdrop and in its look. */
const Phone: React.FC<{ props: ChatStoryProps; timeline: Timeline; layout: Layout }> = ({ props, timeline, layout }) => {
  const { fps } = useVideoConfig();
  const frame = useCurrentFrame();
  const me = props.chat?.me ?? props.characters[0]?.id ?? "";
  // Each face's ring in the speaker's colour, as the timeline gives it.
  const others = props.characters.flatMap((c, i) => (c.id === me ? [] : [{ ...c, color: c.color ?? CHARACTER_PALETTE[i % CHARACTER_PALETTE.length]! }]));
  const group = others.length > 1;
  const contact = props.chat?.contact ?? (others.length === 1 ? others[0]!.name : props.title);
  const accent = props.brand?.colors?.primary ?? "#0a84ff";
  const clock = useMemo(() => chatClock(timeline), [timeline]);


  const items = useMemo(() => {
    const list: Item[] = [];
    timeline.scenes.forEach((scene, index) => {
      if (scene.scene.heading) list.push({ kind: "day", id: list.length, at: scene.from, scene: index, text: scene.scene.heading });
      let previous: string | null = null;
      for (const line of scene.lines) {
        const at = scene.from + line.from;
        if (line.isNarrator) list.push({ kind: "note", id: list.length, at, scene: index, text: line.text });
        // In a group, a run of messages from one person carries their name once.
        else list.push({ kind: "bubble", id: list.length, at, scene: index, line, mine: line.speaker === me, showName: group && previous !== line.speaker && line.speaker !== me, tapback: null, readAt: 0 });
        previous = line.isNarrator ? null : line.speaker;
      }
    });
    const bubbles = list.filter((i): i is Bubble => i.kind === "bubble");
    const tapbacks = chooseTapbacks(bubbles.map((b) => ({ at: b.at, durationInFrames: b.line.durationInFrames, speaker: b.line.speaker, scene: b.scene, reaction: b.line.reaction, emotion: b.line.emotion })), me, fps);
    bubbles.forEach((b, i) => {
      b.tapback = tapbacks.get(i) ?? null;
      // Read when the other side starts typing back, or a second after it arrived.
      const reply = bubbles.slice(i + 1).find((r) => r.scene === b.scene && !r.mine);
      b.readAt = Math.max(b.at + 8, Math.min(b.at + fps, reply ? reply.at - TYPING_FRAMES : Infinity));
    });
    return list;
  }, [timeline, me, group, fps]);

  // What a frame shows depends on its scene and the ones before it, never on later ones (the
  // pack's scene cache key): typing looks ahead within the scene only, the phone's look only back.
  const sceneIndex = Math.max(0, timeline.scenes.findLastIndex((s) => s.from <= frame));
  const scene = timeline.scenes[sceneIndex]!;
  const shown = items.filter((i) => i.at <= frame).slice(-VISIBLE_ITEMS);
  const next = items.find((i) => i.at > frame);
  const upcoming = next?.kind === "bubble" && next.scene === sceneIndex && next.at - frame <= TYPING_FRAMES ? next : null;
  const typing = upcoming && !upcoming.mine ? upcoming : null;
  // The owner's next message is typed into the field instead, letter by letter.
  const draft = upcoming?.mine ? upcoming.line.text.slice(0, Math.ceil(upcoming.line.text.length * Math.min(1, (frame - (upcoming.at - TYPING_FRAMES) + 1) / (TYPING_FRAMES - 3)))) : "";
  const lastMine = items.findLast((i): i is Bubble => i.kind === "bubble" && i.mine && i.at <= frame);
  const status = typing ? (group ? `${typing.line.character?.name ?? "Someone"} is typing…` : "typing…") : group ? `${others.length + 1} people` : "online";

  // A picture behind the phone (a library image or video, or a built-in setting) since some
  // scene so far, rather than a plain colour: the phone insets and blurs it from then on.
  const scenery = timeline.scenes.slice(0, sceneIndex + 1).some((s) => isMedia(s.scene.background) || (!s.scene.background && s.scene.setting));
  const box = phoneBox(layout, scenery);
  const { t } = box;

  return (
    <LookLayer look={scene.scene.look ?? props.look}>
      <div
        style={{
          position: "absolute",
          left: box.left,
          top: box.top,
          width: box.width,
          height: box.height,
          boxSizing: "border-box",
          borderRadius: box.radius,
          border: box.bezel ? `${box.bezel}px solid #0c0c0e` : undefined,
          boxShadow: box.bezel ? `0 0 0 ${Math.max(1, 2 * layout.unit)}px rgba(255,255,255,0.16), 0 ${12 * layout.unit}px ${40 * layout.unit}px rgba(0,0,0,0.5)` : undefined,
        }}
      >
        <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", overflow: "hidden", borderRadius: Math.max(0, box.radius - box.bezel), background: scenery ? "rgba(0,0,0,0.66)" : "rgba(0,0,0,0.56)", backdropFilter: scenery ? `blur(${14 * layout.unit}px)` : undefined }}>
          <div style={{ background: "rgba(30,30,32,0.82)" }}>
            <StatusBar time={clock.statusAt(frame)} k={t} island={box.drawn} />
          </div>
          <ContactHeader contact={contact} characters={others} status={status} k={t} accent={accent} />
          <div style={{ flex: 1, minHeight: 0, display: "flex", flexDirection: "column", justifyContent: "flex-end", gap: 12 * t, padding: `${16 * t}px ${22 * t}px ${20 * t}px`, overflow: "hidden" }}>
            {shown.map((item, i) => {
              const after = shown[i + 1];
              return (
                <Appear key={item.id} at={item.at} fps={fps} frame={frame} side={item.kind === "bubble" ? (item.mine ? "right" : "left") : "center"}>
                  {item.kind === "day" ? (
                    <div style={{ alignSelf: "center", color: "#8e8e93", fontSize: 23 * t, fontWeight: 600, padding: `${8 * t}px 0 ${2 * t}px` }}>{item.text}</div>
                  ) : item.kind === "note" ? (
                    <div style={{ alignSelf: "center", textAlign: "center", color: "#d1d1d6", fontSize: 28 * t, fontStyle: "italic", background: "rgba(60,60,67,0.72)", borderRadius: 18 * t, padding: `${10 * t}px ${22 * t}px`, maxWidth: "85%" }}>{item.text}</div>
                  ) : (
                    <>
                      <MessageBubble item={item} t={t} accent={accent} frame={frame} fps={fps} tail={!(after?.kind === "bubble" && after.line.speaker === item.line.speaker)} me={me} />
                      {item === lastMine ? <Receipt item={item} frame={frame} t={t} group={group} read={clock.receiptAt(item.readAt)} /> : null}
                    </>
                  )}
                </Appear>
              );
            })}
            {typing ? (
              <Appear at={typing.at - TYPING_FRAMES} fps={fps} frame={frame} side="left">
                <div style={{ display: "flex", alignItems: "flex-end", gap: 12 * t, marginLeft: 6 * t }}>
                  {typing.line.character ? <Avatar name={typing.line.character.name} src={typing.line.character.avatar} character={typing.line.character} color={typing.line.color} size={80 * t} /> : null}
                  <div style={{ marginLeft: 8 * t, marginBottom: 6 * t }}>
                    <TypingBubble frame={frame} t={t} />
                  </div>
                </div>
              </Appear>
            ) : null}
          </div>
          <InputBar draft={draft} k={t} accent={accent} />
        </div>
      </div>
    </LookLayer>
  );
};

const Appear: React.FC<{ at: number; fps: number; frame: number; side: "left" | "right" | "center"; children: React.ReactNode }> = ({ at, fps, frame, side, children }) => {
  const pop = popAt(frame, at, fps);
  const origin = side === "right" ? "bottom right" : side === "left" ? "bottom left" : "center";
  return (
    <div style={{ flexShrink: 0, display: "flex", flexDirection: "column", alignItems: side === "right" ? "flex-end" : side === "left" ? "flex-start" : "center", transform: pop === 1 ? undefined : `scale(${0.6 + 0.4 * pop}) translateY(${(1 - pop) * 30}px)`, transformOrigin: origin, opacity: Math.min(1, pop * 1.5) }}>
      {children}
    </div>
  );
};

/** "Delivered" under the owner's latest message, then "Read <time>" (a group chat only says delivered). */
const Receipt: React.FC<{ item: Bubble; frame: number; t: number; group: boolean; read: string }> = ({ item, frame, t, group, read }) => (
  <div style={{ color: "#8e8e93", fontSize: 21 * t, fontWeight: 500, padding: `${4 * t}px ${10 * t}px 0 0` }}>
    {!group && frame >= item.readAt ? (
      <>
        <span style={{ fontWeight: 700 }}>Read</span> {read}
      </>
    ) : (
      "Delivered"
    )}
  </div>
);

// Others' messages carry the sender's face, with the line's emotion, beside the bubble; the last
// of a run has the bubble's tail.
const MessageBubble: React.FC<{ item: Bubble; t: number; accent: string; frame: number; fps: number; tail: boolean; me: string }> = ({ item, t, accent, frame, fps, tail, me }) => {
  const face = !item.mine && item.line.character ? item.line.character : null;
  const faceSize = 80 * t;
  const colour = item.mine ? accent : INCOMING;
  return (
    <>
      {item.showName ? <div style={{ color: item.line.color, fontSize: 24 * t, fontWeight: 700, margin: `0 0 ${4 * t}px ${18 * t + (face ? faceSize + 12 * t : 0)}px` }}>{item.line.character?.name}</div> : null}
      <div style={{ display: "flex", alignItems: "flex-end", gap: 12 * t, width: "100%", justifyContent: item.mine ? "flex-end" : "flex-start", marginTop: item.tapback ? 26 * t : 0 }}>
        {face ? <Avatar name={face.name} src={face.avatar} character={face} emotion={item.line.emotion} color={item.line.color} size={faceSize} /> : null}
        <div style={{ position: "relative", maxWidth: "76%", margin: item.mine ? `0 ${6 * t}px 0 0` : `0 0 0 ${6 * t}px` }}>
          <div
            style={{
              background: colour,
              color: "#fff",
              fontSize: 42 * t,
              lineHeight: 1.26,
              fontWeight: 500,
              padding: `${15 * t}px ${26 * t}px`,
              borderRadius: 38 * t,
              // The tail grows out of a tighter corner.
              [item.mine ? "borderBottomRightRadius" : "borderBottomLeftRadius"]: tail ? 16 * t : 38 * t,
              overflowWrap: "anywhere",
              unicodeBidi: "plaintext",
            }}
          >
            {item.line.text}
          </div>
          {tail ? (
            <svg style={{ position: "absolute", bottom: 0, [item.mine ? "right" : "left"]: -8 * t, transform: item.mine ? undefined : "scaleX(-1)" }} width={22 * t} height={26 * t} viewBox="0 0 22 26" fill={colour}>
              <path d="M0 0 H12 C12 12 15 20 22 25.5 C15 26.5 8 24.5 4 21.5 C2 23.5 0 26 0 26 Z" />
            </svg>
          ) : null}
          {item.tapback && frame >= item.tapback.at ? <TapbackBadge tapback={item.tapback} mine={item.mine} byMe={item.tapback.by === me} frame={frame} fps={fps} t={t} accent={accent} /> : null}
        </div>
      </div>
    </>
  );
};

/**
 * A tapback on a bubble's upper inner corner: a round badge (blue when the phone's owner reacted,
 * grey when the other side did) with the emoji in the system colour-emoji font, springing in.
 */
const TapbackBadge: React.FC<{ tapback: Tapback; mine: boolean; byMe: boolean; frame: number; fps: number; t: number; accent: string }> = ({ tapback, mine, byMe, frame, fps, t, accent }) => {
  const pop = frame - tapback.at >= 18 ? 1 : spring({ frame: frame - tapback.at, fps, config: { damping: 9, stiffness: 220, mass: 0.7 }, durationInFrames: 18 });
  const size = 60 * t;
  const background = byMe ? accent : "#3a3a3c";
  return (
    <div style={{ position: "absolute", top: -size * 0.72, [mine ? "left" : "right"]: -size * 0.55, width: size, height: size, transform: pop === 1 ? undefined : `scale(${pop})`, transformOrigin: mine ? "bottom right" : "bottom left" }}>
      <div style={{ position: "absolute", bottom: -5 * t, [mine ? "right" : "left"]: -2 * t, width: 14 * t, height: 14 * t, borderRadius: "50%", background, border: `${3 * t}px solid #000` }} />
      <div style={{ position: "absolute", inset: 0, borderRadius: "50%", background, border: `${3 * t}px solid #000`, display: "flex", alignItems: "center", justifyContent: "center", fontFamily: EMOJI_FONT, fontSize: 30 * t, lineHeight: 1 }}>
        {tapback.emoji}
      </div>
    </div>
  );
};

import React from "react";
import { AbsoluteFill, Img, interpolate, Sequence, spring, useCurrentFrame, useVideoConfig } from "remotion";
import type { Timeline } from "../script";
import { computeLayout } from "./layout";

/**
 * The Fluent Emoji 3D pictures (MIT, Microsoft, via @lobehub/fluent-emoji-3d) bundled for
 * reactions, by their file name: the emoji's code points in lowercase hex joined by "-". Only
 * these are named, so only these ship in the bundle; any other emoji is drawn as text.
 * `new URL(…, import.meta.url)` with a literal path is webpack's asset import, and unlike an
 * `import` of a .webp it leaves the module importable by Node (the CLI and server load packs).
 */
const EMOJI_PICTURES: Record<string, string> = {
  "1f631": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f631.webp", import.meta.url).href, // 😱
  "1f621": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f621.webp", import.meta.url).href, // 😡
  "1f622": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f622.webp", import.meta.url).href, // 😢
  "1f62d": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f62d.webp", import.meta.url).href, // 😭
  "1f628": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f628.webp", import.meta.url).href, // 😨
  "1f389": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f389.webp", import.meta.url).href, // 🎉
  "1f604": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f604.webp", import.meta.url).href, // 😄
  "2764-fe0f": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/2764-fe0f.webp", import.meta.url).href, // ❤️
  "1f60d": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f60d.webp", import.meta.url).href, // 😍
  "1f62e": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f62e.webp", import.meta.url).href, // 😮
  "1f914": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f914.webp", import.meta.url).href, // 🤔
  "1f602": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f602.webp", import.meta.url).href, // 😂
  "1f525": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f525.webp", import.meta.url).href, // 🔥
  "1f494": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f494.webp", import.meta.url).href, // 💔
  "1f440": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f440.webp", import.meta.url).href, // 👀
  "1f60e": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f60e.webp", import.meta.url).href, // 😎
  "1f973": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f973.webp", import.meta.url).href, // 🥳
  "1f92f": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f92f.webp", import.meta.url).href, // 🤯
  "1f624": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f624.webp", import.meta.url).href, // 😤
  "1f633": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f633.webp", import.meta.url).href, // 😳
  "1f630": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f630.webp", import.meta.url).href, // 😰
  "1f62c": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f62c.webp", import.meta.url).href, // 😬
  "1f44f": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f44f.webp", import.meta.url).href, // 👏
  "1f480": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f480.webp", import.meta.url).href, // 💀
  "1f4af": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f4af.webp", import.meta.url).href, // 💯
  "2728": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/2728.webp", import.meta.url).href, // ✨
  "1f97a": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f97a.webp", import.meta.url).href, // 🥺
  "1f928": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f928.webp", import.meta.url).href, // 🤨
  "1f60f": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f60f.webp", import.meta.url).href, // 😏
  "1f922": new URL("../node_modules/@lobehub/fluent-emoji-3d/assets/1f922.webp", import.meta.url).href, // 🤢
};

/** How long a reaction stays on screen. */
export const REACTION_SECONDS = 1.4;

/** Emotions strong enough for a reaction of their own, by a word of the emotion. */
const EMOTION_REACTIONS: Record<string, string> = {
  shocked: "😱", surprised: "😱", stunned: "😱", horrified: "😱", astonished: "😱", aghast: "😱",
  angry: "😡", furious: "😡", enraged: "😡", livid: "😡", mad: "😡", outraged: "😡",
  sad: "😢", upset: "😢", tearful: "😢", crying: "😭", sobbing: "😭", heartbroken: "💔", devastated: "💔",
  scared: "😨", afraid: "😨", terrified: "😨", frightened: "😨", fearful: "😨", panicked: "😨",
  happy: "😄", joyful: "😄", delighted: "😄", cheerful: "😄",
  excited: "🎉", thrilled: "🎉", triumphant: "🎉", celebrating: "🎉", overjoyed: "🎉", ecstatic: "🥳",
  love: "❤️", loving: "❤️", romantic: "❤️", adoring: "😍", smitten: "😍",
  laughing: "😂", amused: "😂", hysterical: "😂",
  embarrassed: "😳", flustered: "😳", disgusted: "🤢", mindblown: "🤯",
};

/**
 * The emoji a line's emotion calls for, or null when the emotion is not a strong one (calm,
 * nervous, confused, a whisper… get none, so reactions stay an accent). Matches any word of the
 * emotion: "very angry" → 😡, "in love" → ❤️.
 */
export const emotionReaction = (emotion: string | undefined): string | null => {
  if (!emotion) return null;
  const words = emotion.toLowerCase().replace(/mind[- ]blown/g, "mindblown").split(/[^a-z]+/);
  for (const word of words) {
    const emoji = EMOTION_REACTIONS[word];
    if (emoji) return emoji;
  }
  return null;
};

/** The bundled picture file of an emoji, or null to draw it as text. Tolerates a missing or extra U+FE0F. */
export const emojiPicture = (emoji: string): string | null => {
  const key = Array.from(emoji.trim(), (ch) => ch.codePointAt(0)!.toString(16)).join("-");
  if (EMOJI_PICTURES[key]) return EMOJI_PICTURES[key]!;
  const bare = key.split("-").filter((c) => c !== "fe0f").join("-");
  for (const [name, src] of Object.entries(EMOJI_PICTURES)) {
    if (name.split("-").filter((c) => c !== "fe0f").join("-") === bare) return src;
  }
  return null;
};

export type ChosenReaction = { emoji: string; from: number; durationInFrames: number; scene: number; line: number };

/**
 * Where reactions pop in, in frames of the whole video: every line with its own `reaction`, and
 * in a scene without one, the first line whose emotion is strong (at most one such per scene).
 */
export const chooseReactions = (timeline: Timeline): ChosenReaction[] => {
  const chosen: ChosenReaction[] = [];
  const frames = Math.round(REACTION_SECONDS * timeline.fps);
  timeline.scenes.forEach((timed, sceneIndex) => {
    const sceneEnd = timed.from + timed.durationInFrames;
    const pick = (emoji: string, lineIndex: number) => {
      const from = timed.from + timed.lines[lineIndex]!.from;
      chosen.push({ emoji, from, durationInFrames: Math.max(1, Math.min(frames, sceneEnd - from)), scene: sceneIndex, line: lineIndex });
    };
    const explicit = timed.lines.flatMap((line, i) => (line.reaction?.trim() ? [i] : []));
    if (explicit.length > 0) {
      for (const i of explicit) pick(timed.lines[i]!.reaction!.trim(), i);
      return;
    }
    const strong = timed.lines.findIndex((line) => emotionReaction(line.emotion) !== null);
    if (strong >= 0) pick(emotionReaction(timed.lines[strong]!.emotion)!, strong);
  });
  return chosen;
};

/**
 * Where a reaction stands in a frame: a square at the top, centred in the platform-safe area —
 * packs put speakers at the sides and captions lower down.
 */
export const reactionBox = (width: number, height: number) => {
  const { safe } = computeLayout(width, height);
  const size = Math.round(Math.min(width, height) * 0.38);
  return { left: Math.round(safe.left + (width - safe.left - safe.right - size) / 2), top: Math.round(safe.top + size * 0.1), size };
};

const Pop: React.FC<{ emoji: string; durationInFrames: number }> = ({ emoji, durationInFrames }) => {
  const frame = useCurrentFrame();
  const { fps, width, height } = useVideoConfig();
  const { left, top, size } = reactionBox(width, height);
  const scale = spring({ frame, fps, config: { damping: 9, stiffness: 170, mass: 0.8 } });
  const fadeFrames = Math.min(8, Math.floor(durationInFrames / 3));
  const opacity = interpolate(frame, [durationInFrames - fadeFrames, durationInFrames], [1, 0], { extrapolateLeft: "clamp", extrapolateRight: "clamp" });
  const rise = interpolate(frame, [0, durationInFrames], [0, -size * 0.12], { extrapolateRight: "clamp" });
  const tilt = interpolate(scale, [0, 1], [-18, 0]);
  const picture = emojiPicture(emoji);
  return (
    <AbsoluteFill style={{ pointerEvents: "none" }}>
      <div
        style={{
          position: "absolute",
          left,
          top,
          width: size,
          height: size,
          opacity,
          transform: `translateY(${rise}px) scale(${scale}) rotate(${tilt}deg)`,
          filter: `drop-shadow(0 ${size * 0.04}px ${size * 0.06}px rgba(0,0,0,0.45))`,
          display: "flex",
          alignItems: "center",
          justifyContent: "center",
        }}
      >
        {picture ? (
          <Img src={picture} style={{ width: "100%", height: "100%" }} />
        ) : (
          <span style={{ fontSize: size * 0.8, lineHeight: 1, fontFamily: '"Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif' }}>{emoji}</span>
        )}
      </div>
    </AbsoluteFill>
  );
};

/**
 * Big emoji reactions at a video's emotional moments (see `chooseReactions`): each springs in
 * at the start of its line, holds, and fades, at the top of the frame (`reactionBox`), clear of
 * captions and of the platform's buttons.
 */
export const Reactions: React.FC<{ timeline: Timeline }> = ({ timeline }) => (
  <>
    {chooseReactions(timeline).map((r) => (
      <Sequence key={`${r.scene}-${r.line}`} from={r.from} durationInFrames={r.durationInFrames} layout="none" name={`Reaction ${r.emoji}`}>
        <Pop emoji={r.emoji} durationInFrames={r.durationInFrames} />
      </Sequence>
    ))}
  </>
);

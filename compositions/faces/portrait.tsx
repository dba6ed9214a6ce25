import React from "react";
import { createAvatar } from "@dicebear/core";
import { avataaars, micah, personas, toonHead } from "@dicebear/collection";
import { Img, useCurrentFrame, useVideoConfig } from "remotion";
import type { Character, FaceStyle, WordTiming } from "../../script";
import { blinkAt } from "./blink-at";
import { faceOptions, type FaceOptions } from "./face-options";
import { estimateWords, mouthOpenAt } from "./mouth-open-at";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each style has its own option type; the tables hold valid values for each.
const STYLES: Record<FaceStyle, any> = { avataaars, "toon-head": toonHead, micah, personas };

// One SVG per (seed, style, look, expression, mouth, eyes): a face only changes on a blink or a
// syllable, so a line draws a handful of distinct images and repeats them frame to frame.
const drawn = new Map<string, string>();
const MAX_DRAWN = 2000;

/** The portrait as an SVG data URI (memoised); pure: the same options always give the same bytes. */
export const portraitSvg = (face: FaceOptions, mouthOpen: boolean, eyesClosed: boolean): string => {
  const { expression } = face;
  const options: Record<string, unknown> = {
    ...face.look,
    seed: face.seed,
    eyes: [eyesClosed ? expression.blink : expression.eyes],
    mouth: [mouthOpen ? expression.mouthOpen : expression.mouth],
    ...(expression.eyebrows ? { eyebrows: [expression.eyebrows] } : {}),
  };
  const key = `${face.style}|${JSON.stringify(options)}`;
  let uri = drawn.get(key);
  if (!uri) {
    uri = createAvatar(STYLES[face.style], options).toDataUri();
    if (drawn.size >= MAX_DRAWN) drawn.clear();
    drawn.set(key, uri);
  }
  return uri;
};

/** What the portrait says, in the frames of the enclosing sequence: the mouth moves to it. */
export type PortraitSpeech = {
  text: string;
  /** Word timings from the voice, seconds from frame 0 of the sequence; else estimated from the text. */
  words?: WordTiming[];
  durationInFrames: number;
};

export type PortraitProps = {
  character: Pick<Character, "id" | "name" | "avatar" | "appearance">;
  /** The line's emotion: sets the eyes, eyebrows and mouth. */
  emotion?: string;
  /** Present while the character speaks; absent, the mouth rests. */
  speech?: PortraitSpeech | null;
  size: number;
  /** `circle`: a badge on the character's colour; `bust`: the figure alone, to stand in a scene. */
  shape?: "circle" | "bust";
  /** The ring and badge colour. */
  color?: string;
  style?: React.CSSProperties;
};

/**
 * A character's illustrated portrait (DiceBear, drawn in the page: no network, no randomness):
 * the expression follows `emotion`, the mouth opens and closes on the syllables of `speech`, the
 * eyes blink every few seconds. An uploaded `avatar` image wins over the drawing.
 */
export const Portrait: React.FC<PortraitProps> = ({ character, emotion, speech, size, shape = "circle", color = "#8e8e93", style }) => {
  const frame = useCurrentFrame();
  const { fps } = useVideoConfig();
  const circle: React.CSSProperties =
    shape === "circle"
      ? { borderRadius: "50%", overflow: "hidden", border: `${Math.max(2, size * 0.05)}px solid ${color}`, backgroundColor: color, boxSizing: "border-box" }
      : {};
  if (character.avatar) {
    return <Img src={character.avatar} style={{ width: size, height: size, flexShrink: 0, objectFit: "cover", backgroundColor: "#111", ...circle, ...style }} />;
  }
  const face = faceOptions(character, emotion);
  const words = speech ? (speech.words?.length ? speech.words : estimateWords(speech.text, speech.durationInFrames / fps)) : null;
  const open = words !== null && mouthOpenAt(words, frame / fps);
  const src = portraitSvg(face, open, blinkAt(frame, face.seed, fps));
  return (
    <div style={{ width: size, height: size, flexShrink: 0, position: "relative", ...circle, ...style }}>
      {/* In a badge, zoom onto the head: the drawings are busts with room above the hair. */}
      <Img src={src} alt={character.name} style={shape === "circle" ? { position: "absolute", left: "-10%", top: "3%", width: "120%", height: "120%", display: "block" } : { position: "absolute", inset: 0, width: "100%", height: "100%", display: "block" }} />
    </div>
  );
};

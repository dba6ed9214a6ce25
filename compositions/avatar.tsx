import React from "react";
import type { Character } from "../script";
import { Portrait, type PortraitSpeech } from "./faces/portrait";

/**
 * A round portrait: the character's image, else their illustrated face (seeded by the
 * character's id, or by `name` when no character is given), showing `emotion` and talking along
 * with `speech`.
 */
export const Avatar: React.FC<{
  name: string;
  src: string | undefined;
  color: string;
  size: number;
  character?: Pick<Character, "id" | "name" | "avatar" | "appearance"> | null;
  emotion?: string;
  speech?: PortraitSpeech | null;
}> = ({ name, src, color, size, character, emotion, speech }) => (
  <Portrait character={{ ...(character ?? { id: name, name }), avatar: src }} emotion={emotion} speech={speech} size={size} color={color} shape="circle" />
);

import React from "react";
import { Img } from "remotion";

const firstGrapheme = (name: string): string => {
  const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
  for (const { segment } of segmenter.segment(name.trim())) return segment.toUpperCase();
  return "?";
};

/** A round portrait: the character's image, else a badge with the initial of their name. */
export const Avatar: React.FC<{ name: string; src: string | undefined; color: string; size: number }> = ({
  name,
  src,
  color,
  size,
}) => {
  const ring = { width: size, height: size, borderRadius: "50%", border: `${Math.max(2, size * 0.06)}px solid ${color}`, boxSizing: "border-box" as const, flexShrink: 0 };
  if (src) {
    return <Img src={src} style={{ ...ring, objectFit: "cover", backgroundColor: "#111" }} />;
  }
  return (
    <div
      style={{
        ...ring,
        backgroundColor: color,
        color: "#0b0b0f",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        fontWeight: 800,
        fontSize: size * 0.48,
        lineHeight: 1,
      }}
    >
      {firstGrapheme(name)}
    </div>
  );
};

import React from "react";
import { AbsoluteFill } from "remotion";
import type { Look } from "../script";

type Grade = { filter: string; tint: string | null; vignette: number };

/** Colour grading presets, done with CSS filters plus a soft-light tint and a vignette. */
export const LOOK_GRADES: Record<Look, Grade> = {
  none: { filter: "none", tint: null, vignette: 0 },
  warm: { filter: "sepia(0.2) saturate(1.25) brightness(1.03)", tint: "rgba(255,140,40,0.22)", vignette: 0.15 },
  cool: { filter: "saturate(1.05) contrast(1.05) brightness(1.02)", tint: "rgba(40,120,255,0.25)", vignette: 0.15 },
  noir: { filter: "grayscale(1) contrast(1.35) brightness(0.95)", tint: null, vignette: 0.45 },
  vintage: { filter: "sepia(0.5) contrast(0.9) saturate(0.85) brightness(1.05)", tint: "rgba(255,220,150,0.15)", vignette: 0.35 },
  "high-contrast": { filter: "contrast(1.45) saturate(1.35)", tint: null, vignette: 0.1 },
};

/** Applies a look to everything inside it. */
export const LookLayer: React.FC<{ look: Look | undefined; children: React.ReactNode }> = ({ look = "none", children }) => {
  const grade = LOOK_GRADES[look];
  if (look === "none") return <>{children}</>;
  return (
    <AbsoluteFill style={{ filter: grade.filter }}>
      {children}
      {grade.tint ? <AbsoluteFill style={{ backgroundColor: grade.tint, mixBlendMode: "soft-light" }} /> : null}
      {grade.vignette > 0 ? (
        <AbsoluteFill style={{ background: `radial-gradient(ellipse at center, rgba(0,0,0,0) 55%, rgba(0,0,0,${grade.vignette}) 100%)` }} />
      ) : null}
    </AbsoluteFill>
  );
};

import type { Mood } from "../../script";

/**
 * How a scene's mood lights its backdrop: a CSS filter on the picture, a colour laid over it
 * (soft-light, so it tints without flattening), a vignette, and the two colours of the plain
 * gradient used when a scene has neither background nor setting.
 */
export type MoodGrade = {
  filter: string;
  tint: string;
  tintOpacity: number;
  vignette: number;
  gradient: [string, string, string];
};

export const NEUTRAL_GRADE: MoodGrade = {
  filter: "none",
  tint: "#000000",
  tintOpacity: 0,
  vignette: 0.25,
  gradient: ["#0f172a", "#312e81", "#111827"],
};

export const MOOD_GRADES: Record<Mood, MoodGrade> = {
  calm: { filter: "saturate(0.9)", tint: "#7dd3fc", tintOpacity: 0.35, vignette: 0.2, gradient: ["#0c4a6e", "#1e3a5f", "#0f172a"] },
  upbeat: { filter: "saturate(1.25) brightness(1.05)", tint: "#fb923c", tintOpacity: 0.35, vignette: 0.12, gradient: ["#f97316", "#db2777", "#4c1d95"] },
  happy: { filter: "saturate(1.2) brightness(1.06)", tint: "#fde047", tintOpacity: 0.4, vignette: 0.1, gradient: ["#f59e0b", "#ea580c", "#7c2d12"] },
  tense: { filter: "saturate(0.8) contrast(1.15) brightness(0.88)", tint: "#b91c1c", tintOpacity: 0.4, vignette: 0.55, gradient: ["#450a0a", "#1c1917", "#0c0a09"] },
  sad: { filter: "saturate(0.45) brightness(0.85)", tint: "#3b5b8c", tintOpacity: 0.5, vignette: 0.45, gradient: ["#1e293b", "#334155", "#0f172a"] },
  mystery: { filter: "saturate(0.8) brightness(0.78) hue-rotate(-12deg)", tint: "#6d28d9", tintOpacity: 0.5, vignette: 0.6, gradient: ["#1e1b4b", "#134e4a", "#020617"] },
  romantic: { filter: "saturate(1.1) brightness(1.02)", tint: "#f472b6", tintOpacity: 0.45, vignette: 0.25, gradient: ["#9d174d", "#6b21a8", "#1e1b4b"] },
  dramatic: { filter: "contrast(1.3) saturate(1.15) brightness(0.9)", tint: "#ea580c", tintOpacity: 0.35, vignette: 0.6, gradient: ["#7c2d12", "#1c1917", "#020617"] },
};

/** The grade for a mood; no mood is the neutral grade (no tint, a light vignette). */
export const moodGrade = (mood: Mood | undefined): MoodGrade => (mood ? MOOD_GRADES[mood] : NEUTRAL_GRADE);

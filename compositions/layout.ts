import { useVideoConfig } from "remotion";

export type Layout = {
  width: number;
  height: number;
  /** 1 at 1080 pixels on the short side; multiply design sizes by it. */
  unit: number;
  orientation: "portrait" | "landscape" | "square";
  /**
   * Insets that stay clear of platform UI. Vertical platforms (TikTok, Reels, Shorts) cover
   * the bottom fifth with captions and buttons and the right edge with the action rail.
   */
  safe: { top: number; right: number; bottom: number; left: number };
};

/** Aspect-aware layout for the current frame size, so packs lay out for their frame instead of letterboxing. */
export const useLayout = (): Layout => {
  const { width, height } = useVideoConfig();
  return computeLayout(width, height);
};

export const computeLayout = (width: number, height: number): Layout => {
  const unit = Math.min(width, height) / 1080;
  const ratio = width / height;
  if (ratio < 0.7) {
    return {
      width,
      height,
      unit,
      orientation: "portrait",
      safe: { top: height * 0.1, right: width * 0.14, bottom: height * 0.2, left: width * 0.06 },
    };
  }
  if (ratio > 1.3) {
    const inset = height * 0.06;
    return { width, height, unit, orientation: "landscape", safe: { top: inset, right: width * 0.08, bottom: inset * 1.4, left: width * 0.08 } };
  }
  const inset = Math.min(width, height) * 0.07;
  return { width, height, unit, orientation: ratio < 0.95 ? "portrait" : "square", safe: { top: inset, right: inset, bottom: inset * 1.4, left: inset } };
};

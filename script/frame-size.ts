import type { Format } from "./schema";

export const RESOLUTIONS = { "480p": 480, "720p": 720, "1080p": 1080, "4k": 2160 } as const;
export type Resolution = keyof typeof RESOLUTIONS;

const RATIOS: Record<Format, [number, number]> = {
  "9:16": [9, 16],
  "16:9": [16, 9],
  "1:1": [1, 1],
  "4:5": [4, 5],
};

/**
 * Frame size of a format at a resolution; the resolution names the short side, as video
 * platforms do (1080p 9:16 is 1080×1920). Both sides are even, which H.264 requires.
 */
export const frameSize = (
  format: Format,
  resolution: Resolution = "1080p",
): { width: number; height: number } => {
  const short = RESOLUTIONS[resolution];
  const [w, h] = RATIOS[format];
  const long = Math.round((short * Math.max(w, h)) / Math.min(w, h) / 2) * 2;
  return w <= h ? { width: short, height: long } : { width: long, height: short };
};

import type { Format } from "../script";

/**
 * Platform presets: the frame each platform wants at 1080p. `--resolution` scales them; the
 * template lays out for the preset's aspect ratio (no letterboxing).
 */
export const OUTPUT_PRESETS = {
  tiktok: { format: "9:16", label: "TikTok 1080×1920" },
  reels: { format: "9:16", label: "Instagram Reels 1080×1920" },
  shorts: { format: "9:16", label: "YouTube Shorts 1080×1920" },
  youtube: { format: "16:9", label: "YouTube 1920×1080" },
  "instagram-square": { format: "1:1", label: "Instagram square 1080×1080" },
  "instagram-portrait": { format: "4:5", label: "Instagram portrait 1080×1350" },
} as const satisfies Record<string, { format: Format; label: string }>;

export type OutputPreset = keyof typeof OUTPUT_PRESETS;

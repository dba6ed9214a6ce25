import path from "node:path";
import type { Timeline } from "../script";
import { ReelgenError } from "../script/reelgen-error";

const STILL_FORMATS = { png: "png", jpg: "jpeg", jpeg: "jpeg" } as const;

/**
 * A frame that shows what the video is: the first character line with its caption fully on
 * screen (a narrator line if there is none), else the middle of the video.
 */
export const pickCoverFrame = (timeline: Timeline): number => {
  const lines = timeline.scenes.flatMap((s) => s.lines.map((l) => ({ l, from: s.from + l.from })));
  const pick = lines.find(({ l }) => !l.isNarrator) ?? lines[0];
  if (!pick) return Math.floor(timeline.durationInFrames / 2);
  return pick.from + Math.max(0, Math.min(pick.l.durationInFrames - 8, Math.round(pick.l.durationInFrames * 0.8)));
};

/** The image format a still's file name asks for; anything but .png, .jpg or .jpeg is INVALID_ARGUMENT. */
export const checkStillPath = (outputPath: string): "png" | "jpeg" => {
  const imageFormat = STILL_FORMATS[path.extname(outputPath).slice(1).toLowerCase() as keyof typeof STILL_FORMATS];
  if (!imageFormat) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: `Output ${outputPath} should end in .png, .jpg or .jpeg` });
  return imageFormat;
};

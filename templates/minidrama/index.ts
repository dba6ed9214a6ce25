import type { TemplatePack } from "../template-pack";
import { calculateMinidramaMetadata } from "./calculate-metadata";
import { minidramaDefaultProps } from "./default-props";
import { Minidrama } from "./minidrama";
import { minidramaSchema } from "./schema";
import { FPS } from "../../script/timeline";
import { minidramaWriter } from "./writer";

export const minidrama: TemplatePack<typeof minidramaSchema> = {
  id: "minidrama",
  title: "Mini drama",
  description: "Vertical short drama: scene heading cards, speaker name tags and avatars, animated captions, narrator lines set apart.",
  schema: minidramaSchema,
  component: Minidrama,
  calculateMetadata: calculateMinidramaMetadata,
  defaultProps: minidramaDefaultProps,
  fps: FPS,
  writer: minidramaWriter,
  formats: ["9:16", "1:1", "4:5", "16:9"],
};

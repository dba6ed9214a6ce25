import { FPS, ScriptSchema } from "../../script";
import { calculateScriptMetadata } from "../calculate-script-metadata";
import type { TemplatePack } from "../template-pack";
import { narratedStoryDefaultProps } from "./default-props";
import { NarratedStory } from "./narrated-story";
import { narratedStoryWriter } from "./writer";

export const narratedStory: TemplatePack<typeof ScriptSchema> = {
  id: "narrated-story",
  title: "Narrated story",
  description: "A narrator over images or video with Ken Burns motion and big word-by-word captions.",
  schema: ScriptSchema,
  component: NarratedStory,
  calculateMetadata: calculateScriptMetadata(ScriptSchema),
  defaultProps: narratedStoryDefaultProps,
  fps: FPS,
  writer: narratedStoryWriter,
  formats: ["9:16", "16:9", "1:1", "4:5"],
};

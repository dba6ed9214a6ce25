import { FPS } from "../../script";
import { calculateScriptMetadata } from "../calculate-script-metadata";
import { defaultSceneKey } from "../scene-key";
import type { TemplatePack } from "../template-pack";
import { ChatStory } from "./chat-story";
import { chatStoryDefaultProps } from "./default-props";
import { chatStorySchema } from "./schema";
import { chatStoryWriter } from "./writer";

export const chatStory: TemplatePack<typeof chatStorySchema> = {
  id: "chat-story",
  title: "Chat story",
  description: "A text-message conversation appearing bubble by bubble, with typing dots, day separators and narrator notes.",
  schema: chatStorySchema,
  component: ChatStory,
  calculateMetadata: calculateScriptMetadata(chatStorySchema),
  defaultProps: chatStoryDefaultProps,
  fps: FPS,
  writer: chatStoryWriter,
  // A chat shows every earlier bubble above the new ones.
  sceneKey: (script, index) => ({ ...(defaultSceneKey(script, index) as object), earlier: script.scenes.slice(0, index) }),
  formats: ["9:16", "4:5", "1:1", "16:9"],
};

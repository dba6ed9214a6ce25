import { FPS } from "../../script";
import { calculateScriptMetadata } from "../calculate-script-metadata";
import { defaultSceneKey } from "../scene-key";
import type { TemplatePack } from "../template-pack";
import { listicleDefaultProps } from "./default-props";
import { Listicle } from "./listicle";
import { listicleSchema } from "./schema";
import { listicleWriter } from "./writer";

export const listicle: TemplatePack<typeof listicleSchema> = {
  id: "listicle",
  title: "Listicle",
  description: "Numbered facts or quotes in bold type, counting up or down, with a title card and progress dots.",
  schema: listicleSchema,
  component: Listicle,
  calculateMetadata: calculateScriptMetadata(listicleSchema),
  defaultProps: listicleDefaultProps,
  fps: FPS,
  writer: listicleWriter,
  // Items are numbered (and dotted) across the whole list: every scene's item count shows.
  sceneKey: (script, index) => ({ ...(defaultSceneKey(script, index) as object), lineCounts: script.scenes.map((s) => s.lines.length) }),
  formats: ["9:16", "1:1", "4:5", "16:9"],
};

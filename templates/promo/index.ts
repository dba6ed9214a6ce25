import { FPS } from "../../script";
import { calculateScriptMetadata } from "../calculate-script-metadata";
import type { TemplatePack } from "../template-pack";
import { promoDefaultProps } from "./default-props";
import { Promo } from "./promo";
import { promoSchema } from "./schema";
import { promoWriter } from "./writer";

export const promo: TemplatePack<typeof promoSchema> = {
  id: "promo",
  title: "Promo",
  description: "A product promo in the brand's colours: slam-in headlines, punchy captions and a call-to-action card.",
  schema: promoSchema,
  component: Promo,
  calculateMetadata: calculateScriptMetadata(promoSchema),
  defaultProps: promoDefaultProps,
  fps: FPS,
  writer: promoWriter,
  formats: ["9:16", "1:1", "4:5", "16:9"],
};

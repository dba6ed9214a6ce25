import { z } from "zod";
import { extendScriptSchema } from "../../script";

/** promo reads the Script plus the product and its call to action. */
export const promoSchema = extendScriptSchema({
  promo: z
    .object({
      product: z.string().max(80).optional(),
      /** The button text of the closing card; default "Learn more". */
      cta: z.string().max(40).optional(),
      url: z.string().max(120).optional(),
      price: z.string().max(40).optional(),
    })
    .optional(),
});

export type PromoProps = z.output<typeof promoSchema>;

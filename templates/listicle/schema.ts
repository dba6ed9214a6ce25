import { z } from "zod";
import { extendScriptSchema } from "../../script";

/** listicle reads the Script plus whether to count down (5, 4, 3…) instead of up. */
export const listicleSchema = extendScriptSchema({
  listicle: z.object({ countdown: z.boolean().optional() }).optional(),
});

export type ListicleProps = z.output<typeof listicleSchema>;

import { z } from "zod";
import { extendScriptSchema } from "../../script";

/** chat-story reads the Script plus whose phone we are looking at. */
export const chatStorySchema = extendScriptSchema({
  chat: z
    .object({
      /** The character whose phone this is: their messages sit on the right. Default: the first character. */
      me: z.string().optional(),
      /** Shown in the header; default: the other character's name, or the title for groups. */
      contact: z.string().max(60).optional(),
    })
    .optional(),
});

export type ChatStoryProps = z.output<typeof chatStorySchema>;

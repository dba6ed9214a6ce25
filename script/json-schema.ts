import { z } from "zod";
import { ScriptSchema } from "./schema";

/** The Script format as JSON Schema (draft 2020-12), for LLM structured output and editors. */
export const scriptJsonSchema = (): Record<string, unknown> => ({
  ...z.toJSONSchema(ScriptSchema, { io: "input", unrepresentable: "any" }),
  title: "reelgen Script",
  description:
    'A reelgen video script. Speakers are character ids or "narrator"; scenes play in order.',
});

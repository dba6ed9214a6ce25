import { ScriptSchema } from "../../script";

/** minidrama reads the plain Script. */
export const minidramaSchema = ScriptSchema;

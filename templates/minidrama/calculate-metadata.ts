import { calculateScriptMetadata } from "../calculate-script-metadata";
import { minidramaSchema } from "./schema";

export const calculateMinidramaMetadata = calculateScriptMetadata(minidramaSchema);

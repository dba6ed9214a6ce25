import type { CalculateMetadataFunction } from "remotion";
import type { z } from "zod";
import { buildTimeline, FPS, formatProblems, frameSize, validateScript, type Script } from "../script";

/**
 * The metadata every Script-driven pack shares: duration from the timeline (explicit
 * `durationSec`, else speech, else reading speed), frame size from the script's format at 1080p
 * (the renderer scales to other resolutions). Returns the props parsed with the pack's schema, so
 * the component never sees a half-specified script.
 */
export const calculateScriptMetadata = <Schema extends z.ZodType<Script>>(schema: Schema): CalculateMetadataFunction<z.output<Schema>> => ({ props }) => {
  const result = validateScript(props);
  if (!result.ok) throw new Error(`Invalid script:\n${formatProblems(result.problems)}`);
  const parsed = schema.parse(props);
  return {
    durationInFrames: buildTimeline(result.script, FPS).durationInFrames,
    fps: FPS,
    ...frameSize(result.script.format, "1080p"),
    props: parsed,
  };
};

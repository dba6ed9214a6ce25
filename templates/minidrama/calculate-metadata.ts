import type { CalculateMetadataFunction } from "remotion";
import { formatProblems, frameSize, validateScript, type Script } from "../../script";
import { buildTimeline, FPS } from "../../script/timeline";

/**
 * Duration from the script (explicit `durationSec`, else reading speed), frame size from its
 * format at 1080p (the renderer scales to other resolutions). Returns the props with defaults
 * filled so the component never sees a half-specified script.
 */
export const calculateMinidramaMetadata: CalculateMetadataFunction<Script> = ({ props }) => {
  const result = validateScript(props);
  if (!result.ok) throw new Error(`Invalid script:\n${formatProblems(result.problems)}`);
  const script = result.script;
  return {
    durationInFrames: buildTimeline(script, FPS).durationInFrames,
    fps: FPS,
    ...frameSize(script.format, "1080p"),
    props: script,
  };
};

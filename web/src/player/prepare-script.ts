import "./zod-jitless";
// From the files, not `script/index.ts`: the embed should not carry what the player never uses.
import { frameSize } from "../../../script/frame-size";
import type { Format, Script } from "../../../script/schema";
import { buildTimeline, FPS } from "../../../script/timeline";
import { validateScript, type ScriptProblem } from "../../../script/validate-script";
import type { TemplatePack } from "../../../templates/template-pack";

/** A script ready for the player: the pack's props, and the composition's length and size. */
export type PreparedScript = {
  ok: true;
  props: Record<string, unknown>;
  durationInFrames: number;
  fps: number;
  /** The composition's size at 1080p, like the renderer's; the player scales it to its box. */
  width: number;
  height: number;
  format: Format;
};

/**
 * What the player plays for `input` with `pack`, computed like the pack's `calculateMetadata`
 * (the renderer's): validated against the Script format and the pack's schema (every problem of
 * both, each at its JSON path), duration from the timeline, frame size from the format at 1080p.
 */
export const prepareScript = (pack: TemplatePack, input: unknown): PreparedScript | { ok: false; problems: ScriptProblem[] } => {
  const base = validateScript(input);
  const forPack = validateScript(input, pack.schema as unknown as Parameters<typeof validateScript>[1]);
  if (!base.ok || !forPack.ok) {
    const seen = new Set<string>();
    const problems = [...(base.ok ? [] : base.problems), ...(forPack.ok ? [] : forPack.problems)].filter((p) => {
      const key = `${p.path}\u0000${p.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
    return { ok: false, problems };
  }
  const script: Script = base.script;
  return {
    ok: true,
    props: forPack.script as unknown as Record<string, unknown>,
    durationInFrames: buildTimeline(script, FPS).durationInFrames,
    fps: FPS,
    ...frameSize(script.format, "1080p"),
    format: script.format,
  };
};

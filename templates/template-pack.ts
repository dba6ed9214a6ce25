import type React from "react";
import type { CalculateMetadataFunction } from "remotion";
import type { z } from "zod";
import type { Format, Script } from "../script";
import type { ScriptWriter } from "../script/generate/script-writer";

/**
 * A template pack: everything Studio, the renderer, the server and the player need to know
 * about one template. Packs are listed once, in `registry.ts`.
 */
export type TemplatePack<Schema extends z.ZodObject = z.ZodObject> = {
  /** kebab-case id, used on the CLI (`--template`) and in the API. */
  id: string;
  title: string;
  description: string;
  /** Props schema: the Script schema, optionally with extra fields the pack reads. */
  schema: Schema;
  component: React.FC<z.output<Schema>>;
  /** Duration and frame size from the props; returns the props with defaults filled in. */
  calculateMetadata: CalculateMetadataFunction<z.output<Schema>>;
  defaultProps: z.output<Schema>;
  fps: number;
  /** The formats the pack lays out for, first the one it was designed for. */
  formats: readonly Format[];
  /** How the pack's scripts get written: the model's guide and the offline writer. */
  writer: ScriptWriter;
  /**
   * What scene `index`'s frames depend on (hashed to cache its rendered segment); default
   * `defaultSceneKey`. Override when a scene shows more of the script than itself.
   */
  sceneKey?: (script: Script, index: number) => unknown;
};

import { z } from "zod";
import { RESOLUTIONS } from "../../script/frame-size";
import { OUTPUT_PRESETS } from "../../renderer/index";

export const OUTPUT_FORMATS = ["mp4", "webm", "gif", "prores", "png", "jpeg"] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
export const STILL_FORMATS: ReadonlySet<OutputFormat> = new Set(["png", "jpeg"]);
export const EXTENSION_OF: Record<OutputFormat, string> = { mp4: "mp4", webm: "webm", gif: "gif", prores: "mov", png: "png", jpeg: "jpg" };

export const OutputRequest = z
  .object({
    name: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "lower-case letters, digits, - and _, at most 64")
      .optional()
      .describe("Name of the output in the render (default: the preset and format)"),
    format: z.enum(OUTPUT_FORMATS),
    preset: z.enum(Object.keys(OUTPUT_PRESETS) as [string, ...string[]]).optional(),
    resolution: z.enum(Object.keys(RESOLUTIONS) as [string, ...string[]]).optional(),
  })
  .meta({ id: "OutputRequest" });
export type OutputRequest = z.infer<typeof OutputRequest>;

/**
 * A render's outputs: one to ten, no two with one name (names are in download URLs). Every path
 * that orders renders (single, batch, generated scripts) takes this same list.
 */
export const OutputList = z
  .array(OutputRequest)
  .min(1)
  .max(10)
  .superRefine((outputs, ctx) => {
    const names = new Set<string>();
    outputs.forEach((o, i) => {
      const name = outputName(o);
      if (names.has(name)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `two outputs are named "${name}"; give each a name` });
      names.add(name);
    });
  });

/** An output with its name settled: unique within the render, used in download URLs. */
export type NamedOutput = OutputRequest & { name: string; file: string };

export const RenderRequest = z
  .object({
    template: z.string().min(1).max(100).optional().describe("Template pack id; defaults to the project's"),
    script: z.unknown().optional().describe("The script; media-library assets are referenced as `media:<id>`"),
    projectId: z.uuid().optional().describe("Render the latest version of a saved project instead of `script`"),
    // PostgreSQL's integer: a larger number can name no version (and the database would refuse it).
    projectVersion: z.number().int().positive().max(2_147_483_647).optional(),
    outputs: OutputList,
  })
  .superRefine((value, ctx) => {
    if ((value.script === undefined) === (value.projectId === undefined)) {
      ctx.addIssue({ code: "custom", path: ["script"], message: "give either script or projectId" });
    }
    if (value.projectId === undefined && value.template === undefined) {
      ctx.addIssue({ code: "custom", path: ["template"], message: "template is required with script" });
    }
  })
  .meta({ id: "RenderRequest" });
export type RenderRequest = z.infer<typeof RenderRequest>;

export const outputName = (o: OutputRequest): string => o.name ?? [o.preset, o.format].filter(Boolean).join("-");

export const namedOutputs = (outputs: OutputRequest[]): NamedOutput[] =>
  outputs.map((o) => ({ ...o, name: outputName(o), file: `${outputName(o)}.${EXTENSION_OF[o.format]}` }));

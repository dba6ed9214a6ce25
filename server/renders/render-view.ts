import { z } from "zod";
import type { Render } from "../db/tables";
import type { LambdaOutputCost } from "./render-output-on-lambda";
import { OUTPUT_FORMATS, type NamedOutput } from "./render-request";

/** The renderer's quality report of a video output, as stored and shown: each check's id, outcome and sentence. */
export type OutputQuality = { ok: boolean; checks: { id: string; status: "pass" | "warn" | "skipped"; message: string }[] };

/** What a finished output records (in `renders.result`); `quality` is absent on stills and on renders finished before it was recorded. */
export type OutputResult = { name: string; file: string; format: string; bytes: number; durationSec: number | null; width: number; height: number; quality?: OutputQuality; lambda?: LambdaOutputCost };

const QualityBody = z
  .object({
    ok: z.boolean().describe("No check warned"),
    checks: z.array(z.object({ id: z.string().describe("e.g. duration, black-frames, silence, loudness, caption-safe-zone"), status: z.enum(["pass", "warn", "skipped"]), message: z.string() })),
  })
  .meta({ id: "QualityReport" });

export const RenderBody = z
  .object({
    id: z.uuid(),
    status: z.enum(["queued", "active", "completed", "failed", "cancelled"]),
    template: z.string(),
    progress: z.number().min(0).max(1),
    stage: z.string().nullable(),
    outputs: z.array(
      z.object({
        name: z.string(),
        format: z.enum(OUTPUT_FORMATS),
        preset: z.string().nullable(),
        resolution: z.string().nullable(),
        url: z.string().nullable().describe("Download path (authenticated) once the render completed"),
        bytes: z.number().nullable(),
        durationSec: z.number().nullable(),
        width: z.number().nullable(),
        height: z.number().nullable(),
        quality: QualityBody.nullable().describe("The renderer's checks of the finished video (duration, black frames, silence, loudness, captions); null for stills and until completed"),
        lambda: z
          .object({
            costUsd: z.number().describe("Remotion's estimate of what the render cost on AWS Lambda, in US dollars (from billed function time; not AWS's invoice)"),
            lambdasInvoked: z.number().describe("Renderer functions the render ran"),
          })
          .nullable()
          .describe("Set when the output was rendered on Remotion Lambda (RENDER_BACKEND=lambda); null otherwise and until completed"),
      }),
    ),
    error: z.object({ code: z.string(), message: z.string(), problems: z.array(z.object({ path: z.string(), message: z.string() })).optional() }).nullable(),
    batchId: z.uuid().nullable(),
    projectId: z.uuid().nullable(),
    attempts: z.number(),
    reservedSeconds: z
      .number()
      .describe("Render-seconds held for this render: the estimate at submit, replaced by the voiced length's cost before the first frame"),
    renderSeconds: z
      .number()
      .nullable()
      .describe("Render-seconds counted against the monthly render-minutes once completed: each output's length weighted by its resolution and format (a still counts 1), never more than was reserved"),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
  })
  .meta({ id: "Render" });
export type RenderBody = z.infer<typeof RenderBody>;

/** A render as the API (and webhooks) show it. */
export const renderView = (render: Render): RenderBody => {
  const requested = render.outputs as NamedOutput[];
  const results = new Map(((render.result as { outputs?: OutputResult[] } | null)?.outputs ?? []).map((o) => [o.name, o]));
  const stage = (render.result as { stage?: string } | null)?.stage ?? null;
  return {
    id: render.id,
    status: render.status,
    template: render.template,
    progress: render.status === "completed" ? 1 : render.progress,
    stage: render.status === "completed" ? "done" : stage,
    outputs: requested.map((o) => {
      const done = render.status === "completed" ? results.get(o.name) : undefined;
      return {
        name: o.name,
        format: o.format,
        preset: o.preset ?? null,
        resolution: o.resolution ?? null,
        url: done ? `/v1/renders/${render.id}/outputs/${o.name}` : null,
        bytes: done?.bytes ?? null,
        durationSec: done?.durationSec ?? null,
        width: done?.width ?? null,
        height: done?.height ?? null,
        quality: done?.quality ?? null,
        lambda: done?.lambda ? { costUsd: done.lambda.costUsd, lambdasInvoked: done.lambda.lambdasInvoked } : null,
      };
    }),
    error: (render.error as RenderBody["error"]) ?? null,
    batchId: render.batch_id,
    projectId: render.project_id,
    attempts: render.attempts,
    reservedSeconds: render.reserved_seconds,
    renderSeconds: render.used_seconds,
    createdAt: render.created_at.toISOString(),
    startedAt: render.started_at?.toISOString() ?? null,
    finishedAt: render.finished_at?.toISOString() ?? null,
  };
};

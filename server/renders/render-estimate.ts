import { z } from "zod";
import { checkRenderInput, estimateRender, OUTPUT_PRESETS, learnThroughput, megapixelFramesOf, withOverrides, type EstimateOutput, type OutputPreset, type RenderBackend, type ThroughputSample } from "../../renderer/index";
import { frameSize, RESOLUTIONS, type Resolution } from "../../script/frame-size";
import { ReelgenError } from "../../script/reelgen-error";
import { FORMATS, type Format } from "../../script/schema";
import { buildTimeline } from "../../script/timeline";
import { findTemplatePack } from "../../templates/registry";
import { scriptInputError } from "../http/script-input-error";
import type { ServerContext } from "../context";
import type { User } from "../db/tables";
import { renderCostOf } from "../quotas/render-quota";
import type { RenderQueue } from "./render-queue";
import { OUTPUT_FORMATS, STILL_FORMATS } from "./render-request";

/** Finished renders the estimate learns from: the most recent ones. */
const LEARN_FROM = 200;

/** `GET /v1/renders/estimate`'s query: a template and a length, or a saved project; one output's resolution and format. */
export const EstimateQuery = z
  .object({
    template: z.string().min(1).max(100).optional().describe("Template pack id (required with `seconds`; defaults to the project's)"),
    seconds: z.coerce.number().positive().max(86_400).optional().describe("Length of the video in seconds"),
    projectId: z.uuid().optional().describe("Estimate the latest version of a saved project (its length by reading speed) instead of `seconds`"),
    resolution: z.enum(Object.keys(RESOLUTIONS) as [Resolution, ...Resolution[]]).default("1080p"),
    format: z.enum(OUTPUT_FORMATS).default("mp4"),
    preset: z.enum(Object.keys(OUTPUT_PRESETS) as [string, ...string[]]).optional().describe("A platform preset: sets the frame's shape"),
    aspect: z.enum(FORMATS).default("9:16").describe("The frame's shape with `seconds` (a project's script says its own)"),
  })
  .superRefine((value, ctx) => {
    if ((value.seconds === undefined) === (value.projectId === undefined)) ctx.addIssue({ code: "custom", path: ["seconds"], message: "give either seconds or projectId" });
    if (value.projectId === undefined && value.template === undefined) ctx.addIssue({ code: "custom", path: ["template"], message: "template is required with seconds" });
  });
export type EstimateQuery = z.infer<typeof EstimateQuery>;

const BackendEstimateBody = z.object({
  backend: z.enum(["local", "cluster", "lambda"]),
  seconds: z.number().describe("Wall seconds of the render itself"),
  waitSeconds: z.number().nullable().describe("Seconds in the queue first; null when no worker is connected"),
  costUsd: z.number().nullable().describe("AWS price for Lambda; null on own machines"),
  parts: z.number().describe("Chunks (cluster), functions (Lambda), 1 (local)"),
});

export const EstimateBody = z
  .object({
    template: z.string(),
    frames: z.number(),
    fps: z.number(),
    videoSeconds: z.number(),
    megapixelFrames: z.number(),
    output: z.object({ format: z.string(), width: z.number(), height: z.number() }),
    renderMinutes: z.number().describe("What the render counts against the monthly render-minutes"),
    backends: z.array(BackendEstimateBody),
    recommended: z.enum(["local", "cluster", "lambda"]),
    queue: z.object({ waiting: z.number(), active: z.number(), workers: z.number() }),
    learned: z.object({
      samples: z.number().describe("Finished renders learned from"),
      meanAbsolutePercentError: z.number().nullable().describe("How far estimates made before each render were from what it took (%)"),
      backends: z.record(z.string(), z.object({ secondsPerMegapixelFrame: z.number(), samples: z.number(), meanAbsolutePercentError: z.number().nullable() })),
    }),
  })
  .meta({ id: "RenderEstimate" });
export type EstimateBody = z.infer<typeof EstimateBody>;

/**
 * Lambda's settings when `RENDER_BACKEND=lambda` (`LAMBDA_REGION`, `LAMBDA_FRAMES_PER_LAMBDA`), read
 * by name from the parsed config; Remotion's default function size (2048 MB memory and disk).
 */
const lambdaSettings = (config: ServerContext["config"]) => {
  const c = config as unknown as Record<string, unknown>;
  if (c.RENDER_BACKEND !== "lambda") return null;
  return {
    region: (typeof c.LAMBDA_REGION === "string" ? c.LAMBDA_REGION : "us-east-1") as never,
    framesPerLambda: typeof c.LAMBDA_FRAMES_PER_LAMBDA === "number" ? c.LAMBDA_FRAMES_PER_LAMBDA : undefined,
  };
};

/**
 * Estimates a render before it is ordered: how long it takes on each configured backend (local
 * always; the cluster with `RENDER_CHUNK_FRAMES`; Lambda when configured), the wait for the
 * renders queued ahead, the render-minutes it counts, and the figures learned from the renders this
 * installation finished (seconds per megapixel-frame from `started_at`→`finished_at`) with the
 * estimate's error on them. A project is the caller's own (another's is NOT_FOUND).
 */
export const estimateRenderFor = async (ctx: ServerContext, queue: RenderQueue, user: User, query: EstimateQuery): Promise<EstimateBody> => {
  const { db, config } = ctx;
  let template = query.template;
  let script: unknown = null;
  if (query.projectId) {
    const project = await db.selectFrom("projects").select(["id", "latest_version"]).where("id", "=", query.projectId).where("user_id", "=", user.id).executeTakeFirst();
    if (!project) throw new ReelgenError({ code: "NOT_FOUND", message: `project ${query.projectId} not found` });
    const version = await db.selectFrom("project_versions").select(["template", "script"]).where("project_id", "=", project.id).where("version", "=", project.latest_version).executeTakeFirstOrThrow();
    template = template ?? version.template;
    script = version.script;
  }
  const pack = findTemplatePack(template!);
  if (!pack) throw new ReelgenError({ code: "VALIDATION_FAILED", message: `query.template: no template pack "${template}"`, problems: [{ path: "query.template", message: `no template pack "${template}"` }] });
  let frames: number;
  let aspect: Format = query.aspect;
  if (script !== null) {
    try {
      const checked = checkRenderInput(query.preset ? withOverrides(script, { preset: query.preset as OutputPreset }) : script, pack.id);
      frames = buildTimeline(checked.script, pack.fps).durationInFrames;
      aspect = checked.script.format;
    } catch (error) {
      throw scriptInputError(error, "project") ?? error;
    }
  } else {
    frames = Math.max(1, Math.round(query.seconds! * pack.fps));
    if (query.preset) aspect = OUTPUT_PRESETS[query.preset as OutputPreset].format;
  }
  const { width, height } = frameSize(aspect, query.resolution);
  const output: EstimateOutput = { width, height, format: query.format };

  // What finished renders took, oldest first: the estimate's figures and its error come from them.
  const rows = await db
    .selectFrom("renders")
    .select(["template", "result", "started_at", "finished_at"])
    .where("status", "=", "completed")
    .where("started_at", "is not", null)
    .where("finished_at", "is not", null)
    .orderBy("finished_at", "desc")
    .limit(LEARN_FROM)
    .execute();
  const samples: ThroughputSample[] = rows.reverse().flatMap((row) => {
    const outputs = ((row.result as { outputs?: { format: string; width: number | null; height: number | null; durationSec: number | null; lambda?: unknown }[] } | null)?.outputs ?? []).filter((o) => o.width && o.height);
    const fps = findTemplatePack(row.template)?.fps ?? 30;
    const seconds = (row.finished_at!.getTime() - row.started_at!.getTime()) / 1000;
    const renderFrames = Math.max(1, ...outputs.map((o) => Math.round((o.durationSec ?? 0) * fps)));
    if (!outputs.length || seconds <= 0) return [];
    const work = megapixelFramesOf(renderFrames, outputs.map((o) => ({ width: o.width!, height: o.height!, format: o.format as EstimateOutput["format"] })));
    // A Lambda output records its cost; otherwise the table does not say where it ran: one whose mp4 output the current chunk size would split ran on the cluster.
    const backend: RenderBackend = outputs.some((o) => o.lambda) ? "lambda" : config.RENDER_CHUNK_FRAMES > 0 && outputs.some((o) => o.format === "mp4" && renderFrames > config.RENDER_CHUNK_FRAMES) ? "cluster" : "local";
    return [{ backend, megapixelFrames: work, seconds, concurrency: 1 }];
  });
  const learned = learnThroughput(samples);
  const figure = (backend: RenderBackend) => (learned.backends[backend].samples > 0 ? learned.backends[backend].secondsPerMegapixelFrame : undefined);

  const counts = await queue.counts();
  const workers = await queue.queue.getWorkers().then(
    (list) => list.length,
    () => 0,
  );
  const queueState = { waiting: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0), active: counts.active ?? 0, workers };
  const lambda = lambdaSettings(config);
  const estimate = estimateRender({
    frames,
    fps: pack.fps,
    outputs: [output],
    backends: {
      // The worker renders each render with one browser tab.
      local: { concurrency: 1, secondsPerMegapixelFrame: figure("local") },
      cluster: config.RENDER_CHUNK_FRAMES > 0 ? { workers, framesPerChunk: config.RENDER_CHUNK_FRAMES, secondsPerMegapixelFrame: figure("cluster") } : null,
      lambda: lambda ? { ...lambda, secondsPerMegapixelFrame: figure("lambda") } : null,
    },
    queue: queueState,
  });
  const videoSeconds = frames / pack.fps;
  return {
    template: pack.id,
    frames,
    fps: pack.fps,
    videoSeconds,
    megapixelFrames: estimate.megapixelFrames,
    output,
    renderMinutes: renderCostOf({ outputs: [{ format: query.format, resolution: query.resolution, preset: query.preset ?? null }], seconds: STILL_FORMATS.has(query.format) ? 0 : videoSeconds, scriptFormat: aspect }) / 60,
    backends: estimate.backends,
    recommended: estimate.recommended,
    queue: queueState,
    learned,
  };
};

import { randomUUID } from "node:crypto";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { DelayedError, UnrecoverableError, WaitingError, Worker, type Job } from "bullmq";
import { sql } from "kysely";
import { mapScriptSources } from "../../script/script-sources";
import { formatPath } from "../../script/validate-script";
import type { Script } from "../../script/schema";
import { renderStill } from "../../renderer/render-still";
import { renderVideo, type VideoFormat } from "../../renderer/render-video";
import { ReelgenError } from "../../script/reelgen-error";
import type { OutputPreset } from "../../renderer/output-presets";
import type { Resolution } from "../../script/frame-size";
import type { ServerContext } from "../context";
import type { Render } from "../db/tables";
import { quotaPeriod, settleRenderSeconds } from "../quotas/render-quota";
import type { Services } from "../services";
import { failRender, type RenderError } from "./fail-render";
import { reconcileRenders } from "./reconcile-renders";
import { RENDER_QUEUE, subscribeToCancels, type RenderJobData, type RenderJobProgress } from "./render-queue";
import { STILL_FORMATS, type NamedOutput } from "./render-request";
import { MEDIA_REF } from "./render-service";
import type { OutputResult } from "./render-view";

export type RenderWorker = { worker: Worker<RenderJobData>; close(): Promise<void> };

/** Where each renderer stage sits on one output's 0–1 scale (rendering and encoding share one). */
const STAGE_SPANS: Record<string, [number, number]> = {
  voicing: [0, 0.05],
  bundling: [0.05, 0.1],
  rendering: [0.1, 0.9],
  encoding: [0.1, 0.9],
  mixing: [0.9, 0.98],
  done: [1, 1],
};
const overall = (stage: string, progress: number) => {
  const [from, to] = STAGE_SPANS[stage] ?? [0, 1];
  return from + (to - from) * Math.min(1, Math.max(0, progress));
};

/** Why a render's AbortController fired. */
const CANCELLED = "cancelled by the user";
const SHUTDOWN = "worker shutting down";

/** How often a worker reconciles the database with the queue (see `reconcileRenders`). */
const RECONCILE_EVERY_MS = 60_000;

/**
 * A render worker: takes render jobs from the queue (on this machine or any other sharing Redis
 * and the database), renders every output with the same renderer the CLI uses, stores the files
 * and records the result, the render-minutes and the webhook in one transaction.
 *
 * Failures: input that can never render fails at once (`UnrecoverableError`); anything else
 * (a browser crash, a timeout) is retried with backoff. A worker killed mid-render loses its
 * lock; another worker's stalled-job check picks the job up and renders it again, and outputs
 * are renamed into place atomically, so exactly one copy of each output exists.
 */
export const startRenderWorker = async (ctx: ServerContext, services: Services, options: { concurrency?: number } = {}): Promise<RenderWorker> => {
  const { db, config, logger } = ctx;
  const running = new Map<string, AbortController>();
  const cancels = await subscribeToCancels(ctx, (renderId) => running.get(renderId)?.abort(CANCELLED));

  const fail = (renderId: string, error: RenderError) => failRender(ctx, services.webhooks, renderId, error);

  const processor = async (job: Job<RenderJobData>, token?: string, signal?: AbortSignal) => {
    const { renderId } = job.data;
    const render = await db.selectFrom("renders").selectAll().where("id", "=", renderId).executeTakeFirst();
    if (!render || render.status === "completed" || render.status === "failed" || render.status === "cancelled") {
      return { skipped: render?.status ?? "deleted" };
    }
    // Per-user concurrency: lock the user row so two workers cannot both take the last slot.
    const limit = await userLimit(render.user_id);
    const started = await db.transaction().execute(async (trx) => {
      await trx.selectFrom("users").select("id").where("id", "=", render.user_id).forUpdate().execute();
      const { n } = await trx
        .selectFrom("renders")
        .select(sql<string>`count(*)`.as("n"))
        .where("user_id", "=", render.user_id)
        .where("status", "=", "active")
        .where("id", "!=", renderId)
        .executeTakeFirstOrThrow();
      if (Number(n) >= limit) return null;
      return trx
        .updateTable("renders")
        .set({ status: "active", started_at: new Date(), progress: 0, attempts: sql`attempts + 1` })
        .where("id", "=", renderId)
        .where("status", "in", ["queued", "active"])
        .returningAll()
        .executeTakeFirst();
    });
    if (!started) {
      if ((await db.selectFrom("renders").select("status").where("id", "=", renderId).executeTakeFirst())?.status === "cancelled") return { skipped: "cancelled" };
      // The user already has as many renders running as the tier allows: try again shortly.
      await job.moveToDelayed(Date.now() + 2000 + Math.random() * 2000, token);
      throw new DelayedError();
    }

    const controller = new AbortController();
    running.set(renderId, controller);
    const onAbort = () => controller.abort(SHUTDOWN);
    signal?.addEventListener("abort", onAbort);
    const outDir = path.join(ctx.storageDir, "renders", renderId);
    const workDir = path.join(outDir, `.attempt-${randomUUID()}`);
    const startedAt = Date.now();
    try {
      await mkdir(outDir, { recursive: true });
      // A killed worker's half-written attempt is garbage now that this worker holds the job.
      for (const entry of await readdir(outDir)) if (entry.startsWith(".attempt-")) await rm(path.join(outDir, entry), { recursive: true, force: true });
      await mkdir(workDir, { recursive: true });
      const script = await resolveMedia(started);
      const outputs = started.outputs as NamedOutput[];
      const results: OutputResult[] = [];
      let lastSent = { progress: -1, stage: "" };
      let lastStored = 0;
      const report = (progress: number, stage: string) => {
        // Never backwards, so clients can draw one bar across stages and outputs.
        const rounded = Math.max(lastSent.progress, Math.floor(progress * 100) / 100);
        if (rounded === lastSent.progress && stage === lastSent.stage) return;
        lastSent = { progress: rounded, stage };
        void job.updateProgress({ progress: rounded, stage } satisfies RenderJobProgress).catch((error: unknown) => logger.warn({ err: error }, "progress update failed"));
        if (rounded - lastStored >= 0.05) {
          lastStored = rounded;
          // The write doubles as a check: a render no longer active was cancelled (or failed) while its message to stop may have been lost.
          void db
            .updateTable("renders")
            .set({ progress: rounded })
            .where("id", "=", renderId)
            .where("status", "=", "active")
            .executeTakeFirst()
            .then(
              (written) => {
                if (Number(written.numUpdatedRows) === 0) controller.abort(CANCELLED);
              },
              (error: unknown) => logger.warn({ err: error }, "progress write failed"),
            );
        }
      };
      for (const [i, output] of outputs.entries()) {
        const outputPath = path.join(workDir, output.file);
        const common = {
          script,
          template: started.template,
          outputPath,
          preset: output.preset as OutputPreset | undefined,
          resolution: output.resolution as Resolution | undefined,
          signal: controller.signal,
          logLevel: "error" as const,
        };
        if (STILL_FORMATS.has(output.format)) {
          const still = await renderStill({ ...common, onProgress: (p) => report((i + overall(p.stage, p.progress)) / outputs.length, p.stage) });
          const { size } = await stat(outputPath);
          results.push({ name: output.name, file: output.file, format: output.format, bytes: size, durationSec: null, width: still.width, height: still.height });
        } else {
          const video = await renderVideo({ ...common, format: output.format as VideoFormat, concurrency: 1, onProgress: (p) => report((i + overall(p.stage, p.progress)) / outputs.length, p.stage) });
          results.push({ name: output.name, file: output.file, format: output.format, bytes: video.sizeBytes, durationSec: video.durationSec, width: video.width, height: video.height });
        }
      }
      // Into place: each rename is atomic and replaces what an earlier, killed attempt may have left.
      for (const entry of await readdir(workDir)) await rename(path.join(workDir, entry), path.join(outDir, entry));
      const usedSeconds = results.reduce((sum, r) => sum + (r.durationSec ?? 1), 0);
      const done = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("renders")
          .set({ status: "completed", progress: 1, result: JSON.stringify({ outputs: results }), used_seconds: usedSeconds, finished_at: new Date(), error: null })
          .where("id", "=", renderId)
          .where("status", "=", "active")
          .returningAll()
          .executeTakeFirst();
        if (!row) return null;
        await settleRenderSeconds(trx, { userId: row.user_id, period: quotaPeriod(row.created_at), reserved: row.reserved_seconds, used: usedSeconds });
        await services.webhooks.recordRenderEvent(trx, row, "render.completed");
        return row;
      });
      if (!done) {
        // Cancelled while the last output was being written: the files go.
        for (const r of results) await rm(path.join(outDir, r.file), { force: true });
        return { skipped: "cancelled" };
      }
      ctx.metrics.rendersFinished.inc({ template: done.template, status: "completed" });
      ctx.metrics.renderSeconds.observe({ template: done.template }, (Date.now() - startedAt) / 1000);
      return { outputs: results.map((r) => r.name) };
    } catch (error) {
      if (controller.signal.aborted && controller.signal.reason === CANCELLED) return { skipped: "cancelled" };
      if (controller.signal.aborted && controller.signal.reason === SHUTDOWN) {
        // Hand the job back untouched (no attempt used) for another worker or the next start.
        await job.moveToWait(token);
        throw new WaitingError();
      }
      const inputError = error instanceof ReelgenError && error.isInputError;
      const final = inputError || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (final) {
        await fail(renderId, { code: error instanceof ReelgenError ? error.code : "RENDER_FAILED", message: (error as Error).message, ...(error instanceof ReelgenError && error.problems.length ? { problems: error.problems } : {}) });
      } else {
        logger.warn({ err: error, renderId, attempt: job.attemptsMade + 1 }, "render attempt failed; it will be retried");
        await db.updateTable("renders").set({ status: "queued", progress: 0 }).where("id", "=", renderId).where("status", "=", "active").execute();
      }
      if (inputError) throw new UnrecoverableError((error as Error).message);
      throw error;
    } finally {
      signal?.removeEventListener("abort", onAbort);
      running.delete(renderId);
      await rm(workDir, { recursive: true, force: true });
    }
  };

  const userLimit = async (userId: string) => {
    const user = await db.selectFrom("users").select("role").where("id", "=", userId).executeTakeFirst();
    return config.TIERS[user?.role ?? "standard"].concurrentRenders;
  };

  /** `media:<id>` → the stored file; the API checked ownership at submit time, the worker checks again. */
  const resolveMedia = async (render: Render): Promise<Script> => {
    const script = render.script as Script;
    const ids = new Set<string>();
    mapScriptSources(script, (src) => {
      const m = MEDIA_REF.exec(src);
      if (m) ids.add(m[1]!.toLowerCase());
      return src;
    });
    const rows = ids.size ? await db.selectFrom("media").select(["id", "storage_path"]).where("user_id", "=", render.user_id).where("id", "in", [...ids]).execute() : [];
    const files = new Map(rows.map((r) => [r.id, path.join(ctx.storageDir, r.storage_path)]));
    return mapScriptSources(script, (src, at) => {
      const m = MEDIA_REF.exec(src);
      const file = m ? files.get(m[1]!.toLowerCase()) : undefined;
      if (!file) throw new ReelgenError({ code: "ASSET_NOT_FOUND", message: `${formatPath(at)}: ${src} is no longer in the media library` });
      return file;
    });
  };

  const worker = new Worker<RenderJobData>(RENDER_QUEUE, processor, {
    connection: { ...ctx.redisConnection, maxRetriesPerRequest: null },
    prefix: config.REDIS_PREFIX,
    concurrency: options.concurrency ?? config.WORKER_CONCURRENCY,
    lockDuration: config.RENDER_LOCK_MS,
    stalledInterval: config.RENDER_LOCK_MS,
    maxStalledCount: 2,
  });
  worker.on("error", (error) => logger.warn({ err: error }, "render worker connection error"));
  // A final failure (BullMQ sets finishedOn only then) the processor could not record itself; a no-op when it did.
  worker.on("failed", (job, error) => {
    if (job?.finishedOn) {
      void fail(job.data.renderId, { code: "RENDER_FAILED", message: error.message }).catch((e: unknown) => logger.error({ err: e, renderId: job.data.renderId }, "could not record a render's failure"));
    }
  });
  // Jobs failed outside any processor (stalled too often, as when their workers kept dying) or lost from Redis.
  const reconciler = setInterval(() => {
    reconcileRenders(ctx, services).then(
      (fixed) => {
        if (fixed.requeued || fixed.failed) logger.info(fixed, "reconciled renders with the queue");
      },
      (error: unknown) => logger.warn({ err: error }, "could not reconcile renders with the queue (is Redis up?)"),
    );
  }, RECONCILE_EVERY_MS);
  reconciler.unref();
  await worker.waitUntilReady();
  logger.info({ concurrency: worker.concurrency }, "render worker ready");

  let closing: Promise<void> | null = null;
  return {
    worker,
    close: () =>
      (closing ??= (async () => {
        clearInterval(reconciler);
        // Let active renders finish; past the grace period, hand them back to the queue.
        const grace = setTimeout(() => {
          for (const controller of running.values()) controller.abort(SHUTDOWN);
        }, config.SHUTDOWN_GRACE_MS);
        await worker.close();
        clearTimeout(grace);
        await cancels.quit();
      })()),
  };
};

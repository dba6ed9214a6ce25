import { randomUUID } from "node:crypto";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { DelayedError, UnrecoverableError, WaitingError, Worker, type Job } from "bullmq";
import { sql } from "kysely";
import { mapScriptSources } from "../../script/script-sources";
import { formatPath } from "../../script/validate-script";
import type { Script } from "../../script/schema";
import { buildTimeline } from "../../script/timeline";
import { checkRenderInput, openPlanRun, openRenderSession, prepareRender, prepareSpeech, renderPlannedStill, renderPlanOutput, type OutputPreset, type RenderSession, type VideoFormat } from "../../renderer/index";
import { ReelgenError } from "../../script/reelgen-error";
import type { Resolution } from "../../script/frame-size";
import type { ServerContext } from "../context";
import type { Render, Role } from "../db/tables";
import { adjustRenderReservation, quotaPeriod, renderCost, renderCostOf, settleRenderSeconds } from "../quotas/render-quota";
import type { Services } from "../services";
import { renderOutputOnCluster, startChunkWorker } from "./chunk-jobs";
import { renderOutputOnLambda, type LambdaOutputCost } from "./render-output-on-lambda";
import { failRender, type RenderError } from "./fail-render";
import { safeRenderError } from "./safe-render-error";
import { sweepScratch } from "./sweep-scratch";
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

/** Share of a render's progress bar that voicing takes; the outputs share the rest. */
const VOICING_SHARE = 0.05;

/** Why a render's AbortController fired. */
const CANCELLED = "cancelled by the user";
const SHUTDOWN = "worker shutting down";
const TIMED_OUT = "past the tier's render time limit";
/** Longest delay a Node timer takes (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** `1200` → `20 min`, `90` → `90 s`. */
const duration = (seconds: number) => (seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`);

/** Longer than any render or share job may run (the longest tier's time limit, and an hour): older scratch space is abandoned. */
export const longestJobMs = (config: ServerContext["config"]) => Math.max(...Object.values(config.TIERS).map((t) => t.renderTimeoutSeconds)) * 1000 + 3600_000;

/** How often a worker reconciles the database with the queue (see `reconcileRenders`). */
const RECONCILE_EVERY_MS = 60_000;

/**
 * A render worker: takes render jobs from the queue (on this machine or any other sharing Redis
 * and the database), voices the script once, checks the voiced length against the tier and the
 * month's render-minutes before the first frame, renders every output from the voiced script with
 * the same renderer the CLI uses, stores the files and records the result, the render-minutes
 * and the webhook in one transaction.
 *
 * Failures: input that can never render (a missing asset, a video longer than the tier allows,
 * render-minutes that cannot cover the voiced length) fails at once (`UnrecoverableError`); a
 * render running past the tier's `renderTimeoutSeconds` is stopped (Chrome, FFmpeg and the
 * speech engine killed) and fails without a retry, since a retry would burn the same time again;
 * anything else (a browser crash) is retried with backoff. A failed render records only its code
 * and a safe message for anything but input errors; the detail goes to the log with its id.
 * A worker killed mid-render loses its lock; another worker's stalled-job check picks the job up
 * and renders it again. Outputs are rendered into local scratch space (`DATA_DIR/tmp/renders`),
 * then each finished file is put into storage whole (a rename in a folder, one PUT or multipart
 * upload in a bucket) and anything else under the render's key is removed, so exactly one copy
 * of each output exists and nothing half-written is ever stored.
 */
export const startRenderWorker = async (ctx: ServerContext, services: Services, options: { concurrency?: number } = {}): Promise<RenderWorker> => {
  const { db, config, logger } = ctx;
  const running = new Map<string, AbortController>();
  // Chunk and finalize jobs of any render running in this process (see chunk-jobs.ts).
  const chunksRunning = new Map<string, Set<AbortController>>();
  const cancels = await subscribeToCancels(ctx, (renderId) => {
    running.get(renderId)?.abort(CANCELLED);
    for (const c of chunksRunning.get(renderId) ?? []) c.abort(CANCELLED);
  });
  // One browser for this process, opened by the first render and reused by every render and chunk after it.
  let session: Promise<RenderSession> | null = null;
  const renderSession = async (): Promise<RenderSession> => {
    const current = session;
    // Chrome may have crashed or been killed since the last job: then this job opens a new one.
    if (current && !(await current.then((s) => s.alive(), () => false))) {
      if (session === current) session = null;
      await current.then((s) => s.close(), () => {}).catch(() => {});
    }
    if (!session) {
      const opening = openRenderSession({ browserExecutable: config.REELGEN_BROWSER ?? null, cacheDir: config.REELGEN_CACHE_DIR });
      session = opening;
      opening.catch(() => {
        if (session === opening) session = null;
      });
    }
    return session;
  };
  const dropSession = async () => {
    const open = session;
    session = null;
    if (open) await (await open.catch(() => null))?.close().catch(() => {});
  };
  const chunkWorker = await startChunkWorker(ctx, chunksRunning, renderSession);
  const { speechProvider } = ctx;

  const fail = (renderId: string, error: RenderError) => failRender(ctx, services.webhooks, renderId, error);

  const processor = async (job: Job<RenderJobData>, token?: string, signal?: AbortSignal) => {
    const { renderId } = job.data;
    const render = await db.selectFrom("renders").selectAll().where("id", "=", renderId).executeTakeFirst();
    if (!render || render.status === "completed" || render.status === "failed" || render.status === "cancelled") {
      return { skipped: render?.status ?? "deleted" };
    }
    const role = await userRole(render.user_id);
    const tier = config.TIERS[role];
    // Per-user concurrency: lock the user row so two workers cannot both take the last slot.
    const started = await db.transaction().execute(async (trx) => {
      await trx.selectFrom("users").select("id").where("id", "=", render.user_id).forUpdate().execute();
      const { n } = await trx
        .selectFrom("renders")
        .select(sql<string>`count(*)`.as("n"))
        .where("user_id", "=", render.user_id)
        .where("status", "=", "active")
        .where("id", "!=", renderId)
        .executeTakeFirstOrThrow();
      if (Number(n) >= tier.concurrentRenders) return null;
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
    // The tier's wall-time limit for this attempt, voicing included; aborting stops the speech engine, Chrome and FFmpeg.
    const deadline = setTimeout(() => controller.abort(TIMED_OUT), Math.min(tier.renderTimeoutSeconds * 1000, MAX_TIMER_MS));
    const outPrefix = `renders/${renderId}`;
    const scratch = path.join(config.DATA_DIR, "tmp", "renders", renderId);
    const workDir = path.join(scratch, `attempt-${randomUUID()}`);
    const outputsDir = path.join(workDir, "outputs");
    const startedAt = Date.now();
    // Server paths an error message may carry, and what the caller may see instead.
    const paths = new Map<string, string>([
      [outputsDir, "the output"],
      [workDir, "the render's scratch space"],
      [config.REELGEN_CACHE_DIR, "the cache"],
    ]);
    try {
      // A killed worker's half-written attempt on this machine is garbage now that this worker holds the job.
      await rm(scratch, { recursive: true, force: true });
      await mkdir(outputsDir, { recursive: true });
      const script = await resolveMedia(started, path.join(workDir, "media"), paths);
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

      // Voice once for every output; the voiced length, not the reading-speed estimate, is what gets rendered and paid for.
      report(0, "voicing");
      const voiced = await voice(script, controller.signal, (done, total) => report(VOICING_SHARE * (total ? done / total : 1), "voicing"));
      const input = checkRenderInput(voiced, started.template);
      const timeline = buildTimeline(input.script, input.pack.fps);
      const videoSeconds = timeline.durationInFrames / timeline.fps;
      if (outputs.some((o) => !STILL_FORMATS.has(o.format)) && videoSeconds > tier.maxVideoSeconds) {
        const message = `the voiced video lasts ${videoSeconds.toFixed(1)} s; the ${role} tier allows at most ${tier.maxVideoSeconds} s`;
        throw new ReelgenError({ code: "LIMIT_EXCEEDED", message, problems: [{ path: "script", message }] });
      }
      // Before the first frame: reserve what the voiced length really costs (or refuse), under submit's lock.
      const cost = renderCostOf({ outputs, seconds: videoSeconds, scriptFormat: input.script.format });
      if (!(await adjustRenderReservation(db, { renderId, role, seconds: cost, config }))) return { skipped: "cancelled" };

      // One plan for every output (the voices are already there: nothing is synthesised again), run in this process's browser.
      const plan = await prepareRender({
        script: input.script,
        template: started.template,
        outputs: outputs.filter((o) => !STILL_FORMATS.has(o.format)).map((o) => ({ outputPath: path.join(outputsDir, o.file), preset: o.preset as OutputPreset | undefined, resolution: o.resolution as Resolution | undefined, format: o.format as VideoFormat })),
        stills: outputs.filter((o) => STILL_FORMATS.has(o.format)).map((o) => ({ outputPath: path.join(outputsDir, o.file), preset: o.preset as OutputPreset | undefined, resolution: o.resolution as Resolution | undefined })),
        speechProvider,
        cacheDir: config.REELGEN_CACHE_DIR,
        signal: controller.signal,
      });
      const run = await openPlanRun(await renderSession(), plan);
      try {
        for (const [i, output] of outputs.entries()) {
          const index = plan.outputs.findIndex((o) => o.outputPath === path.join(outputsDir, output.file));
          const onProgress = (p: { stage: string; progress: number }) => report(VOICING_SHARE + ((1 - VOICING_SHARE) * (i + overall(p.stage, p.progress))) / outputs.length, p.stage);
          if (STILL_FORMATS.has(output.format)) {
            const still = await renderPlannedStill(run, index, { signal: controller.signal });
            const { size } = await stat(still.outputPath);
            results.push({ name: output.name, file: output.file, format: output.format, bytes: size, durationSec: null, width: still.width, height: still.height });
            continue;
          }
          const video =
            config.RENDER_BACKEND === "lambda"
              ? // On Remotion Lambda: speech and media go to its bucket, the finished file comes back here; its cost is recorded.
                await renderOutputOnLambda(config, { renderId, plan, output: index, signal: controller.signal, onProgress })
              : config.RENDER_CHUNK_FRAMES > 0 && output.format === "mp4" && timeline.durationInFrames > config.RENDER_CHUNK_FRAMES
              ? // In chunks on every worker: the plan goes to storage, the finished files come back here.
                (
                  await renderOutputOnCluster(ctx, {
                    renderId,
                    plan,
                    output: index,
                    framesPerChunk: config.RENDER_CHUNK_FRAMES,
                    dir: outputsDir,
                    attempts: config.RENDER_ATTEMPTS,
                    signal: controller.signal,
                    onProgress: (fraction) => onProgress({ stage: "rendering", progress: fraction }),
                    // A worker shutting down hands the render back; its chunks go on, and the next attempt resumes the flow.
                    handsBack: (reason) => reason === SHUTDOWN,
                  })
                ).result
              : await renderPlanOutput(run, index, { concurrency: 1, signal: controller.signal, onProgress });
          // The checks without their raw measurements (`details`): what the API shows in words.
          const quality = { ok: video.quality.ok, checks: video.quality.checks.map(({ id, status, message }) => ({ id, status, message })) };
          results.push({ name: output.name, file: output.file, format: output.format, bytes: video.sizeBytes, durationSec: video.durationSec, width: video.width, height: video.height, quality, ...("lambda" in video ? { lambda: video.lambda as LambdaOutputCost } : {}) });
        }
      } finally {
        await run.close();
      }
      // Into storage: each put is whole and replaces what an earlier, killed attempt may have left; whatever that attempt stored beyond these files goes.
      const produced = await readdir(outputsDir);
      for (const entry of produced) await ctx.storage.putFile(`${outPrefix}/${entry}`, path.join(outputsDir, entry), { move: true });
      for (const stale of await ctx.storage.list(outPrefix)) if (!produced.includes(stale.key.slice(outPrefix.length + 1))) await ctx.storage.delete(stale.key);
      // What the files really hold, weighted like the reservation; never more than was reserved.
      const realCost = outputs.reduce((sum, output, i) => sum + renderCost({ output, seconds: results[i]!.durationSec ?? 0, scriptFormat: input.script.format }), 0);
      const done = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("renders")
          .set({ status: "completed", progress: 1, result: JSON.stringify({ outputs: results }), used_seconds: sql<number>`least(${realCost}::double precision, reserved_seconds)`, finished_at: new Date(), error: null })
          .where("id", "=", renderId)
          .where("status", "=", "active")
          .returningAll()
          .executeTakeFirst();
        if (!row) return null;
        await settleRenderSeconds(trx, { userId: row.user_id, period: quotaPeriod(row.created_at), reserved: row.reserved_seconds, used: row.used_seconds ?? 0 });
        await services.webhooks.recordRenderEvent(trx, row, "render.completed");
        return row;
      });
      if (!done) {
        // Cancelled while the last output was being written: the files go.
        await ctx.storage.deletePrefix(outPrefix);
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
      const attempt = job.attemptsMade + 1;
      if (controller.signal.aborted && controller.signal.reason === TIMED_OUT) {
        // No retry: another attempt would only burn the same time again.
        const message = `the render took longer than the ${role} tier's ${duration(tier.renderTimeoutSeconds)} limit and was stopped`;
        logger.warn({ renderId, attempt, limitSeconds: tier.renderTimeoutSeconds }, "render stopped at its time limit");
        await fail(renderId, { code: "TIMED_OUT", message });
        throw new UnrecoverableError(message);
      }
      const inputError = error instanceof ReelgenError && error.isInputError;
      const final = inputError || attempt >= (job.opts.attempts ?? 1);
      if (!inputError) logger.error({ err: error, renderId, attempt, final }, final ? "render failed" : "render attempt failed; it will be retried");
      const stored = safeRenderError(error, { attempts: attempt, paths });
      if (final) await fail(renderId, stored);
      else await db.updateTable("renders").set({ status: "queued", progress: 0 }).where("id", "=", renderId).where("status", "=", "active").execute();
      // BullMQ keeps the reason in Redis, where the reconciler may read it: the safe one.
      if (inputError) throw new UnrecoverableError(stored.message);
      throw error;
    } finally {
      clearTimeout(deadline);
      signal?.removeEventListener("abort", onAbort);
      running.delete(renderId);
      await rm(scratch, { recursive: true, force: true });
    }
  };

  const userRole = async (userId: string): Promise<Role> => (await db.selectFrom("users").select("role").where("id", "=", userId).executeTakeFirst())?.role ?? "standard";

  /** Speech for every line, through the renderer's prepare step; an engine's failure becomes SPEECH_FAILED (its output stays in the log). */
  const voice = async (script: Script, abort: AbortSignal, onProgress: (done: number, total: number) => void): Promise<Script> => {
    try {
      return (await prepareSpeech({ script, provider: speechProvider, cacheDir: config.REELGEN_CACHE_DIR, signal: abort, onProgress })).script;
    } catch (error) {
      if (abort.aborted || error instanceof ReelgenError) throw error;
      throw new ReelgenError({ code: "SPEECH_FAILED", message: "text-to-speech failed", cause: error });
    }
  };

  /**
   * `media:<id>` → a local copy of the stored file in `dir` (the renderer reads local files; from
   * a local folder it is a hard link, not a copy); the API checked ownership at submit time, the
   * worker checks again, and that the file is still there. Records each file's `media:<id>` in
   * `paths`, so an error naming the file names it as the caller wrote it.
   */
  const resolveMedia = async (render: Render, dir: string, paths: Map<string, string>): Promise<Script> => {
    const script = render.script as Script;
    const ids = new Set<string>();
    mapScriptSources(script, (src) => {
      const m = MEDIA_REF.exec(src);
      if (m) ids.add(m[1]!.toLowerCase());
      return src;
    });
    const rows = ids.size ? await db.selectFrom("media").select(["id", "storage_path"]).where("user_id", "=", render.user_id).where("id", "in", [...ids]).execute() : [];
    const files = new Map<string, string>();
    for (const r of rows) {
      const file = path.join(dir, `${r.id}${path.posix.extname(r.storage_path)}`);
      paths.set(file, `media:${r.id}`);
      try {
        await ctx.storage.downloadTo(r.storage_path, file);
        files.set(r.id, file);
      } catch (error) {
        // Deleted from the library since: ASSET_NOT_FOUND below names it.
        if (!(error instanceof ReelgenError && error.code === "NOT_FOUND")) throw error;
      }
    }
    return mapScriptSources(script, (src, at) => {
      const m = MEDIA_REF.exec(src);
      const file = m ? files.get(m[1]!.toLowerCase()) : undefined;
      if (!file) throw new ReelgenError({ code: "ASSET_NOT_FOUND", message: `${formatPath(at)}: ${src} is no longer in the media library` });
      return file;
    });
  };

  // Before taking any job: a render or chunk folder older than any render may run belongs to a killed worker.
  for (const kind of ["renders", "chunks"]) await sweepScratch({ dir: path.join(config.DATA_DIR, "tmp", kind), olderThanMs: longestJobMs(config), logger });

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
      logger.error({ err: error, renderId: job.data.renderId }, "render job failed");
      void fail(job.data.renderId, safeRenderError(error, { attempts: job.attemptsMade, paths: new Map() })).catch((e: unknown) => logger.error({ err: e, renderId: job.data.renderId }, "could not record a render's failure"));
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
        await chunkWorker.close();
        await dropSession();
        await cancels.quit();
      })()),
  };
};

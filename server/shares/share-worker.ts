import { UnrecoverableError, Worker, type Job } from "bullmq";
import { ReelgenError } from "../../script/reelgen-error";
import type { ServerContext } from "../context";
import path from "node:path";
import { longestJobMs } from "../renders/render-worker";
import { safeRenderError } from "../renders/safe-render-error";
import { sweepScratch } from "../renders/sweep-scratch";
import { prepareShare, shareScratch } from "./prepare-share";
import { SHARE_QUEUE, type ShareJobData, type ShareQueue } from "./share-queue";

export type ShareWorker = { worker: Worker<ShareJobData>; close(): Promise<void> };

/** Longest delay a Node timer takes (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Prepares published shares (see `prepareShare`) wherever render workers run: it needs the speech
 * engine and, for a poster, Chrome, which an API-only node need not have. One share at a time,
 * within the owner's tier's `renderTimeoutSeconds`. Input that can never succeed (the project or a
 * media file deleted meanwhile) fails the share at once; anything else is retried, and the share
 * fails after the last attempt with a safe message (the detail is logged with the share's id).
 *
 * At start-up, shares left `preparing` whose job Redis no longer has are queued again, so a lost
 * queue never leaves one preparing forever.
 */
export const startShareWorker = async (ctx: ServerContext, queue: ShareQueue): Promise<ShareWorker> => {
  const { db, config, logger } = ctx;

  const fail = async (shareId: string, error: unknown, attempts: number) => {
    const safe = safeRenderError(error, { attempts, paths: new Map([[shareScratch(ctx, shareId), "the share"], [config.REELGEN_CACHE_DIR, "the cache"]]) });
    const stored =
      error instanceof ReelgenError && error.isInputError
        ? safe
        : { code: safe.code, message: `preparing the share failed on the server (${attempts === 1 ? "1 attempt" : `${attempts} attempts`}); the server log has the details under this share's id` };
    await db.updateTable("shares").set({ status: "failed", error: JSON.stringify(stored) }).where("id", "=", shareId).where("status", "=", "preparing").execute();
  };

  const processor = async (job: Job<ShareJobData>) => {
    const { shareId } = job.data;
    const owner = await db.selectFrom("shares").innerJoin("users", "users.id", "shares.user_id").select("users.role").where("shares.id", "=", shareId).executeTakeFirst();
    if (!owner) return { skipped: "revoked" };
    const limitSeconds = config.TIERS[owner.role].renderTimeoutSeconds;
    const controller = new AbortController();
    const deadline = setTimeout(() => controller.abort(), Math.min(limitSeconds * 1000, MAX_TIMER_MS));
    const attempt = job.attemptsMade + 1;
    try {
      return { outcome: await prepareShare(ctx, shareId, { signal: controller.signal }) };
    } catch (error) {
      const timedOut = controller.signal.aborted;
      const inputError = error instanceof ReelgenError && error.isInputError && !timedOut;
      const final = inputError || timedOut || attempt >= (job.opts.attempts ?? 1);
      if (!inputError) logger.error({ err: error, shareId, attempt, final }, final ? "share preparation failed" : "share preparation failed; it will be retried");
      if (final) await fail(shareId, timedOut ? new ReelgenError({ code: "TIMED_OUT", message: "timed out", cause: error }) : error, attempt);
      if (final) throw new UnrecoverableError(inputError ? (error as Error).message : "share preparation failed");
      throw error;
    } finally {
      clearTimeout(deadline);
    }
  };

  // Before taking any job: a share folder older than any preparation may run belongs to a killed worker.
  await sweepScratch({ dir: path.dirname(shareScratch(ctx, "x")), olderThanMs: longestJobMs(config), logger });

  const worker = new Worker<ShareJobData>(SHARE_QUEUE, processor, {
    connection: { ...ctx.redisConnection, maxRetriesPerRequest: null },
    prefix: config.REDIS_PREFIX,
    // A poster renders in Chrome like a render does: one at a time beside the render worker.
    concurrency: 1,
    lockDuration: config.RENDER_LOCK_MS,
    stalledInterval: config.RENDER_LOCK_MS,
  });
  worker.on("error", (error) => logger.warn({ err: error }, "share worker connection error"));
  await worker.waitUntilReady();

  // Shares whose job Redis lost (or finished without recording the outcome) would stay preparing.
  // The queue's connection does not buffer commands: wait until it is up.
  await queue.queue.waitUntilReady().catch((error: unknown) => logger.warn({ err: error }, "share queue not ready at start-up"));
  const stuck = await db.selectFrom("shares").select("id").where("status", "=", "preparing").execute();
  for (const { id } of stuck) {
    try {
      const job = await queue.queue.getJob(id);
      const state = job ? await job.getState() : null;
      if (!job) await queue.enqueue(id);
      else if (state === "completed" || state === "failed") await fail(id, new Error(`its job ended ${state} without recording it`), job.attemptsMade);
    } catch (error) {
      logger.warn({ err: error, shareId: id }, "could not check a preparing share's job");
    }
  }
  logger.info({ preparing: stuck.length }, "share worker ready");

  let closing: Promise<void> | null = null;
  return { worker, close: () => (closing ??= worker.close()) };
};

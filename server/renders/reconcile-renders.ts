import type { ServerContext } from "../context";
import type { Services } from "../services";
import { failRender } from "./fail-render";

/**
 * Brings the database in line with the queue for renders it calls `queued` or `active`:
 * - queued, but its job is gone (Redis lost its data): queued again;
 * - active, but its job is gone, or the job failed without the render being marked failed (a
 *   worker died at the wrong moment): failed, with its minutes refunded and the webhook sent.
 * Safe to run anywhere, any time: enqueueing is a no-op for a job that exists, and failing is
 * a no-op for a render that is no longer queued or active.
 */
export const reconcileRenders = async (ctx: ServerContext, services: Pick<Services, "renderQueue" | "webhooks">): Promise<{ requeued: number; failed: number }> => {
  const rows = await ctx.db.selectFrom("renders").select(["id", "status"]).where("status", "in", ["queued", "active"]).execute();
  let requeued = 0;
  let failed = 0;
  for (const { id, status } of rows) {
    const job = await services.renderQueue.queue.getJob(id);
    if (!job && status === "queued") {
      await services.renderQueue.enqueue(id);
      requeued++;
      continue;
    }
    if (job && (await job.getState()) !== "failed") continue;
    // The job's failure reason may be a tool's output or an internal URL: the log gets it, the render a fixed message.
    if (job) ctx.logger.warn({ renderId: id, failedReason: job.failedReason }, "a render's job failed without the render being marked failed");
    const message = job ? "the render's job failed on the server; the server log has the details under this render's id" : "the render's job disappeared from the queue";
    if (await failRender(ctx, services.webhooks, id, { code: "RENDER_FAILED", message })) failed++;
  }
  return { requeued, failed };
};

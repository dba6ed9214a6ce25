import type { ServerContext } from "../context";
import type { Render } from "../db/tables";
import { quotaPeriod, settleRenderSeconds } from "../quotas/render-quota";
import type { WebhookService } from "../webhooks/webhook-service";

export type RenderError = { code: string; message: string; problems?: { path: string; message: string }[] };

/**
 * Marks a render failed, refunds its minutes and records the `render.failed` webhook, in one
 * transaction. Only a queued or active render changes, so calling it twice (the worker and the
 * reconciler both noticing) fails it once; returns the render when this call failed it.
 */
export const failRender = async (ctx: ServerContext, webhooks: Pick<WebhookService, "recordRenderEvent">, renderId: string, error: RenderError): Promise<Render | null> => {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const failed = await trx
      .updateTable("renders")
      .set({ status: "failed", error: JSON.stringify(error), finished_at: new Date() })
      .where("id", "=", renderId)
      .where("status", "in", ["queued", "active"])
      .returningAll()
      .executeTakeFirst();
    if (failed) {
      await settleRenderSeconds(trx, { userId: failed.user_id, period: quotaPeriod(failed.created_at), reserved: failed.reserved_seconds, used: 0 });
      await webhooks.recordRenderEvent(trx, failed, "render.failed");
    }
    return failed ?? null;
  });
  if (row) ctx.metrics.rendersFinished.inc({ template: row.template, status: "failed" });
  return row;
};

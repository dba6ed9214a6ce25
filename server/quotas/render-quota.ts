import { sql, type Transaction } from "kysely";
import { ReelgenError } from "../../script/reelgen-error";
import type { Database } from "../db/database";
import type { Role, Tables } from "../db/tables";
import type { Config } from "../config";

/** Calendar month (UTC) that render-minutes count against, e.g. `2026-11`. */
export const quotaPeriod = (at: Date = new Date()): string => at.toISOString().slice(0, 7);

/**
 * Render-minutes: reserved when a render is queued, settled to what the outputs really lasted
 * on completion, refunded on failure or cancel. Reservation locks the user's row for the month,
 * so concurrent submits are serialised and the limit is never over-spent.
 */
export const reserveRenderSeconds = async (trx: Transaction<Tables>, options: { userId: string; role: Role; seconds: number; config: Config }): Promise<string> => {
  const period = quotaPeriod();
  await trx.insertInto("quota_usage").values({ user_id: options.userId, period }).onConflict((oc) => oc.columns(["user_id", "period"]).doNothing()).execute();
  const row = await trx
    .selectFrom("quota_usage")
    .selectAll()
    .where("user_id", "=", options.userId)
    .where("period", "=", period)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const limitSeconds = options.config.TIERS[options.role].renderMinutesPerMonth * 60;
  const spent = row.reserved_seconds + row.used_seconds;
  if (spent + options.seconds > limitSeconds + 1e-9) {
    const left = Math.max(0, limitSeconds - spent);
    throw new ReelgenError({
      code: "QUOTA_EXCEEDED",
      message: `render-minutes for ${period} would be exceeded: this render needs ${(options.seconds / 60).toFixed(2)} min, ${(left / 60).toFixed(2)} of ${limitSeconds / 60} min left`,
    });
  }
  await trx
    .updateTable("quota_usage")
    .set({ reserved_seconds: sql`reserved_seconds + ${options.seconds}` })
    .where("user_id", "=", options.userId)
    .where("period", "=", period)
    .execute();
  return period;
};

/** Moves a render's reservation to what it used (0 for a refund). Runs inside the transaction that finishes the render. */
export const settleRenderSeconds = async (trx: Transaction<Tables> | Database, options: { userId: string; period: string; reserved: number; used: number }): Promise<void> => {
  await trx
    .updateTable("quota_usage")
    .set({
      reserved_seconds: sql`greatest(0, reserved_seconds - ${options.reserved})`,
      used_seconds: sql`used_seconds + ${options.used}`,
    })
    .where("user_id", "=", options.userId)
    .where("period", "=", options.period)
    .execute();
};

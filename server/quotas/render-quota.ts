import { sql, type Transaction } from "kysely";
import { frameSize, RESOLUTIONS, type Resolution } from "../../script/frame-size";
import type { Format } from "../../script/schema";
import { OUTPUT_PRESETS, type OutputPreset } from "../../renderer/index";
import { ReelgenError } from "../../script/reelgen-error";
import type { Database } from "../db/database";
import type { Role, Tables } from "../db/tables";
import type { Config } from "../config";

/** Calendar month (UTC) that render-minutes count against, e.g. `2026-11`. */
export const quotaPeriod = (at: Date = new Date()): string => at.toISOString().slice(0, 7);

/** Pixels of the reference frame (1080p 9:16, 1080×1920): one second of it costs one render-second in MP4. */
const REFERENCE_PIXELS = 1080 * 1920;
/** Smaller frames still cost this share of the reference: below it, starting the browser and the encoder dominates. */
const MIN_PIXEL_WEIGHT = 0.25;
/** How much slower each format renders than MP4 (H.264 `veryfast`), frames and encoding together. */
const FORMAT_FACTOR = { mp4: 1, gif: 1, prores: 2, webm: 4 } as const;
/** A still (PNG, JPEG) costs this many render-seconds, whatever its size: one frame. */
const STILL_SECONDS = 1;

/** One requested output, as much of it as its cost depends on. */
export type CostedOutput = { format: string; resolution?: string | null; preset?: string | null };

/**
 * What one output of a render costs, in render-seconds (the unit of the monthly render-minutes):
 * `seconds × max(0.25, pixels / 1080×1920) × format factor`, a still a flat 1. The one function
 * the submit estimate, the worker's check after voicing and the settlement all use.
 *
 * | output | pixel weight | × format | one second costs |
 * | --- | --- | --- | --- |
 * | 480p any shape (480×854, 480×480) | 0.25 (floor) | mp4, gif ×1 | 0.25 s |
 * | 720p 9:16 / 16:9 (720×1280) | 0.444 | webm ×4 | 1.78 s |
 * | 1080p 1:1 (1080×1080) | 0.5625 | mp4 ×1 | 0.5625 s |
 * | 1080p 4:5 (1080×1350) | 0.703 | mp4 ×1 | 0.703 s |
 * | 1080p 9:16 / 16:9 (1080×1920) | 1 | mp4 ×1 | 1 s |
 * | 1080p 9:16 | 1 | prores ×2 | 2 s |
 * | 4k 9:16 / 16:9 (2160×3840) | 4 | prores ×2 | 8 s |
 * | 4k 9:16 | 4 | webm ×4 | 16 s |
 * | png / jpeg, any size | — | — | 1 s per still |
 *
 * Format factors come from encoding 2 s of 1080×1920 on the render machine (x264 `veryfast` 2.6 s,
 * ProRes HQ 7.6 s, VP9 19.5 s, a GIF palette 3.5 s at half the frames) plus the browser's frame
 * capture, which all formats share. The frame's shape is the output's preset, else the script's
 * `format`; the resolution defaults to 1080p, as the renderer's does.
 */
export const renderCost = (options: { output: CostedOutput; seconds: number; scriptFormat: Format }): number => {
  const { output } = options;
  if (!(output.format in FORMAT_FACTOR)) return STILL_SECONDS;
  const shape = output.preset && output.preset in OUTPUT_PRESETS ? OUTPUT_PRESETS[output.preset as OutputPreset].format : options.scriptFormat;
  const resolution = output.resolution && output.resolution in RESOLUTIONS ? (output.resolution as Resolution) : "1080p";
  const { width, height } = frameSize(shape, resolution);
  const pixelWeight = Math.max(MIN_PIXEL_WEIGHT, (width * height) / REFERENCE_PIXELS);
  return options.seconds * pixelWeight * FORMAT_FACTOR[output.format as keyof typeof FORMAT_FACTOR];
};

/** The cost of every output of a render whose video lasts `seconds` (see {@link renderCost}). */
export const renderCostOf = (options: { outputs: CostedOutput[]; seconds: number; scriptFormat: Format }): number =>
  options.outputs.reduce((sum, output) => sum + renderCost({ output, seconds: options.seconds, scriptFormat: options.scriptFormat }), 0);

const minutes = (seconds: number) => (seconds / 60).toFixed(2);

/** Locks the user's row for the period (creating it), and refuses `more` render-seconds it cannot cover. */
const lockAndCheck = async (trx: Transaction<Tables>, options: { userId: string; role: Role; period: string; more: number; config: Config; need: string }) => {
  await trx.insertInto("quota_usage").values({ user_id: options.userId, period: options.period }).onConflict((oc) => oc.columns(["user_id", "period"]).doNothing()).execute();
  const row = await trx
    .selectFrom("quota_usage")
    .selectAll()
    .where("user_id", "=", options.userId)
    .where("period", "=", options.period)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const limitSeconds = options.config.TIERS[options.role].renderMinutesPerMonth * 60;
  const spent = row.reserved_seconds + row.used_seconds;
  if (spent + options.more > limitSeconds + 1e-9) {
    const left = Math.max(0, limitSeconds - spent);
    throw new ReelgenError({
      code: "QUOTA_EXCEEDED",
      message: `render-minutes for ${options.period} would be exceeded: ${options.need}, ${minutes(left)} of ${limitSeconds / 60} min left`,
    });
  }
};

/**
 * Reserves a new render's render-seconds and inserts its row in one statement, without a
 * transaction: the `quota_usage` update only matches while the month can cover `seconds`, and the
 * render row is inserted only from the row it updated. Concurrent reservations of one user queue
 * on that row's lock as in {@link reserveRenderSeconds}, and PostgreSQL checks the condition again
 * on the row as the previous one committed it, so the limit is never over-spent; but the lock is
 * held for one statement instead of a transaction's four round trips, so one user's submissions
 * no longer serialise on the network (`bench/api-throughput.ts` measures it).
 *
 * Returns the render, or `null` when nothing was written: the month's row does not exist yet, or
 * the month cannot cover it. The caller then takes {@link reserveRenderSeconds}' path, which
 * creates the row or throws QUOTA_EXCEEDED with the minutes left. A failing insert (an
 * Idempotency-Key already used: `23505`) undoes the reservation with it.
 */
export const reserveAndInsertRender = async <R>(
  db: Database,
  options: { role: Role; config: Config; render: { id: string; user_id: string; batch_id: string | null; project_id: string | null; template: string; script: string; outputs: string; reserved_seconds: number; idempotency_key: string | null; request_hash: string | null } },
): Promise<R | null> => {
  const { render } = options;
  const limitSeconds = options.config.TIERS[options.role].renderMinutesPerMonth * 60;
  // Explicit casts: parameters in an INSERT … SELECT list are not typed by their target columns.
  const { rows } = await sql<R>`
    with reserved as (
      update quota_usage set reserved_seconds = reserved_seconds + ${render.reserved_seconds}::double precision
      where user_id = ${render.user_id}::uuid and period = ${quotaPeriod()}
        and reserved_seconds + used_seconds + ${render.reserved_seconds}::double precision <= ${limitSeconds + 1e-9}::double precision
      returning user_id
    )
    insert into renders (id, user_id, batch_id, project_id, template, script, outputs, status, reserved_seconds, idempotency_key, request_hash)
    select ${render.id}::uuid, user_id, ${render.batch_id}::uuid, ${render.project_id}::uuid, ${render.template}::text, ${render.script}::jsonb, ${render.outputs}::jsonb,
      'queued', ${render.reserved_seconds}::double precision, ${render.idempotency_key}::text, ${render.request_hash}::text
    from reserved
    returning *`.execute(db);
  return rows[0] ?? null;
};

/**
 * Render-minutes: reserved when a render is queued, topped up (or refused) once the worker knows
 * the voiced length, settled to what the outputs really cost on completion (never more than was
 * reserved), refunded on failure or cancel. Reservation locks the user's row for the month, so
 * concurrent submits are serialised and the limit is never over-spent.
 */
export const reserveRenderSeconds = async (trx: Transaction<Tables>, options: { userId: string; role: Role; seconds: number; config: Config }): Promise<string> => {
  const period = quotaPeriod();
  await lockAndCheck(trx, { ...options, period, more: options.seconds, need: `this render needs ${minutes(options.seconds)} min` });
  await trx
    .updateTable("quota_usage")
    .set({ reserved_seconds: sql`reserved_seconds + ${options.seconds}` })
    .where("user_id", "=", options.userId)
    .where("period", "=", period)
    .execute();
  return period;
};

/**
 * Moves an active render's reservation to `seconds` (what it will really cost, known after
 * voicing), in one transaction that takes the same row lock as submit: more is reserved only if
 * the month can cover it (else `QUOTA_EXCEEDED`, and nothing changes); less gives the rest back
 * at once. Returns false when the render is no longer active (cancelled meanwhile).
 */
export const adjustRenderReservation = async (db: Database, options: { renderId: string; role: Role; seconds: number; config: Config }): Promise<boolean> =>
  db.transaction().execute(async (trx) => {
    // The render row first, then the quota row: the order cancel, fail and settle lock them in.
    const before = await trx.selectFrom("renders").select(["user_id", "created_at", "reserved_seconds"]).where("id", "=", options.renderId).where("status", "=", "active").forUpdate().executeTakeFirst();
    if (!before) return false;
    const period = quotaPeriod(before.created_at);
    const more = options.seconds - before.reserved_seconds;
    if (more > 0) {
      const need = `after voicing, this render needs ${minutes(more)} min more (${minutes(options.seconds)} min in all)`;
      await lockAndCheck(trx, { userId: before.user_id, role: options.role, period, more, config: options.config, need });
    }
    await trx.updateTable("renders").set({ reserved_seconds: options.seconds }).where("id", "=", options.renderId).execute();
    await trx
      .updateTable("quota_usage")
      .set({ reserved_seconds: sql`greatest(0, reserved_seconds + ${more})` })
      .where("user_id", "=", before.user_id)
      .where("period", "=", period)
      .execute();
    return true;
  });

/**
 * Moves a render's reservation to what it used (0 for a refund), never counting more than was
 * reserved. Runs inside the transaction that finishes the render.
 */
export const settleRenderSeconds = async (trx: Transaction<Tables> | Database, options: { userId: string; period: string; reserved: number; used: number }): Promise<void> => {
  await trx
    .updateTable("quota_usage")
    .set({
      reserved_seconds: sql`greatest(0, reserved_seconds - ${options.reserved})`,
      used_seconds: sql`used_seconds + ${Math.min(options.used, options.reserved)}`,
    })
    .where("user_id", "=", options.userId)
    .where("period", "=", options.period)
    .execute();
};

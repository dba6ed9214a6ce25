import { createHash, randomUUID } from "node:crypto";
import { buildTimeline } from "../../script/timeline";
import { checkRenderInput, checkScriptVoices, withOverrides, type OutputPreset } from "../../renderer/index";
import { underPath } from "../../script/validate-script";
import { ReelgenError, type Problem } from "../../script/reelgen-error";
import { scriptInputError } from "../http/script-input-error";
import type { Principal } from "../auth/principal";
import { requireScope } from "../auth/require-scope";
import { REQUEST_LIMITS } from "../config";
import type { ServerContext } from "../context";
import type { Render, RenderStatus, User } from "../db/tables";
import { quotaPeriod, renderCostOf, reserveAndInsertRender, reserveRenderSeconds, settleRenderSeconds } from "../quotas/render-quota";
import type { RenderQueue } from "./render-queue";
import { namedOutputs, STILL_FORMATS, type NamedOutput, type RenderRequest } from "./render-request";
import { renderView, type RenderBody } from "./render-view";
import { afterListCursor, toListPage } from "../http/list-cursor";
import { checkScriptMedia } from "./check-script-media";
import { matchSettingMedia } from "./match-setting-media";
import { refuseOversizedScript } from "./count-json-values";

export { MEDIA_REF } from "./check-script-media";

declare const checkedByService: unique symbol;
/**
 * A render request that passed `check`. Only `check` makes one (the brand below cannot be written
 * elsewhere without a cast) and `create` takes nothing else, so every path that creates a render
 * goes through `check`'s scope, script, media and voice checks.
 */
export type CheckedRender = { template: string; script: unknown; outputs: NamedOutput[]; seconds: number; projectId: string | null } & { readonly [checkedByService]: true };

/** The one rule for who may create renders: a signed-in user, or an API key holding `renders:write`. */
const requireCreate = (principal: Principal): void => requireScope(principal, "renders:write");

/**
 * An input error listing at most `REQUEST_LIMITS.problemsListed` problems: a script of thousands of
 * wrong values must not make a megabyte answer.
 */
const listingFewer = (error: ReelgenError): ReelgenError => {
  if (error.problems.length <= REQUEST_LIMITS.problemsListed) return error;
  const listed = error.problems.slice(0, REQUEST_LIMITS.problemsListed);
  const summary = `invalid script (${listed.length} of ${error.problems.length} problems listed)`;
  return new ReelgenError({ code: error.code, message: `${summary}: ${listed.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems: listed });
};

/** The order `String.prototype.localeCompare` gives (stored request hashes depend on it), without making a collator per comparison. */
const keyOrder = new Intl.Collator().compare;

/** Sorted-key JSON, so the same body always hashes the same for idempotency. */
const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => keyOrder(a, b))) : v,
  );

const canRead = (user: User, render: Pick<Render, "user_id">) => render.user_id === user.id || user.role === "admin";

/** Orders, lists, cancels and describes renders; the worker does the rendering. */
export const createRenderService = (ctx: ServerContext, queue: RenderQueue) => {
  const { db } = ctx;

  /**
   * The one gate every new render passes, whatever path ordered it (`/v1/renders`, a saved
   * project, a batch row, a generated script): the caller may create renders (an API key needs
   * `renders:write`); the template exists; the script is of a size worth validating, valid for its
   * pack and every output; its sources are the user's own media of the kind each place needs; its
   * voices are ones the speech provider lists; then its render-seconds are estimated. Problems
   * name JSON paths under `pathPrefix`.
   */
  const check = async (principal: Principal, request: RenderRequest, pathPrefix = "body"): Promise<CheckedRender> => {
    requireCreate(principal);
    const { user } = principal;
    let template = request.template;
    let script = request.script;
    let projectId: string | null = null;
    if (request.projectId) {
      const project = await db.selectFrom("projects").selectAll().where("id", "=", request.projectId).where("user_id", "=", user.id).executeTakeFirst();
      if (!project) throw new ReelgenError({ code: "NOT_FOUND", message: `project ${request.projectId} not found` });
      const version = await db
        .selectFrom("project_versions")
        .selectAll()
        .where("project_id", "=", project.id)
        .where("version", "=", request.projectVersion ?? project.latest_version)
        .executeTakeFirst();
      if (!version) throw new ReelgenError({ code: "NOT_FOUND", message: `project ${project.id} has no version ${request.projectVersion}` });
      template = template ?? version.template;
      script = version.script;
      projectId = project.id;
    }
    refuseOversizedScript(script, `${pathPrefix}.script`);
    const outputs = namedOutputs(request.outputs);
    let checked;
    try {
      checked = checkRenderInput(script, template!);
      // A preset changes the script's format: that variant must be valid too. Without one the script is the one just checked.
      for (const o of outputs) if (o.preset) checkRenderInput(withOverrides(checked.script, { preset: o.preset as OutputPreset }), template!);
    } catch (error) {
      const inputError = scriptInputError(error, pathPrefix);
      throw inputError ? listingFewer(inputError) : error;
    }
    // Scripts on the server may only point at the user's own media library (never server files), each of the right kind,
    // and name only voices the speech provider lists: a render that can never be voiced is refused here, not retried.
    const problems = [
      ...(await checkScriptMedia({ db, userId: user.id, script: checked.script, at: `${pathPrefix}.script` })),
      ...(await checkScriptVoices(checked.script, ctx.speechProvider)).map((p) => ({ path: underPath(`${pathPrefix}.script`, p.path), message: p.message })),
    ];
    if (problems.length) throw listingFewer(new ReelgenError({ code: "VALIDATION_FAILED", message: `invalid script: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems }));
    // The estimate (reading speed): the worker checks the voiced length again before the first frame.
    const timeline = buildTimeline(checked.script, checked.pack.fps);
    const videoSeconds = timeline.durationInFrames / timeline.fps;
    const { maxVideoSeconds } = ctx.config.TIERS[user.role];
    if (outputs.some((o) => !STILL_FORMATS.has(o.format)) && videoSeconds > maxVideoSeconds) {
      const problem = { path: `${pathPrefix}.script`, message: `the video would last about ${videoSeconds.toFixed(1)} s; the ${user.role} tier allows at most ${maxVideoSeconds} s` };
      throw new ReelgenError({ code: "LIMIT_EXCEEDED", message: `${problem.path}: ${problem.message}`, problems: [problem] });
    }
    const seconds = renderCostOf({ outputs, seconds: videoSeconds, scriptFormat: checked.script.format });
    // A built-in setting gives way to the user's own image or video tagged with it (or with the scene's mood).
    const withMedia = await matchSettingMedia({ db, userId: user.id, script: checked.script });
    return { template: template!, script: withMedia, outputs, seconds, projectId } as CheckedRender;
  };

  /**
   * Inserts the render and reserves its minutes (one statement when the month's row exists and
   * can cover them; else one transaction that creates the row or refuses), then queues it (or
   * undoes both).
   */
  const create = async (user: User, checked: CheckedRender, extra: { batchId?: string; idempotencyKey?: string; requestHash?: string }): Promise<Render> => {
    const values = {
      id: randomUUID(),
      user_id: user.id,
      batch_id: extra.batchId ?? null,
      project_id: checked.projectId,
      template: checked.template,
      script: JSON.stringify(checked.script),
      outputs: JSON.stringify(checked.outputs),
      reserved_seconds: checked.seconds,
      idempotency_key: extra.idempotencyKey ?? null,
      request_hash: extra.requestHash ?? null,
    };
    const render =
      (await reserveAndInsertRender<Render>(db, { role: user.role, config: ctx.config, render: values })) ??
      (await db.transaction().execute(async (trx) => {
        await reserveRenderSeconds(trx, { userId: user.id, role: user.role, seconds: checked.seconds, config: ctx.config });
        return trx
          .insertInto("renders")
          .values({ ...values, status: "queued" })
          .returningAll()
          .executeTakeFirstOrThrow();
      }));
    try {
      await queue.enqueue(render.id);
    } catch (error) {
      // Without Redis the render cannot run: take it back so the caller can simply retry.
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("renders").where("id", "=", render.id).execute();
        await settleRenderSeconds(trx, { userId: user.id, period: quotaPeriod(render.created_at), reserved: render.reserved_seconds, used: 0 });
      });
      throw error;
    }
    return render;
  };

  return {
    requireCreate,
    check,
    create,

    async submit(principal: Principal, request: RenderRequest, idempotencyKey: string | null): Promise<{ render: RenderBody; replayed: boolean }> {
      // Before the idempotency lookup too: a replay hands out a render as much as a new order does.
      requireCreate(principal);
      const { user } = principal;
      const requestHash = createHash("sha256").update(canonicalJson(request)).digest("hex");
      if (idempotencyKey) {
        const existing = await db.selectFrom("renders").selectAll().where("user_id", "=", user.id).where("idempotency_key", "=", idempotencyKey).executeTakeFirst();
        if (existing) {
          if (existing.request_hash !== requestHash) {
            throw new ReelgenError({ code: "IDEMPOTENCY_CONFLICT", message: "this Idempotency-Key was used with a different request body" });
          }
          return { render: renderView(existing), replayed: true };
        }
      }
      const checked = await check(principal, request);
      try {
        return { render: renderView(await create(user, checked, { idempotencyKey: idempotencyKey ?? undefined, requestHash })), replayed: false };
      } catch (error) {
        // Two concurrent requests with one key: the unique index lets one in; answer the other with it.
        if (idempotencyKey && (error as { code?: string }).code === "23505") {
          const winner = await db.selectFrom("renders").selectAll().where("user_id", "=", user.id).where("idempotency_key", "=", idempotencyKey).executeTakeFirst();
          if (winner && winner.request_hash === requestHash) return { render: renderView(winner), replayed: true };
          throw new ReelgenError({ code: "IDEMPOTENCY_CONFLICT", message: "this Idempotency-Key was used with a different request body" });
        }
        throw error;
      }
    },

    async get(user: User, id: string): Promise<Render> {
      const render = await db.selectFrom("renders").selectAll().where("id", "=", id).executeTakeFirst();
      // Another user's render is "not found", not "forbidden": ids do not leak.
      if (!render || !canRead(user, render)) throw new ReelgenError({ code: "NOT_FOUND", message: `render ${id} not found` });
      return render;
    },

    /** Newest first, keyset pagination: the cursor is the last item's (created_at, id). */
    async list(user: User, options: { status?: RenderStatus; batchId?: string; cursor?: string; limit: number }) {
      let query = db.selectFrom("renders").selectAll().where("user_id", "=", user.id);
      if (options.status) query = query.where("status", "=", options.status);
      if (options.batchId) query = query.where("batch_id", "=", options.batchId);
      if (options.cursor) query = query.where(afterListCursor(options.cursor));
      const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(options.limit + 1).execute();
      const { page, nextCursor } = toListPage(rows, options.limit);
      return { renders: page.map(renderView), nextCursor };
    },

    /** Cancels a queued or running render: its minutes are refunded and the worker stops Chrome and FFmpeg. */
    async cancel(user: User, id: string): Promise<RenderBody> {
      const render = await this.get(user, id);
      // Admins may look at any render, but only its owner may stop it.
      if (render.user_id !== user.id) throw new ReelgenError({ code: "NOT_FOUND", message: `render ${id} not found` });
      if (render.status !== "queued" && render.status !== "active") {
        throw new ReelgenError({ code: "CONFLICT", message: `render ${id} is already ${render.status}` });
      }
      const cancelled = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("renders")
          .set({ status: "cancelled", finished_at: new Date(), error: JSON.stringify({ code: "CANCELLED", message: "cancelled by the user" }) })
          .where("id", "=", id)
          .where("status", "in", ["queued", "active"])
          .returningAll()
          .executeTakeFirst();
        if (row) await settleRenderSeconds(trx, { userId: row.user_id, period: quotaPeriod(row.created_at), reserved: row.reserved_seconds, used: 0 });
        return row;
      });
      if (!cancelled) throw new ReelgenError({ code: "CONFLICT", message: `render ${id} finished before it could be cancelled` });
      await queue.cancel(id);
      return renderView(cancelled);
    },
  };
};

export type RenderService = ReturnType<typeof createRenderService>;

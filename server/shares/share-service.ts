import { createHash } from "node:crypto";
import ipaddr from "ipaddr.js";
import { sql, type Insertable } from "kysely";
import { checkRenderInput, checkScriptVoices } from "../../renderer/index";
import { frameSize } from "../../script/frame-size";
import { ReelgenError, type Problem } from "../../script/reelgen-error";
import type { Script } from "../../script/schema";
import { buildTimeline } from "../../script/timeline";
import { underPath } from "../../script/validate-script";
import type { ServerContext } from "../context";
import type { Share, SharesTable, User } from "../db/tables";
import { scriptInputError } from "../http/script-input-error";
import { enforceUserLimit } from "../quotas/enforce-user-limit";
import { checkScriptMedia } from "../renders/check-script-media";
import type { NamedOutput } from "../renders/render-request";
import type { OutputResult } from "../renders/render-view";
import { sharePrefix } from "./prepare-share";
import type { ShareQueue } from "./share-queue";
import { ASSET_NAME, NO_LONGER_AVAILABLE, newShareId, SHARE_ID, type PublishProjectRequest, type PublishRenderRequest } from "./share-view";

/** One view per viewer per share per this long (see `countView`). */
const VIEW_WINDOW_SECONDS = 3600;
/** Browsers play these; ProRes and GIF outputs cannot be a share's video. */
const PLAYABLE = ["mp4", "webm"];
const MAX_VIEWS = 2_147_483_647;

const notFound = (id: string) => new ReelgenError({ code: "NOT_FOUND", message: `share ${id} not found` });
const unavailable = () => new ReelgenError({ code: "NOT_FOUND", message: NO_LONGER_AVAILABLE });

/** Where a newest-first list of shares goes on: the last share's creation time and id. */
const encodeCursor = (row: Share) => Buffer.from(JSON.stringify({ t: row.created_at.toISOString(), id: row.id })).toString("base64url");
const decodeCursor = (cursor: string): { t: string; id: string } => {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { t?: unknown; id?: unknown };
    // Only the exact form encodeCursor writes reaches the timestamptz cast.
    if (typeof value.t === "string" && typeof value.id === "string" && SHARE_ID.test(value.id) && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(value.t) && new Date(value.t).toISOString() === value.t) {
      return { t: value.t, id: value.id };
    }
  } catch {
    // fall through
  }
  throw new ReelgenError({ code: "VALIDATION_FAILED", message: "cursor is not one this API returned", problems: [{ path: "query.cursor", message: "invalid cursor" }] });
};

/**
 * Who a viewer is for counting: their IPv4 address, or their IPv6 /64 (one home or phone gets a
 * whole /64, so counting single IPv6 addresses would let one viewer count millions of times),
 * hashed so Redis never holds an address.
 */
const viewerKey = (ip: string): string => {
  let text = ip;
  try {
    let address = ipaddr.parse(ip);
    if (address.kind() === "ipv6" && (address as ipaddr.IPv6).isIPv4MappedAddress()) address = (address as ipaddr.IPv6).toIPv4Address();
    text = address.kind() === "ipv6" ? (address as ipaddr.IPv6).parts.slice(0, 4).join(":") : address.toString();
  } catch {
    // Not an address (a test's socket): counted as what it is.
  }
  return createHash("sha256").update(text).digest("base64url").slice(0, 22);
};

const validationFailed = (problems: Problem[]) =>
  new ReelgenError({ code: "VALIDATION_FAILED", message: `invalid script: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems });

/**
 * Public shares: publish a project version or a finished render (a worker then prepares it once:
 * voices, files, poster), list and revoke them, and what anonymous viewers get (the JSON the
 * player needs and the share's own files). Another user's share is NOT_FOUND; an unknown, revoked
 * or failed share answers viewers "this video is no longer available".
 */
export const createShareService = (ctx: ServerContext, queue: ShareQueue) => {
  const { db, config } = ctx;

  /** Inserts a share (at most the tier's `maxShares`), then queues its preparation, or takes it back when the queue is down. */
  const insert = async (user: User, values: Omit<Insertable<SharesTable>, "id" | "user_id" | "status">): Promise<Share> => {
    const row = await db.transaction().execute(async (trx) => {
      await enforceUserLimit(trx, {
        user,
        config,
        limit: "maxShares",
        used: async (t) => Number((await t.selectFrom("shares").select((eb) => eb.fn.countAll<string>().as("count")).where("user_id", "=", user.id).executeTakeFirstOrThrow()).count),
      });
      return trx
        .insertInto("shares")
        .values({ ...values, id: newShareId(), user_id: user.id, status: "preparing" })
        .returningAll()
        .executeTakeFirstOrThrow();
    });
    try {
      await queue.enqueue(row.id);
    } catch (error) {
      await db.deleteFrom("shares").where("id", "=", row.id).execute();
      throw error;
    }
    return row;
  };

  const owned = async (user: User, id: string): Promise<Share> => {
    const row = SHARE_ID.test(id) ? await db.selectFrom("shares").selectAll().where("id", "=", id).where("user_id", "=", user.id).executeTakeFirst() : undefined;
    if (!row) throw notFound(id);
    return row;
  };

  const origins = (body: { allowedOrigins?: string[] }) => JSON.stringify([...new Set(body.allowedOrigins ?? [])]);

  return {
    /**
     * Publishes a version of a project (default its latest). The script must still be one that
     * renders: valid for its pack, every source the owner's media of the right kind, every voice
     * the speech engine's, and no longer than the tier's `maxVideoSeconds` (the voices are
     * synthesised for it). The share is `preparing` until a worker has voiced it once.
     */
    async publishProject(user: User, projectId: string, body: PublishProjectRequest): Promise<Share> {
      const project = await db.selectFrom("projects").selectAll().where("id", "=", projectId).where("user_id", "=", user.id).executeTakeFirst();
      if (!project) throw new ReelgenError({ code: "NOT_FOUND", message: `project ${projectId} not found` });
      const versionNumber = body.version ?? project.latest_version;
      const version = await db.selectFrom("project_versions").selectAll().where("project_id", "=", project.id).where("version", "=", versionNumber).executeTakeFirst();
      if (!version) throw new ReelgenError({ code: "NOT_FOUND", message: `project ${project.id} has no version ${versionNumber}` });
      let checked;
      try {
        checked = checkRenderInput(version.script, version.template);
      } catch (error) {
        // Saved under an older pack schema that no longer accepts it: say where, as a save would.
        throw scriptInputError(error, `project.versions[${versionNumber}]`) ?? error;
      }
      const at = `project.versions[${versionNumber}].script`;
      const problems = [
        ...(await checkScriptMedia({ db, userId: user.id, script: checked.script, at })),
        ...(await checkScriptVoices(checked.script, ctx.speechProvider)).map((p) => ({ path: underPath(at, p.path), message: p.message })),
      ];
      if (problems.length) throw validationFailed(problems.slice(0, 100));
      const seconds = buildTimeline(checked.script, checked.pack.fps).durationInFrames / checked.pack.fps;
      const { maxVideoSeconds } = config.TIERS[user.role];
      if (seconds > maxVideoSeconds) {
        const message = `the video would last about ${seconds.toFixed(1)} s; the ${user.role} tier allows at most ${maxVideoSeconds} s`;
        throw new ReelgenError({ code: "LIMIT_EXCEEDED", message: `${at}: ${message}`, problems: [{ path: at, message }] });
      }
      const size = frameSize(checked.script.format, "1080p");
      return insert(user, {
        kind: "project",
        project_id: project.id,
        project_version: versionNumber,
        template: version.template,
        ...size,
        title: body.title ?? (checked.script as Script).title,
        author: body.author ?? null,
        allowed_origins: origins(body),
        want_poster: body.poster ?? true,
      });
    },

    /** Publishes one video output (mp4 or webm) of the caller's own completed render, with its captions. */
    async publishRender(user: User, renderId: string, body: PublishRenderRequest): Promise<Share> {
      const render = await db.selectFrom("renders").selectAll().where("id", "=", renderId).where("user_id", "=", user.id).executeTakeFirst();
      if (!render) throw new ReelgenError({ code: "NOT_FOUND", message: `render ${renderId} not found` });
      if (render.status !== "completed") throw new ReelgenError({ code: "CONFLICT", message: `render ${renderId} is ${render.status}; a render can be shared once it completes` });
      const outputs = render.outputs as NamedOutput[];
      const output = body.output ? outputs.find((o) => o.name === body.output) : (outputs.find((o) => o.format === "mp4") ?? outputs.find((o) => o.format === "webm"));
      if (!output) {
        const problem = body.output ? { path: "body.output", message: `render ${renderId} has no output ${body.output}` } : { path: "body.output", message: "this render has no mp4 or webm output to play" };
        throw new ReelgenError({ code: "UNPROCESSABLE", message: `${problem.path}: ${problem.message}`, problems: [problem] });
      }
      if (!PLAYABLE.includes(output.format)) {
        const problem = { path: "body.output", message: `output ${output.name} is ${output.format}; browsers play mp4 and webm` };
        throw new ReelgenError({ code: "UNPROCESSABLE", message: `${problem.path}: ${problem.message}`, problems: [problem] });
      }
      const result = ((render.result as { outputs?: OutputResult[] } | null)?.outputs ?? []).find((o) => o.name === output.name);
      if (!result) throw new ReelgenError({ code: "CONFLICT", message: `render ${renderId} recorded no file for output ${output.name}` });
      return insert(user, {
        kind: "render",
        render_id: render.id,
        render_output: output.name,
        template: render.template,
        width: result.width,
        height: result.height,
        title: body.title ?? String((render.script as { title?: unknown }).title ?? "Untitled"),
        author: body.author ?? null,
        allowed_origins: origins(body),
        want_poster: body.poster ?? true,
      });
    },

    /** The caller's shares, newest first, with keyset pagination; optionally those of one project or render. */
    async list(user: User, options: { projectId?: string; renderId?: string; cursor?: string; limit: number }): Promise<{ shares: Share[]; nextCursor: string | null }> {
      let query = db.selectFrom("shares").selectAll().where("user_id", "=", user.id);
      if (options.projectId) query = query.where("project_id", "=", options.projectId);
      if (options.renderId) query = query.where("render_id", "=", options.renderId);
      if (options.cursor) {
        const after = decodeCursor(options.cursor);
        query = query.where(sql<boolean>`(created_at, id) < (${after.t}::timestamptz, ${after.id})`);
      }
      const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(options.limit + 1).execute();
      const page = rows.slice(0, options.limit);
      return { shares: page, nextCursor: rows.length > options.limit ? encodeCursor(page[page.length - 1]!) : null };
    },

    get: owned,

    /**
     * Revokes a share: it is deleted with its files, and its id answers 404 from then on, like an
     * id that never existed. Copies already in viewers' caches (its files are cacheable for a day)
     * are beyond reach.
     */
    async revoke(user: User, id: string): Promise<void> {
      const row = SHARE_ID.test(id) ? await db.deleteFrom("shares").where("id", "=", id).where("user_id", "=", user.id).returning(["id", "status"]).executeTakeFirst() : undefined;
      if (!row) throw notFound(id);
      if (row.status === "preparing") await queue.remove(id);
      await ctx.storage.deletePrefix(sharePrefix(id));
    },

    /** Any share by id, whatever its state, for the public routes (`null` when there is none). */
    async find(id: string): Promise<Share | null> {
      if (!SHARE_ID.test(id)) return null;
      return (await db.selectFrom("shares").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
    },

    /**
     * What a viewer may play: a ready share. Preparing is a CONFLICT with `Retry-After` (a worker is
     * on it); unknown, revoked and failed ones are one NOT_FOUND. `origin` is the request's
     * `Origin` header: with an allowed-origins list, a page of another origin is refused (a
     * browser always sends it on cross-origin requests and scripts cannot change it; a
     * same-origin request, such as the server's own /embed page, sends none).
     */
    playable(share: Share | null, origin: string | undefined): Share {
      if (!share || share.status === "failed") throw unavailable();
      if (origin !== undefined && share.allowed_origins.length && !share.allowed_origins.includes(origin)) {
        throw new ReelgenError({ code: "FORBIDDEN", message: "this video cannot be played on this website" });
      }
      if (share.status === "preparing") throw new ReelgenError({ code: "CONFLICT", message: "this video is still being prepared; try again in a few seconds", retryAfterSeconds: 5 });
      return share;
    },

    /**
     * Counts a view: at most one per viewer (IPv4 address or IPv6 /64) per share per hour, with one
     * `SET NX EX` in Redis and, only for a new viewer-hour, one row update. Reloading, seeking and
     * replaying add nothing; a viewer with many addresses can still add one per address per hour.
     * While Redis is away views go uncounted rather than failing the player.
     */
    async countView(share: Share, ip: string): Promise<void> {
      try {
        const fresh = await ctx.redis.set(`${config.REDIS_PREFIX}:share-view:${share.id}:${viewerKey(ip)}`, "1", "EX", VIEW_WINDOW_SECONDS, "NX");
        if (fresh !== "OK") return;
      } catch (error) {
        ctx.logger.debug({ err: error, shareId: share.id }, "view not counted: Redis unavailable");
        return;
      }
      await db.updateTable("shares").set({ views: sql<number>`least(views + 1, ${MAX_VIEWS})` }).where("id", "=", share.id).execute();
    },

    /** A ready share's file (its storage key): only names its preparation recorded, so nothing else in storage can be named. */
    asset(share: Share, name: string): { key: string; mime: string; bytes: number } {
      const asset = ASSET_NAME.test(name) && Object.hasOwn(share.assets, name) ? share.assets[name] : undefined;
      if (!asset) throw new ReelgenError({ code: "NOT_FOUND", message: `this share has no file ${name}` });
      return { key: `${sharePrefix(share.id)}/${name}`, ...asset };
    },

    /**
     * The `frame-ancestors` value for the share's `/embed/<id>` page: its allowed origins, or any
     * page (`*`) without a list. The page's Content-Security-Policy is what stops other sites from
     * framing it; the JSON's Origin check cannot, as the iframe fetches from its own origin.
     */
    async frameAncestors(id: string): Promise<string> {
      const share = SHARE_ID.test(id) ? await db.selectFrom("shares").select("allowed_origins").where("id", "=", id).executeTakeFirst() : undefined;
      return share?.allowed_origins.length ? share.allowed_origins.join(" ") : "*";
    },
  };
};

export type ShareService = ReturnType<typeof createShareService>;

import { randomUUID } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { sql, type Transaction } from "kysely";
import { ReelgenError } from "../../script/reelgen-error";
import type { ServerContext } from "../context";
import type { Database } from "../db/database";
import type { Media, MediaTable, Tables, User } from "../db/tables";
import { stripUnsafeDisplayCharacters } from "../http/display-text";
import { containsPattern } from "../db/contains-pattern";
import { afterListCursor, toListPage } from "../http/list-cursor";
import { enforceUserLimit, limitExceeded } from "../quotas/enforce-user-limit";
import { checkStorageKey, runFf } from "../../renderer/index";
import { inspectUpload } from "./inspect-upload";

export type MediaKind = MediaTable["kind"];

/** What the API shows of one library asset. */
export type MediaView = {
  id: string;
  kind: MediaKind;
  mime: string;
  /** The uploaded file's name, cleaned for display; never used on disk. */
  filename: string;
  bytes: number;
  sha256: string;
  width: number | null;
  height: number | null;
  durationSec: number | null;
  tags: string[];
  createdAt: string;
  /** What a script puts in a `src` to use this asset. */
  ref: string;
};

/** A stored asset's file (its storage key), for a download. */
export type MediaFile = { key: string; mime: string; bytes: number; downloadName: string };

const view = (row: Media): MediaView => ({
  id: row.id,
  kind: row.kind,
  mime: row.mime,
  filename: row.filename,
  bytes: row.bytes,
  sha256: row.sha256,
  width: row.width,
  height: row.height,
  durationSec: row.duration_sec,
  tags: row.tags,
  createdAt: row.created_at.toISOString(),
  ref: `media:${row.id}`,
});

const notFound = (id: string) => new ReelgenError({ code: "NOT_FOUND", message: `media ${id} not found` });

const MAX_FILENAME_CHARS = 200;
/** A thumbnail fits this box (px): sharp in a grid cell on a phone's 2× screen, a few kB. */
const THUMBNAIL_BOX = 400;
const THUMBNAIL_TIMEOUT_MS = 30_000;

/** Where an asset's thumbnail is kept, next to its file: `media/<userId>/<id>.thumb.jpg`. */
const thumbnailPath = (storagePath: string) => storagePath.replace(/\.[^./]*$/, "") + ".thumb.jpg";

/**
 * The client's file name reduced to something safe to show and to offer as a download name: its
 * last path segment, without the characters the display-text rule refuses elsewhere (controls,
 * bidirectional formatting, which can disguise `gpj.exe` as `exe.jpg`), at most 200 characters.
 */
const cleanFilename = (name: string, fallback: string): string => {
  const last = name.split(/[/\\]/).pop() ?? "";
  const cleaned = Array.from(stripUnsafeDisplayCharacters(last.normalize("NFC")).trim())
    .slice(0, MAX_FILENAME_CHARS)
    .join("")
    .trim();
  return cleaned === "" || cleaned === "." || cleaned === ".." ? fallback : cleaned;
};

const uniqueTags = (tags: string[]) => [...new Set(tags)];

/**
 * The user's media library: uploads are inspected (type from content, limits), stored under a
 * server-generated key `media/<userId>/<uuid>.<ext>` in storage and recorded in `media`. Every
 * lookup is scoped to the owner; another user's asset is "not found".
 */
export const createMediaService = (ctx: ServerContext) => {
  const { db, logger, storage } = ctx;
  const maxBytes = Math.floor(ctx.config.MAX_UPLOAD_MB * 1024 * 1024);
  /** Where thumbnails are made before they are stored: local scratch space, never storage. */
  const scratchDir = path.join(ctx.config.DATA_DIR, "tmp", "thumbnails");

  /** A row's storage key; refuses (as a server fault) any row whose path is not a plain relative key. */
  const storedKey = (storagePath: string) => {
    try {
      return checkStorageKey(storagePath);
    } catch (error) {
      throw new ReelgenError({ code: "INTERNAL", message: "internal error; the request id identifies it in the server log", cause: new Error(`media path is not a storage key: ${storagePath}`, { cause: error }) });
    }
  };

  /** Removes a stored object or a local file; a failure is logged, never thrown, since the caller is already answering. */
  const discard = async (what: { key: string } | { file: string }) => {
    try {
      if ("key" in what) await storage.delete(what.key);
      else await rm(what.file, { recursive: true, force: true });
    } catch (error) {
      logger.warn({ err: error, ...what }, "could not remove a media file");
    }
  };

  const owned = async (user: User, id: string): Promise<Media> => {
    const row = await db.selectFrom("media").selectAll().where("id", "=", id).where("user_id", "=", user.id).executeTakeFirst();
    if (!row) throw notFound(id);
    return row;
  };

  /** The user's file count and total bytes. */
  const held = async (trx: Transaction<Tables> | Database, userId: string): Promise<{ files: number; bytes: number }> => {
    const row = await trx
      .selectFrom("media")
      .select((eb) => [eb.fn.countAll<string>().as("files"), eb.fn.coalesce(eb.fn.sum<string>("bytes"), sql<string>`0`).as("bytes")])
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    return { files: Number(row.files), bytes: Number(row.bytes) };
  };

  /** Thumbnails being made, by asset id: parallel requests for one share its work (resolves to the thumbnail's key). */
  const making = new Map<string, Promise<string | null>>();

  /**
   * The asset's JPEG thumbnail, made on first request with FFmpeg (an image scaled into
   * {@link THUMBNAIL_BOX}; a video's frame at 1 s, or its middle when shorter) and kept beside
   * the file. Null when FFmpeg cannot read the file (the upload check accepts some files only
   * browsers decode); the caller then falls back to the file itself or to nothing.
   */
  const thumbnailOf = async (row: Media): Promise<MediaFile | null> => {
    const key = storedKey(thumbnailPath(row.storage_path));
    const existing = await storage.head(key);
    if (existing) return { key, mime: "image/jpeg", bytes: existing.size, downloadName: `${row.id}.jpg` };
    let pending = making.get(row.id);
    if (!pending) {
      pending = (async () => {
        // FFmpeg reads local files: the asset comes out of storage into scratch space, the thumbnail goes back in.
        const work = path.join(scratchDir, randomUUID());
        const source = path.join(work, `source${path.posix.extname(row.storage_path)}`);
        const temp = path.join(work, "thumbnail.jpg");
        const seek = row.kind === "video" ? ["-ss", String(Math.min(1, (row.duration_sec ?? 0) / 2))] : [];
        try {
          await mkdir(work, { recursive: true });
          await storage.downloadTo(storedKey(row.storage_path), source);
          await runFf(
            "ffmpeg",
            ["-v", "error", ...seek, "-i", source, "-frames:v", "1", "-vf", `scale='min(${THUMBNAIL_BOX},iw)':'min(${THUMBNAIL_BOX},ih)':force_original_aspect_ratio=decrease`, "-q:v", "5", "-f", "image2", "-update", "1", "-c:v", "mjpeg", temp],
            { timeoutMs: THUMBNAIL_TIMEOUT_MS, what: "thumbnail (ffmpeg)" },
          );
          await storage.putFile(key, temp, { move: true, contentType: "image/jpeg" });
          return key;
        } catch (error) {
          logger.warn({ err: error, mediaId: row.id }, "could not make a media thumbnail");
          return null;
        } finally {
          making.delete(row.id);
          await discard({ file: work });
        }
      })();
      making.set(row.id, pending);
    }
    const made = await pending;
    const stored = made ? await storage.head(made) : null;
    return stored ? { key: made!, mime: "image/jpeg", bytes: stored.size, downloadName: `${row.id}.jpg` } : null;
  };

  const fileOf = (row: Media): MediaFile => {
    const ext = path.posix.extname(row.storage_path);
    const stem = row.filename.replace(/\.[^.]*$/, "") || row.id;
    return { key: storedKey(row.storage_path), mime: row.mime, bytes: row.bytes, downloadName: `${stem}${ext}` };
  };

  return {
    /**
     * Refuses an upload early (before its body is received) when the library is already full:
     * at the tier's `maxMediaFiles`, or at `maxMediaMegabytes`. Only a courtesy: `upload` checks
     * again, exactly, under the user's lock.
     */
    async checkRoom(user: User): Promise<void> {
      const { files, bytes } = await held(db, user.id);
      const limits = ctx.config.TIERS[user.role];
      if (files >= limits.maxMediaFiles) throw limitExceeded({ config: ctx.config, role: user.role, limit: "maxMediaFiles" });
      if (bytes >= limits.maxMediaMegabytes * 1024 * 1024) {
        throw limitExceeded({ config: ctx.config, role: user.role, limit: "maxMediaMegabytes", detail: "the library is full" });
      }
    },

    /**
     * Inspects `tempFile` (a fresh upload the caller hands over), puts it into storage and
     * records it. On any failure the temp file is removed and neither a row nor a stored file remains.
     * @throws ReelgenError from {@link inspectUpload} (`PAYLOAD_TOO_LARGE`, `UNSUPPORTED_MEDIA_TYPE`, `MEDIA_REJECTED`);
     *   `LIMIT_EXCEEDED` past the tier's `maxMediaFiles` or `maxMediaMegabytes`.
     */
    async upload(user: User, input: { tempFile: string; originalName: string; tags: string[]; signal?: AbortSignal }): Promise<MediaView> {
      let stored: string | null = null;
      try {
        const media = await inspectUpload({ filePath: input.tempFile, declaredName: input.originalName, limits: { maxBytes }, signal: input.signal });
        const id = randomUUID();
        // Built only from ids and the detected type: the client's name never reaches the file system.
        const storagePath = path.posix.join("media", user.id, `${id}.${media.ext}`);
        stored = storedKey(storagePath);
        await storage.putFile(stored, input.tempFile, { move: true, contentType: media.mime });
        const row = await db.transaction().execute(async (trx) => {
          // Both limits under the one lock: parallel uploads cannot each see room for themselves.
          const config = ctx.config;
          await enforceUserLimit(trx, { user, config, limit: "maxMediaFiles", used: async (t) => (await held(t, user.id)).files });
          await enforceUserLimit(trx, { user, config, limit: "maxMediaMegabytes", used: async (t) => (await held(t, user.id)).bytes, adding: media.bytes });
          return trx
            .insertInto("media")
            .values({
              id,
              user_id: user.id,
              kind: media.kind,
              mime: media.mime,
              filename: cleanFilename(input.originalName, `${id}.${media.ext}`),
              storage_path: storagePath,
              bytes: media.bytes,
              sha256: media.sha256,
              width: media.width,
              height: media.height,
              duration_sec: media.durationSec,
              tags: JSON.stringify(uniqueTags(input.tags)),
              // Set here rather than by now(): millisecond precision, so a list cursor (a JavaScript date) matches exactly.
              created_at: new Date(),
            })
            .returningAll()
            .executeTakeFirstOrThrow();
        });
        return view(row);
      } catch (error) {
        await discard({ file: input.tempFile });
        if (stored) await discard({ key: stored });
        throw error;
      }
    },

    /** Newest first, keyset pagination: the cursor is the last item's (created_at, id). `q`: only assets whose filename or a tag contains it (case-insensitive). */
    async list(user: User, options: { q?: string; kind?: MediaKind; tag?: string; cursor?: string; limit: number }): Promise<{ media: MediaView[]; nextCursor: string | null }> {
      let query = db.selectFrom("media").selectAll().where("user_id", "=", user.id);
      if (options.q) {
        const pattern = containsPattern(options.q);
        query = query.where(sql<boolean>`(filename ilike ${pattern} or exists (select 1 from jsonb_array_elements_text(tags) as tag where tag ilike ${pattern}))`);
      }
      if (options.kind) query = query.where("kind", "=", options.kind);
      if (options.tag) query = query.where(sql<boolean>`tags @> ${JSON.stringify([options.tag])}::jsonb`);
      if (options.cursor) query = query.where(afterListCursor(options.cursor));
      const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(options.limit + 1).execute();
      const { page, nextCursor } = toListPage(rows, options.limit);
      return { media: page.map(view), nextCursor };
    },

    async get(user: User, id: string): Promise<MediaView> {
      return view(await owned(user, id));
    },

    /** Replaces the asset's tags (already normalized by the caller; duplicates are dropped). */
    async updateTags(user: User, id: string, tags: string[]): Promise<MediaView> {
      const row = await db
        .updateTable("media")
        .set({ tags: JSON.stringify(uniqueTags(tags)) })
        .where("id", "=", id)
        .where("user_id", "=", user.id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notFound(id);
      return view(row);
    },

    /** Deletes the row, then the file: a failure in between leaves an orphan file, never a row without its file. */
    async remove(user: User, id: string): Promise<void> {
      const row = await db.deleteFrom("media").where("id", "=", id).where("user_id", "=", user.id).returning("storage_path").executeTakeFirst();
      if (!row) throw notFound(id);
      await discard({ key: storedKey(row.storage_path) });
      await discard({ key: storedKey(thumbnailPath(row.storage_path)) });
    },

    /** Where the asset's file is, with what to send it as; the download name carries the detected type's extension. */
    async filePath(user: User, id: string): Promise<MediaFile> {
      return fileOf(await owned(user, id));
    },

    /** The file of any user's asset: only for a signed link, whose signature is the owner's grant. */
    async signedFilePath(id: string): Promise<MediaFile> {
      const row = await db.selectFrom("media").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row) throw notFound(id);
      return fileOf(row);
    },

    /**
     * An image's or video's thumbnail (JPEG) for a signed link; an image FFmpeg cannot read falls
     * back to its own file. Audio has none (NOT_FOUND), nor has a video FFmpeg cannot read.
     */
    async signedThumbnail(id: string): Promise<MediaFile> {
      const row = await db.selectFrom("media").selectAll().where("id", "=", id).executeTakeFirst();
      if (!row || row.kind === "audio") throw notFound(id);
      const made = await thumbnailOf(row);
      if (made) return made;
      if (row.kind === "image") return fileOf(row);
      throw new ReelgenError({ code: "NOT_FOUND", message: `media ${id} has no thumbnail` });
    },
  };
};

export type MediaService = ReturnType<typeof createMediaService>;

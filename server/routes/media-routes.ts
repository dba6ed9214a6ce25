import { randomUUID } from "node:crypto";
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { Request, Response } from "express";
import multer from "multer";
import { z } from "zod";
import { ReelgenError, type Problem } from "../../script/reelgen-error";
import type { Config } from "../config";
import { defineRoute } from "../http/define-route";
import { displayText } from "../http/display-text";
import type { MediaFile, MediaView } from "../media/media-service";
import { sendStoredFile } from "../http/send-stored-file";
import { signMediaUrl, verifyMediaSignature } from "../renders/signed-url";
import type { ServerContext } from "../context";
import { uploadTempDir } from "../media/sweep-uploads";
import { ErrorBody, uuidParam } from "./shapes";

const KINDS = ["image", "audio", "video"] as const;
const MAX_TAGS = 20;

const Tag = displayText(
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(40)
    .regex(/^[^\p{Cc},]+$/u, "must not contain commas or control characters"),
);
const Tags = z.array(Tag).max(MAX_TAGS);

const MediaBody = z
  .object({
    id: z.uuid(),
    kind: z.enum(KINDS),
    mime: z.string().describe("Detected from the file's content, not from its name or the upload's Content-Type"),
    filename: z.string().describe("The uploaded file's name, for display only"),
    bytes: z.number().int(),
    sha256: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    durationSec: z.number().nullable(),
    tags: z.array(z.string()),
    createdAt: z.string(),
    ref: z.string().describe('Use as a script `src`: "media:<id>"'),
    url: z
      .string()
      .describe(
        "A signed link to the file that works without credentials (for `<img>`, `<video>`, `<audio>`) until `urlExpiresAt`; the same within one window, so browsers cache it. An image's own file is also its thumbnail.",
      ),
    thumbnailUrl: z.string().nullable().describe("A signed link to a small JPEG (at most 400×400): an image scaled down, a video's frame at 1 s; null for audio. Expires with `url`"),
    urlExpiresAt: z.string(),
  })
  .meta({ id: "Media" });

const MediaList = z.object({ media: z.array(MediaBody), nextCursor: z.string().nullable() }).meta({ id: "MediaList" });

const ListQuery = z
  .object({
    q: z.string().trim().min(1).max(100).optional().describe("Only assets whose filename or a tag contains this text (case-insensitive; `%` and `_` match literally)"),
    kind: z.enum(KINDS).optional(),
    tag: Tag.optional(),
    cursor: z.string().max(500).optional().describe("`nextCursor` of the previous page"),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .meta({ id: "MediaListQuery" });

const TagsUpdate = z.object({ tags: Tags }).meta({ id: "MediaTagsUpdate" });

/** The view with its signed link, absolute like the render download links (`PUBLIC_URL`, else the request's host). */
const withUrl = (ctx: ServerContext, req: Request, media: MediaView) => {
  const signed = signMediaUrl(ctx.jwtSecret, media.id, ctx.config.SIGNED_URL_SECONDS);
  const base = (ctx.config.PUBLIC_URL ?? `${req.protocol}://${req.get("host")}`).replace(/\/$/, "");
  const thumbnail = media.kind === "audio" ? null : signMediaUrl(ctx.jwtSecret, media.id, ctx.config.SIGNED_URL_SECONDS, "thumbnail").path;
  return { ...media, url: `${base}${signed.path}`, thumbnailUrl: thumbnail && `${base}${thumbnail}`, urlExpiresAt: signed.expiresAt.toISOString() };
};

/** Sends a stored media file; `disposition` says whether the browser shows it or saves it. Answers Range requests (seeking in `<video>`). */
const sendMediaFile = async (req: Request, res: Response, ctx: ServerContext, file: MediaFile, id: string, disposition: "inline" | "attachment", cacheControl: string) => {
  // attachment() guesses a type from the name; the detected type must win, so it is set after.
  if (disposition === "attachment") res.attachment(file.downloadName);
  else res.setHeader("Content-Disposition", "inline");
  res.setHeader("Content-Type", file.mime);
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Cache-Control", cacheControl);
  // Missing: the asset was deleted between the lookup and the send.
  await sendStoredFile(req, res, { storage: ctx.storage, key: file.key, notFound: () => new ReelgenError({ code: "NOT_FOUND", message: `media ${id} not found` }) });
};

const validation = (message: string, problems: Problem[]) => new ReelgenError({ code: "VALIDATION_FAILED", message, problems });

/** The multipart `tags` field(s): repeated, comma-separated, or both; empty pieces are skipped. */
const formTags = (raw: unknown): string[] => {
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  if (!values.every((v): v is string => typeof v === "string")) {
    throw validation("invalid request: body.tags: must be text", [{ path: "body.tags", message: "must be text" }]);
  }
  const pieces = values.flatMap((v) => v.split(",")).map((t) => t.trim()).filter(Boolean);
  const parsed = Tags.safeParse(pieces);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => ({ path: ["body.tags", ...i.path.map((p) => `[${String(p)}]`)].join(""), message: i.message }));
    throw validation(`invalid request: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems);
  }
  return parsed.data;
};

/** Turns what multer and busboy reject with into API errors; file-system faults stay server errors. */
const uploadError = (error: unknown, config: Config): unknown => {
  if (error instanceof multer.MulterError) {
    if (error.code === "LIMIT_FILE_SIZE") {
      return new ReelgenError({ code: "PAYLOAD_TOO_LARGE", message: `the file is larger than the limit of ${config.MAX_UPLOAD_MB} MB`, cause: error });
    }
    if (error.code === "LIMIT_FILE_COUNT" || error.code === "LIMIT_UNEXPECTED_FILE") {
      return validation("invalid request: body.file: send exactly one file, in the field `file`", [{ path: "body.file", message: "send exactly one file, in the field `file`" }]);
    }
    return validation(`invalid multipart/form-data body: ${error.message}`, [{ path: "body", message: error.message }]);
  }
  const fault = error as NodeJS.ErrnoException;
  // A full disk among them: the app's error handler makes it the one 503 with Retry-After.
  if (fault.syscall) return error;
  // busboy's parse errors ("Unexpected end of form", "Malformed part header", no boundary) and aborted requests.
  return validation(`invalid multipart/form-data body: ${fault.message}`, [{ path: "body", message: String(fault.message) }]);
};

/**
 * Streams the multipart body to `<DATA_DIR>/tmp/uploads` under random names, recording every
 * path it creates in `written` so the caller can remove them whatever happens.
 */
const receiveFile = async (req: Request, res: Response, config: Config, written: string[]): Promise<Express.Multer.File | undefined> => {
  const dir = uploadTempDir(config.DATA_DIR);
  await mkdir(dir, { recursive: true });
  const parse = multer({
    storage: multer.diskStorage({
      destination: (_req, _file, callback) => callback(null, dir),
      filename: (_req, _file, callback) => {
        const name = randomUUID();
        written.push(path.join(dir, name));
        callback(null, name);
      },
    }),
    limits: { fileSize: Math.floor(config.MAX_UPLOAD_MB * 1024 * 1024), files: 1, fields: 10, fieldSize: 10_000, parts: 20 },
    // Browsers and fetch send a file name's UTF-8 bytes as they are; busboy would read them as Latin-1.
    defParamCharset: "utf8",
  }).single("file");
  await new Promise<void>((resolve, reject) => {
    parse(req, res, (error?: unknown) => (error ? reject(uploadError(error, config)) : resolve()));
  });
  return req.file;
};

const removeAll = async (files: string[], req: Request) => {
  for (const file of files) {
    try {
      await rm(file, { force: true });
    } catch (error) {
      req.log?.warn({ err: error, file }, "could not remove an upload's temp file");
    }
  }
};

export const mediaRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/media",
    summary: "Upload an image, audio or video file to the media library",
    tag: "media",
    access: { kind: "any", scope: "media:write" },
    rawBody: {
      contentType: "multipart/form-data",
      description:
        "Field `file`: one PNG, JPEG, WebP or GIF image, MP3, WAV, Ogg, Opus, FLAC, M4A or AAC audio, or MP4, WebM or QuickTime video (the type is read from the content). Optional `tags`: comma-separated or repeated, each 1–40 characters, at most 20.",
    },
    responses: {
      201: { description: "Stored; use `ref` in scripts", schema: MediaBody },
      400: { description: "No file, or a malformed form", schema: ErrorBody },
      413: { description: "Over the upload size limit", schema: ErrorBody },
      415: { description: "Not multipart/form-data, or not an allowed media type", schema: ErrorBody },
      422: { description: "Unreadable media, over the dimension or duration limits, or over the tier's maxMediaFiles / maxMediaMegabytes (LIMIT_EXCEEDED)", schema: ErrorBody },
    },
    handler: async ({ req, res, principal, ctx, services }) => {
      if (!req.is("multipart/form-data")) {
        throw new ReelgenError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "send the upload as multipart/form-data with the file in the field `file`" });
      }
      // A client that hangs up mid-inspection should not keep ffprobe busy.
      const gone = new AbortController();
      const onClose = () => {
        if (!res.writableFinished) gone.abort(new ReelgenError({ code: "UNPROCESSABLE", message: "the client closed the connection during the upload" }));
      };
      res.once("close", onClose);
      // A full library is refused before the body is read, not after 200 MB of it.
      await services.media.checkRoom(principal!.user);
      const written: string[] = [];
      try {
        const file = await receiveFile(req, res, ctx.config, written);
        const tags = formTags((req.body as Record<string, unknown> | undefined)?.tags);
        if (!file) throw validation("invalid request: body.file: required", [{ path: "body.file", message: "required: the media file to upload" }]);
        const media = await services.media.upload(principal!.user, { tempFile: file.path, originalName: file.originalname, tags, signal: gone.signal });
        return { status: 201, body: withUrl(ctx, req, media), headers: { Location: `/v1/media/${media.id}` } };
      } finally {
        res.off("close", onClose);
        // The service moved or removed the file it got; anything else multer wrote (an aborted or rejected part) goes here.
        await removeAll(written, req);
      }
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/media",
    summary: "This account's media library, newest first",
    tag: "media",
    access: { kind: "any", scope: "media:read" },
    query: ListQuery,
    responses: { 200: { description: "One page", schema: MediaList }, 400: { description: "Invalid query", schema: ErrorBody } },
    handler: async ({ query, principal, services, ctx, req }) => {
      const page = await services.media.list(principal!.user, query);
      return { body: { ...page, media: page.media.map((m) => withUrl(ctx, req, m)) } };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/media/:id",
    summary: "One media asset",
    tag: "media",
    access: { kind: "any", scope: "media:read" },
    responses: { 200: { description: "The asset", schema: MediaBody }, 404: { description: "Not found", schema: ErrorBody } },
    handler: async ({ params, principal, services, ctx, req }) => ({ body: withUrl(ctx, req, await services.media.get(principal!.user, uuidParam(params, "id", "media"))) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/media/:id/file",
    summary: "Download a media asset's file",
    tag: "media",
    access: { kind: "any", scope: "media:read" },
    responses: {
      200: { description: "The file, as an attachment, with its detected type", contentType: "application/octet-stream" },
      404: { description: "Not found", schema: ErrorBody },
    },
    handler: async ({ params, principal, services, ctx, req, res }) => {
      const id = uuidParam(params, "id", "media");
      await sendMediaFile(req, res, ctx, await services.media.filePath(principal!.user, id), id, "attachment", "private, no-cache");
      return undefined;
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/files/media/:id",
    summary: "A media file through its signed link (no credentials), shown inline; answers Range requests",
    tag: "media",
    access: { kind: "public", budget: "viewer" },
    query: z.object({ expires: z.coerce.number().int(), signature: z.string().max(100) }),
    responses: {
      200: { description: "The file, with its detected type", contentType: "application/octet-stream" },
      403: { description: "Bad or expired signature", schema: ErrorBody },
      404: { description: "The asset was deleted", schema: ErrorBody },
    },
    handler: async ({ params, query, services, ctx, req, res }) => {
      const id = uuidParam(params, "id", "media");
      if (!verifyMediaSignature(ctx.jwtSecret, id, query.expires, query.signature)) {
        throw new ReelgenError({ code: "FORBIDDEN", message: "the link's signature is invalid or has expired" });
      }
      // Private (a shared cache would serve it past the link's expiry), but the browser may keep it until then.
      const maxAge = Math.max(0, query.expires - Math.floor(Date.now() / 1000));
      await sendMediaFile(req, res, ctx, await services.media.signedFilePath(id), id, "inline", `private, max-age=${maxAge}`);
      return undefined;
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/files/media/:id/thumbnail",
    summary: "An image's or video's thumbnail (JPEG, at most 400×400) through its signed link (no credentials); made on first request",
    tag: "media",
    access: { kind: "public", budget: "viewer" },
    query: z.object({ expires: z.coerce.number().int(), signature: z.string().max(100) }),
    responses: {
      200: { description: "The thumbnail (an image FFmpeg cannot read: the image itself)", contentType: "image/jpeg" },
      403: { description: "Bad or expired signature", schema: ErrorBody },
      404: { description: "The asset was deleted, is audio, or is a video FFmpeg cannot read", schema: ErrorBody },
    },
    handler: async ({ params, query, services, ctx, req, res }) => {
      const id = uuidParam(params, "id", "media");
      if (!verifyMediaSignature(ctx.jwtSecret, id, query.expires, query.signature, "thumbnail")) {
        throw new ReelgenError({ code: "FORBIDDEN", message: "the link's signature is invalid or has expired" });
      }
      const maxAge = Math.max(0, query.expires - Math.floor(Date.now() / 1000));
      await sendMediaFile(req, res, ctx, await services.media.signedThumbnail(id), id, "inline", `private, max-age=${maxAge}`);
      return undefined;
    },
  }),
  defineRoute({
    method: "patch",
    path: "/v1/media/:id",
    summary: "Replace a media asset's tags",
    tag: "media",
    access: { kind: "any", scope: "media:write" },
    body: TagsUpdate,
    responses: { 200: { description: "The asset", schema: MediaBody }, 404: { description: "Not found", schema: ErrorBody } },
    handler: async ({ body, params, principal, services, ctx, req }) => ({
      body: withUrl(ctx, req, await services.media.updateTags(principal!.user, uuidParam(params, "id", "media"), body.tags)),
    }),
  }),
  defineRoute({
    method: "delete",
    path: "/v1/media/:id",
    summary: "Delete a media asset and its file",
    tag: "media",
    access: { kind: "any", scope: "media:write" },
    responses: { 204: { description: "Deleted" }, 404: { description: "Not found", schema: ErrorBody } },
    handler: async ({ params, principal, services }) => {
      await services.media.remove(principal!.user, uuidParam(params, "id", "media"));
      return { status: 204 };
    },
  }),
];

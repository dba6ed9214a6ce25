import type { Request, Response } from "express";
import { z } from "zod";
import { ReelgenError } from "../../script/reelgen-error";
import type { Share } from "../db/tables";
import { defineRoute } from "../http/define-route";
import { sendStoredFile } from "../http/send-stored-file";
import {
  embedSize,
  iframeHtml,
  NO_LONGER_AVAILABLE,
  OEmbedBody,
  PublicShareBody,
  PublishProjectRequest,
  PublishRenderRequest,
  publicBase,
  publicShareView,
  SHARE_ID,
  ShareBody,
  shareIdParam,
  shareView,
  assetUrl,
} from "../shares/share-view";
import { ErrorBody, uuidParam } from "./shapes";

/** What a foreign page's script may read of a share's public answers, besides the safelisted headers. */
const EXPOSED = "Content-Range, Content-Length, Accept-Ranges, Retry-After";

/**
 * CORS for the public share routes only (nothing else in the API answers cross-origin reads):
 * before the share is known, and for every error, any page may read the answer (no credentials
 * are ever involved), so a player on a foreign page can show why it cannot play. Once the share
 * is known: its allowed origins get their own origin echoed (and caches keep one copy per
 * origin), a share without a list gets `*`.
 */
const allowAnyOrigin = (res: Response) => {
  res.set({ "Access-Control-Allow-Origin": "*", "Access-Control-Expose-Headers": EXPOSED, "Cross-Origin-Resource-Policy": "cross-origin" });
  res.vary("Origin");
};
const allowShareOrigin = (res: Response, share: Share, origin: string | undefined) => {
  if (share.allowed_origins.length && origin !== undefined) res.set("Access-Control-Allow-Origin", origin);
};

/**
 * The `Origin` header a browser sends on cross-origin requests, as the share service checks it;
 * this server's own pages (the app, the embed page) may always play.
 */
const originOf = (req: Request, base: string): string | undefined => {
  const origin = req.get("origin");
  return origin === undefined || origin === new URL(base).origin ? undefined : origin;
};

const OEmbedQuery = z.object({
  url: z.string().min(1).max(2000).describe("A share's embed URL (`/embed/<id>`) or share page URL"),
  format: z.enum(["json", "xml"]).default("json").describe("Only json is provided (xml answers 501)"),
  maxwidth: z.coerce.number().int().min(1).max(10_000).optional(),
  maxheight: z.coerce.number().int().min(1).max(10_000).optional(),
});

/** The share id in a URL of this server's: `/embed/<id>`, `/s/<id>`, `/shares/<id>` or `/v1/shares/<id>/public`. */
const shareIdOfUrl = (text: string, base: string): string | null => {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.origin !== new URL(base).origin) return null;
  const prefix = new URL(base).pathname.replace(/\/$/, "");
  const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
  const m = /^\/(?:embed|s|shares|v1\/shares)\/([A-Za-z0-9_-]{24})(?:\/public)?\/?$/.exec(path);
  return m && SHARE_ID.test(m[1]!) ? m[1]! : null;
};

export const shareRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/projects/:id/share",
    summary: "Publish a version of a project as a public share (its voices and poster are prepared once, then anyone can play it)",
    tag: "shares",
    access: { kind: "any", scope: "shares:write" },
    body: PublishProjectRequest,
    responses: {
      202: { description: "Published; `preparing` until a worker has voiced it", schema: ShareBody },
      400: { description: "Invalid request, or the version's script no longer validates (problems name JSON paths)", schema: ErrorBody },
      404: { description: "No such project or version (or another user's)", schema: ErrorBody },
      422: { description: "The tier's maxShares or maxVideoSeconds (LIMIT_EXCEEDED)", schema: ErrorBody },
      503: { description: "Queue unavailable", schema: ErrorBody },
    },
    handler: async ({ params, body, principal, services, ctx, req }) => {
      const share = await services.shares.publishProject(principal!.user, uuidParam(params, "id", "project"), body);
      return { status: 202, body: shareView(share, publicBase(ctx.config, req)), headers: { Location: `/v1/shares/${share.id}` } };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/renders/:id/share",
    summary: "Publish a completed render's video (with its captions) as a public share",
    tag: "shares",
    access: { kind: "any", scope: "shares:write" },
    body: PublishRenderRequest,
    responses: {
      202: { description: "Published; `preparing` until its files and poster are in place", schema: ShareBody },
      404: { description: "No such render (or another user's)", schema: ErrorBody },
      409: { description: "The render has not completed", schema: ErrorBody },
      422: { description: "No playable output (mp4 or webm), or the tier's maxShares", schema: ErrorBody },
      503: { description: "Queue unavailable", schema: ErrorBody },
    },
    handler: async ({ params, body, principal, services, ctx, req }) => {
      const share = await services.shares.publishRender(principal!.user, uuidParam(params, "id", "render"), body);
      return { status: 202, body: shareView(share, publicBase(ctx.config, req)), headers: { Location: `/v1/shares/${share.id}` } };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/shares",
    summary: "The caller's shares, newest first, with cursor pagination",
    tag: "shares",
    access: { kind: "any", scope: "shares:read" },
    query: z.object({
      projectId: z.uuid().optional(),
      renderId: z.uuid().optional(),
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    responses: { 200: { description: "A page", schema: z.object({ shares: z.array(ShareBody), nextCursor: z.string().nullable() }).meta({ id: "SharePage" }) } },
    handler: async ({ query, principal, services, ctx, req }) => {
      const page = await services.shares.list(principal!.user, query);
      const base = publicBase(ctx.config, req);
      return { body: { shares: page.shares.map((s) => shareView(s, base)), nextCursor: page.nextCursor } };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/shares/:id",
    summary: "A share of the caller's: status, views, URLs and embed snippets",
    tag: "shares",
    access: { kind: "any", scope: "shares:read" },
    responses: { 200: { description: "The share", schema: ShareBody }, 404: { description: "Not found (or another user's)", schema: ErrorBody } },
    handler: async ({ params, principal, services, ctx, req }) => ({ body: shareView(await services.shares.get(principal!.user, shareIdParam(params)), publicBase(ctx.config, req)) }),
  }),
  defineRoute({
    method: "delete",
    path: "/v1/shares/:id",
    summary: "Revoke a share: its files are deleted and its id answers 404 from then on",
    tag: "shares",
    access: { kind: "any", scope: "shares:write" },
    responses: { 204: { description: "Revoked" }, 404: { description: "Not found (or another user's)", schema: ErrorBody } },
    handler: async ({ params, principal, services }) => {
      await services.shares.revoke(principal!.user, shareIdParam(params));
      return { status: 204 };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/shares/:id/public",
    summary: "What the embeddable player loads: a ready share's voiced script (or video), with every file as a URL. No credentials; counts a view",
    tag: "shares",
    access: { kind: "public", budget: "viewer" },
    responses: {
      200: { description: "The share", schema: PublicShareBody },
      403: { description: "A page of an origin not in the share's allowed origins", schema: ErrorBody },
      404: { description: `Unknown, revoked or failed: "${NO_LONGER_AVAILABLE}"`, schema: ErrorBody },
      409: { description: "Still being prepared; Retry-After says when to ask again", schema: ErrorBody },
    },
    handler: async ({ params, services, ctx, req, res, ip }) => {
      allowAnyOrigin(res);
      res.set("Cache-Control", "no-cache");
      const origin = originOf(req, publicBase(ctx.config, req));
      const share = services.shares.playable(await services.shares.find(shareIdParam(params, NO_LONGER_AVAILABLE)), origin);
      allowShareOrigin(res, share, origin);
      await services.shares.countView(share, ip);
      return { body: publicShareView(share, publicBase(ctx.config, req)) };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/shares/:id/assets/:name",
    summary: "A file of a ready share (voice, media, poster, video, captions); Range requests are answered 206",
    tag: "shares",
    access: { kind: "public", budget: "viewer" },
    responses: {
      200: { description: "The file", contentType: "application/octet-stream" },
      206: { description: "The requested range", contentType: "application/octet-stream" },
      403: { description: "A page of an origin not in the share's allowed origins", schema: ErrorBody },
      404: { description: "No such share or file", schema: ErrorBody },
      416: { description: "The range is outside the file", schema: ErrorBody },
    },
    handler: async ({ params, services, ctx, req, res }) => {
      allowAnyOrigin(res);
      const origin = originOf(req, publicBase(ctx.config, req));
      const share = services.shares.playable(await services.shares.find(shareIdParam(params, NO_LONGER_AVAILABLE)), origin);
      const asset = services.shares.asset(share, params.name ?? "");
      allowShareOrigin(res, share, origin);
      res.set({
        "Content-Type": asset.mime,
        "X-Content-Type-Options": "nosniff",
        // A share's files never change (content-named, or fixed once it is ready); a revoked share's copies in caches expire within a day.
        "Cache-Control": "public, max-age=86400, immutable",
        // Opened directly, a file (an uploaded image, say) is inert: no scripts, no plugins.
        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; media-src 'self'; sandbox",
      });
      // Revoked between the lookup and the send: gone like any revoked share.
      await sendStoredFile(req, res, { storage: ctx.storage, key: asset.key, notFound: () => new ReelgenError({ code: "NOT_FOUND", message: NO_LONGER_AVAILABLE }) });
      return undefined;
    },
  }),
  defineRoute({
    method: "get",
    path: "/oembed",
    summary: "oEmbed (https://oembed.com) for a share's embed or page URL: its iframe snippet, size and thumbnail",
    tag: "shares",
    access: { kind: "public", budget: "viewer" },
    query: OEmbedQuery,
    responses: {
      200: { description: "The oEmbed answer", schema: OEmbedBody },
      404: { description: "Not a share of this server's, or revoked or failed", schema: ErrorBody },
      501: { description: "format=xml (only JSON is provided)", schema: ErrorBody },
    },
    handler: async ({ query, services, ctx, req }) => {
      if (query.format !== "json") throw new ReelgenError({ code: "NOT_IMPLEMENTED", message: "only format=json is provided" });
      const base = publicBase(ctx.config, req);
      const id = shareIdOfUrl(query.url, base);
      const share = id ? await services.shares.find(id) : null;
      if (!share || share.status === "failed") throw new ReelgenError({ code: "NOT_FOUND", message: id ? NO_LONGER_AVAILABLE : `${query.url} is not a share of ${base}` });
      const size = embedSize(share.width, share.height, { maxWidth: query.maxwidth ?? 640, maxHeight: query.maxheight ?? 640 });
      const poster = share.content?.poster ?? null;
      const thumb = poster ? embedSize(poster.width, poster.height, { maxWidth: query.maxwidth ?? poster.width, maxHeight: query.maxheight ?? poster.height }) : null;
      const body: z.infer<typeof OEmbedBody> = {
        version: "1.0",
        type: "video",
        title: share.title,
        ...(share.author ? { author_name: share.author } : {}),
        provider_name: "reelgen",
        provider_url: base,
        html: iframeHtml({ base, shareId: share.id, title: share.title, ...size }),
        ...size,
        // The spec's thumbnail respects maxwidth/maxheight too: only when the poster fits.
        ...(poster && thumb && thumb.width === poster.width ? { thumbnail_url: assetUrl(base, share.id, poster.name), thumbnail_width: poster.width, thumbnail_height: poster.height } : {}),
        cache_age: 3600,
      };
      return { body, headers: { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" } };
    },
  }),
];

import { randomBytes } from "node:crypto";
import type { Request } from "express";
import { z } from "zod";
import { mapScriptSources } from "../../script/script-sources";
import type { Script } from "../../script/schema";
import { ReelgenError } from "../../script/reelgen-error";
import type { Config } from "../config";
import type { Share } from "../db/tables";
import { displayText } from "../http/display-text";

/** A share id: 24 url-safe characters, 144 random bits, so ids can neither be guessed nor listed. */
export const SHARE_ID = /^[A-Za-z0-9_-]{24}$/;
export const newShareId = (): string => randomBytes(18).toString("base64url");

/** A share's asset names: made by the server (`voice-<hash>.wav`, `poster.jpg`), never by a caller. */
export const ASSET_NAME = /^[a-z0-9][a-z0-9.-]{0,99}$/;

/** What a player shows for an unknown, revoked or failed share: one message, so a revoked id and a made-up one look alike. */
export const NO_LONGER_AVAILABLE = "this video is no longer available";

/** An exact web origin: scheme, host and port, as a browser sends it in `Origin`. */
const Origin = z
  .string()
  .max(300)
  .refine(
    (text) => {
      try {
        const url = new URL(text);
        return (url.protocol === "https:" || url.protocol === "http:") && url.origin === text;
      } catch {
        return false;
      }
    },
    { error: "must be an origin such as https://example.com: scheme, lower-case host and port only, no path or trailing slash" },
  );

const ShareOptions = {
  allowedOrigins: z
    .array(Origin)
    .max(20)
    .optional()
    .describe("Pages of these origins only may load the share's JSON in a browser (and frame /embed/<id>); empty or left out: any page"),
  poster: z.boolean().optional().describe("Render a cover image (the frame the renderer picks) at publish time; default true"),
  title: displayText(z.string().trim().min(1).max(200)).optional().describe("Shown by the player and oEmbed; default the script's title"),
  author: displayText(z.string().trim().min(1).max(100)).optional().describe("A display name for the player and oEmbed's author_name; default none"),
};

export const PublishProjectRequest = z
  .object({
    // PostgreSQL's integer: a larger number can name no version.
    version: z.number().int().positive().max(2_147_483_647).optional().describe("The project version to publish; default the latest"),
    ...ShareOptions,
  })
  .meta({ id: "PublishProjectRequest" });
export type PublishProjectRequest = z.infer<typeof PublishProjectRequest>;

export const PublishRenderRequest = z
  .object({
    output: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/).optional().describe("The render's output to play (an mp4 or webm); default its first mp4, else its first webm"),
    ...ShareOptions,
  })
  .meta({ id: "PublishRenderRequest" });
export type PublishRenderRequest = z.infer<typeof PublishRenderRequest>;

const ShareError = z.object({ code: z.string(), message: z.string(), problems: z.array(z.object({ path: z.string(), message: z.string() })).optional() });

export const ShareBody = z
  .object({
    id: z.string().describe("Unguessable; the id in every public URL"),
    kind: z.enum(["project", "render"]),
    status: z.enum(["preparing", "ready", "failed"]).describe("preparing: a worker is voicing it and rendering its poster; only a ready share plays"),
    title: z.string(),
    author: z.string().nullable(),
    template: z.string(),
    width: z.number(),
    height: z.number(),
    projectId: z.uuid().nullable(),
    projectVersion: z.number().nullable(),
    renderId: z.uuid().nullable(),
    renderOutput: z.string().nullable(),
    allowedOrigins: z.array(z.string()),
    poster: z.boolean().describe("Whether a cover image was asked for"),
    error: ShareError.nullable().describe("Why preparing failed"),
    views: z.number().describe("Viewers counted when the player loads the share's JSON: one per address per hour"),
    createdAt: z.string(),
    readyAt: z.string().nullable(),
    urls: z.object({
      embed: z.string().describe("The iframe page"),
      public: z.string().describe("The JSON the player loads"),
      oembed: z.string(),
      poster: z.string().nullable(),
    }),
    snippets: z.object({ iframe: z.string(), script: z.string() }).describe("Copy-paste embed code"),
  })
  .meta({ id: "Share" });
export type ShareBody = z.infer<typeof ShareBody>;

export const PublicShareBody = z
  .object({
    id: z.string(),
    kind: z.enum(["project", "render"]).describe("project: play `props` with the template pack; render: play `video` with its `captions`"),
    title: z.string(),
    author: z.string().nullable(),
    template: z.string().describe("The pack to play `props` with (a project share)"),
    fps: z.number(),
    durationInFrames: z.number(),
    durationSec: z.number(),
    format: z.string().describe("The script's aspect ratio, e.g. 9:16"),
    width: z.number().describe("The composition's width (a render share: the video's)"),
    height: z.number(),
    poster: z.string().nullable().describe("URL of the cover image"),
    props: z.record(z.string(), z.unknown()).nullable().describe("A project share: the validated, voiced script (speech and word timings on every line), every `src` a URL under this share"),
    video: z.object({ src: z.string(), mime: z.string() }).nullable().describe("A render share: the rendered video"),
    captions: z.string().nullable().describe("A render share: its WebVTT captions"),
    embedUrl: z.string(),
  })
  .meta({ id: "PublicShare" });
export type PublicShareBody = z.infer<typeof PublicShareBody>;

export const OEmbedBody = z
  .object({
    version: z.literal("1.0"),
    type: z.literal("video"),
    title: z.string(),
    author_name: z.string().optional(),
    provider_name: z.string(),
    provider_url: z.string(),
    html: z.string(),
    width: z.number(),
    height: z.number(),
    thumbnail_url: z.string().optional(),
    thumbnail_width: z.number().optional(),
    thumbnail_height: z.number().optional(),
    cache_age: z.number().optional(),
  })
  .meta({ id: "OEmbed" });
export type OEmbedBody = z.infer<typeof OEmbedBody>;

/** Where this server is reached: `PUBLIC_URL`, else the request's own scheme and host. */
export const publicBase = (config: Config, req: Request): string => (config.PUBLIC_URL ?? `${req.protocol}://${req.get("host")}`).replace(/\/$/, "");

export const assetUrl = (base: string, shareId: string, name: string) => `${base}/v1/shares/${shareId}/assets/${name}`;
export const embedUrl = (base: string, shareId: string) => `${base}/embed/${shareId}`;

const escapeHtml = (text: string) => text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The iframe snippet oEmbed and the share list hand out. */
export const iframeHtml = (options: { base: string; shareId: string; title: string; width: number; height: number }) =>
  `<iframe src="${escapeHtml(embedUrl(options.base, options.shareId))}" width="${options.width}" height="${options.height}" title="${escapeHtml(options.title)}" style="border:0;max-width:100%" allow="autoplay; fullscreen; picture-in-picture" allowfullscreen loading="lazy"></iframe>`;

/** The same box at most `max` pixels on its long side, keeping the aspect ratio: what an embed snippet starts at. */
export const embedSize = (width: number, height: number, box: { maxWidth: number; maxHeight: number }) => {
  const scale = Math.min(1, box.maxWidth / width, box.maxHeight / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
};

/** A share as its owner sees it. */
export const shareView = (row: Share, base: string): ShareBody => {
  const size = embedSize(row.width, row.height, { maxWidth: 640, maxHeight: 640 });
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    title: row.title,
    author: row.author,
    template: row.template,
    width: row.width,
    height: row.height,
    projectId: row.project_id,
    projectVersion: row.project_version,
    renderId: row.render_id,
    renderOutput: row.render_output,
    allowedOrigins: row.allowed_origins,
    poster: row.want_poster,
    error: (row.error as ShareBody["error"]) ?? null,
    views: row.views,
    createdAt: row.created_at.toISOString(),
    readyAt: row.ready_at?.toISOString() ?? null,
    urls: {
      embed: embedUrl(base, row.id),
      public: `${base}/v1/shares/${row.id}/public`,
      oembed: `${base}/oembed?url=${encodeURIComponent(embedUrl(base, row.id))}&format=json`,
      poster: row.content?.poster ? assetUrl(base, row.id, row.content.poster.name) : null,
    },
    snippets: {
      iframe: iframeHtml({ base, shareId: row.id, title: row.title, ...size }),
      script: `<script src="${escapeHtml(base)}/embed.js" async></script>\n<div data-reelgen-share="${row.id}"></div>`,
    },
  };
};

/** What the player gets of a ready share: every asset name made into a URL under the share. */
export const publicShareView = (row: Share, base: string): PublicShareBody => {
  const content = row.content!;
  const url = (name: string) => assetUrl(base, row.id, name);
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    author: row.author,
    template: row.template,
    fps: content.fps,
    durationInFrames: content.durationInFrames,
    durationSec: content.durationSec,
    format: content.format,
    width: content.width,
    height: content.height,
    poster: content.poster ? url(content.poster.name) : null,
    props: content.props ? (mapScriptSources(content.props as Script, (name) => url(name)) as unknown as Record<string, unknown>) : null,
    video: content.video ? { src: url(content.video), mime: row.assets[content.video]?.mime ?? "video/mp4" } : null,
    captions: content.captions ? url(content.captions) : null,
    embedUrl: embedUrl(base, row.id),
  };
};

/** A path share id; anything else names nothing: NOT_FOUND, as for an unknown one. */
export const shareIdParam = (params: Record<string, string>, message?: string): string => {
  const value = params.id ?? "";
  if (!SHARE_ID.test(value)) throw new ReelgenError({ code: "NOT_FOUND", message: message ?? `share ${value} not found` });
  return value;
};

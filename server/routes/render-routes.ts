import { z } from "zod";
import { ReelgenError } from "../../script/reelgen-error";
import type { Request, Response } from "express";
import type { ServerContext } from "../context";
import type { Render } from "../db/tables";
import { defineRoute } from "../http/define-route";
import { sendStoredFile } from "../http/send-stored-file";
import { BatchRequest } from "../renders/batch-service";
import { RenderRequest, type NamedOutput } from "../renders/render-request";
import { RenderBody, renderView } from "../renders/render-view";
import { EstimateBody, EstimateQuery, estimateRenderFor } from "../renders/render-estimate";
import type { QueueEventMessage } from "../renders/render-queue";
import { signOutputUrl, verifyOutputSignature } from "../renders/signed-url";
import { ErrorBody, uuidParam } from "./shapes";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

/** The storage key of a completed render's output, or NOT_FOUND. */
const outputFile = (render: Render, name: string): { key: string; download: string } => {
  const output = (render.outputs as NamedOutput[]).find((o) => o.name === name);
  if (!output) throw new ReelgenError({ code: "NOT_FOUND", message: `render ${render.id} has no output ${name}` });
  if (render.status !== "completed") throw new ReelgenError({ code: "CONFLICT", message: `render ${render.id} is ${render.status}; outputs are ready once it completes` });
  return { key: `renders/${render.id}/${output.file}`, download: output.file };
};

/** Sends an output as an attachment (typed by its extension), from storage; ranges and revalidation as for any file. */
const sendOutput = async (ctx: ServerContext, req: Request, res: Response, render: Render, name: string) => {
  const { key, download } = outputFile(render, name);
  res.attachment(download);
  await sendStoredFile(req, res, { storage: ctx.storage, key, notFound: () => new ReelgenError({ code: "NOT_FOUND", message: "the file is no longer there" }) });
};

export const renderRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/renders",
    summary: "Order a render of a script (or a saved project) into one or more outputs",
    tag: "renders",
    access: { kind: "any", scope: "renders:write" },
    body: RenderRequest,
    responses: {
      202: { description: "Queued (or, with a repeated Idempotency-Key and the same body, the render made the first time)", schema: RenderBody },
      400: { description: "Invalid request or script (problems name JSON paths)", schema: ErrorBody },
      409: { description: "Idempotency-Key reused with a different body", schema: ErrorBody },
      429: { description: "Rate limit or render-minutes quota", schema: ErrorBody },
      503: { description: "Queue unavailable", schema: ErrorBody },
    },
    handler: async ({ body, principal, services, req }) => {
      const key = req.get("idempotency-key") ?? null;
      if (key !== null && !/^[\x21-\x7e]{1,255}$/.test(key)) {
        throw new ReelgenError({ code: "VALIDATION_FAILED", message: "Idempotency-Key must be 1-255 visible ASCII characters", problems: [{ path: "headers.idempotency-key", message: "invalid" }] });
      }
      const { render, replayed } = await services.renders.submit(principal!, body, key);
      return { status: 202, body: render, headers: { Location: `/v1/renders/${render.id}`, ...(replayed ? { "Idempotent-Replayed": "true" } : {}) } };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/renders/batch",
    summary: "Order many renders at once: a JSON array of scripts, or CSV / JSON rows merged into a script template",
    tag: "renders",
    access: { kind: "any", scope: "renders:write" },
    body: BatchRequest,
    responses: {
      202: {
        description: "Valid rows queued; invalid rows reported with their problems",
        schema: z
          .object({
            batchId: z.uuid(),
            total: z.number(),
            accepted: z.number(),
            renders: z.array(z.object({ row: z.number(), id: z.uuid() })),
            rejected: z.array(z.object({ row: z.number(), code: z.string(), message: z.string(), problems: z.array(z.object({ path: z.string(), message: z.string() })) })),
          })
          .meta({ id: "BatchResult" }),
      },
      400: { description: "The batch itself is malformed (a row's shape, a CSV header that is empty, repeated or `__proto__`)", schema: ErrorBody },
      413: { description: "More rows than the tier's maxBatchRows, a template past batchTemplateValues, or rows × template values past batchWork; nothing was queued", schema: ErrorBody },
    },
    handler: async ({ body, principal, services }) => ({ status: 202, body: await services.batches.submit(principal!, body) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/renders",
    summary: "The caller's renders, newest first, with cursor pagination",
    tag: "renders",
    access: { kind: "any", scope: "renders:read" },
    query: z.object({
      status: z.enum(["queued", "active", "completed", "failed", "cancelled"]).optional(),
      batchId: z.uuid().optional(),
      cursor: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
    responses: { 200: { description: "A page", schema: z.object({ renders: z.array(RenderBody), nextCursor: z.string().nullable() }).meta({ id: "RenderPage" }) } },
    handler: async ({ query, principal, services }) => ({ body: await services.renders.list(principal!.user, query) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/renders/estimate",
    summary: "How long a render would take and what it would cost on each configured backend (local, cluster, Lambda), with the queue ahead and the estimate's error on recent renders",
    tag: "renders",
    access: { kind: "any", scope: "renders:read" },
    query: EstimateQuery,
    responses: {
      200: { description: "The estimate", schema: EstimateBody },
      400: { description: "Invalid query (problems name the field)", schema: ErrorBody },
      404: { description: "Project not found (or another user's)", schema: ErrorBody },
    },
    handler: async ({ query, principal, services, ctx }) => ({ body: await estimateRenderFor(ctx, services.renderQueue, principal!.user, query) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/renders/:id",
    summary: "Status, progress, outputs and error of a render",
    tag: "renders",
    access: { kind: "any", scope: "renders:read" },
    responses: { 200: { description: "The render", schema: RenderBody }, 404: { description: "Not found (or another user's)", schema: ErrorBody } },
    handler: async ({ params, principal, services }) => ({ body: renderView(await services.renders.get(principal!.user, uuidParam(params, "id", "render"))) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/renders/:id/events",
    summary: "Server-Sent Events: `status` first, then `progress` while it renders, and `done` or `failed` at the end",
    tag: "renders",
    access: { kind: "any", scope: "renders:read" },
    responses: {
      200: { description: "An event stream", contentType: "text/event-stream" },
      404: { description: "Not found", schema: ErrorBody },
      422: { description: "The tier's limit of open event streams (maxEventStreams) is reached (LIMIT_EXCEEDED)", schema: ErrorBody },
    },
    handler: async ({ params, principal, services, res }) => {
      const id = uuidParam(params, "id", "render");
      const user = principal!.user;
      await services.renders.get(user, id);
      // At most the tier's maxEventStreams open at once, counted across API nodes.
      const slot = await services.eventStreams.acquire(user);
      // Set, not passed to writeHead, so a shutdown can tell an event stream by its Content-Type.
      res.status(200).set({ "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive", "X-Accel-Buffering": "no" });
      res.flushHeaders();
      let closed = false;
      const send = (event: string, data: unknown) => {
        if (!closed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      };
      const finish = (render: Render) => {
        send(render.status === "completed" ? "done" : "failed", renderView(render));
        close();
      };
      let lastProgress = -1;
      // Events that arrive before `status` is sent wait for it, so `status` is always first.
      let early: QueueEventMessage[] | null = [];
      // Subscribe before reading the state, so nothing that happens in between is missed.
      const onEvent = (event: QueueEventMessage) => {
        if (early) {
          early.push(event);
          return;
        }
        if (event.type === "progress") {
          if (event.data.progress !== lastProgress) send("progress", event.data);
          lastProgress = event.data.progress;
          return;
        }
        // A failed attempt that will be retried is not the end: the database says what is final.
        void services.renders.get(user, id).then(
          (render) => TERMINAL.has(render.status) && finish(render),
          () => close(),
        );
      };
      const unsubscribe = services.renderQueue.subscribe(id, onEvent);
      const heartbeat = setInterval(() => {
        if (closed) return;
        res.write(": keep-alive\n\n");
        void slot.renew();
      }, 15_000);
      const close = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        void slot.release();
        res.end();
      };
      // The response closes when the client goes, and when a shutdown ends the stream.
      res.on("close", close);
      // A client that left while the slot was being taken has already closed: its slot must not linger.
      if (res.closed) close();
      try {
        await services.renderQueue.eventsReady();
      } catch {
        // Without live events the stream still reports the stored state; the client can reconnect.
      }
      const render = await services.renders.get(user, id);
      send("status", renderView(render));
      if (TERMINAL.has(render.status)) finish(render);
      const waiting = early;
      early = null;
      for (const event of waiting) onEvent(event);
      return undefined;
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/renders/:id/cancel",
    summary: "Cancel a queued or running render (Chrome and FFmpeg stop; its render-minutes are refunded)",
    tag: "renders",
    access: { kind: "any", scope: "renders:write" },
    responses: { 200: { description: "Cancelled", schema: RenderBody }, 404: { description: "Not found", schema: ErrorBody }, 409: { description: "Already finished", schema: ErrorBody } },
    handler: async ({ params, principal, services }) => ({ body: await services.renders.cancel(principal!.user, uuidParam(params, "id", "render")) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/renders/:id/outputs/:name",
    summary: "Download an output of a completed render",
    tag: "renders",
    access: { kind: "any", scope: "renders:read" },
    responses: { 200: { description: "The file", contentType: "application/octet-stream" }, 404: { description: "Not found", schema: ErrorBody }, 409: { description: "Not completed", schema: ErrorBody } },
    handler: async ({ params, principal, services, ctx, req, res }) => {
      const render = await services.renders.get(principal!.user, uuidParam(params, "id", "render"));
      // A user's render is theirs: no shared cache (proxy, CDN) may keep a copy.
      res.setHeader("Cache-Control", "private, no-cache");
      await sendOutput(ctx, req, res, render, params.name ?? "");
      return undefined;
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/renders/:id/outputs/:name/url",
    summary: "A signed download link that works without credentials until it expires",
    tag: "renders",
    access: { kind: "any", scope: "renders:read" },
    responses: { 200: { description: "The link", schema: z.object({ url: z.string(), expiresAt: z.string() }) }, 404: { description: "Not found", schema: ErrorBody } },
    handler: async ({ params, principal, services, ctx, req }) => {
      const render = await services.renders.get(principal!.user, uuidParam(params, "id", "render"));
      outputFile(render, params.name ?? "");
      const signed = signOutputUrl(ctx.jwtSecret, render.id, params.name!, ctx.config.SIGNED_URL_SECONDS);
      const base = ctx.config.PUBLIC_URL ?? `${req.protocol}://${req.get("host")}`;
      return { body: { url: `${base.replace(/\/$/, "")}${signed.path}`, expiresAt: signed.expiresAt.toISOString() } };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/files/renders/:id/:name",
    summary: "Download through a signed link (no credentials)",
    tag: "renders",
    access: { kind: "public" },
    query: z.object({ expires: z.coerce.number().int(), signature: z.string().max(100) }),
    responses: { 200: { description: "The file", contentType: "application/octet-stream" }, 403: { description: "Bad or expired signature", schema: ErrorBody } },
    handler: async ({ params, query, ctx, req, res }) => {
      const id = uuidParam(params, "id", "render");
      if (!verifyOutputSignature(ctx.jwtSecret, id, params.name ?? "", query.expires, query.signature)) {
        throw new ReelgenError({ code: "FORBIDDEN", message: "the link's signature is invalid or has expired" });
      }
      const render = await ctx.db.selectFrom("renders").selectAll().where("id", "=", id).executeTakeFirst();
      if (!render) throw new ReelgenError({ code: "NOT_FOUND", message: `render ${id} not found` });
      // Private like the authenticated download: a shared cache would serve it past the link's expiry.
      res.setHeader("Cache-Control", "private, no-cache");
      await sendOutput(ctx, req, res, render, params.name ?? "");
      return undefined;
    },
  }),
];

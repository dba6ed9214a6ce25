import type { Request, Response } from "express";
import type { z } from "zod";
import type { Principal, Scope } from "../auth/principal";
import type { Role } from "../db/tables";
import type { ServerContext } from "../context";
import type { Services } from "../services";

/**
 * Who may call a route: nobody in particular; a signed-in user only (access token — account and
 * key management, never an API key); or a user or an API key holding `scope`. A public route's
 * callers count against the address's anonymous budget, or with `budget: "viewer"` against the
 * larger one for what viewers of shares fetch (a video is dozens of files).
 */
export type Access = { kind: "public"; budget?: "viewer" } | { kind: "session"; roles?: Role[] } | { kind: "any"; scope: Scope; roles?: Role[] };

export type Reply = { status?: number; body?: unknown; headers?: Record<string, string> };

export type RouteInput<B, Q> = {
  body: B;
  query: Q;
  params: Record<string, string>;
  principal: Principal | null;
  ctx: ServerContext;
  services: Services;
  req: Request;
  res: Response;
  requestId: string;
  ip: string;
};

/**
 * One API route: its contract (validated input, documented responses — the OpenAPI document is
 * generated from these same schemas) and its handler. A handler returns a reply, or `undefined`
 * when it wrote the response itself (streams, downloads).
 */
export type Route<B = unknown, Q = unknown> = {
  method: "get" | "post" | "put" | "patch" | "delete";
  /** Express path, e.g. `/v1/renders/:id`. */
  path: string;
  summary: string;
  tag: string;
  access: Access;
  body?: z.ZodType<B>;
  /** For `multipart/form-data` and other bodies a route parses itself; documents the content type. */
  rawBody?: { contentType: string; description: string };
  query?: z.ZodType<Q>;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  handler: (input: RouteInput<B, Q>) => Promise<Reply | undefined>;
};

/** Identity function that keeps the body and query types of one route together. */
export const defineRoute = <B = undefined, Q = undefined>(route: Route<B, Q>): Route => route as unknown as Route;

import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import express, { type NextFunction, type Request, type Response } from "express";
import { formatPath } from "../../script/validate-script";
import { ReelgenError, type ErrorCode, type Problem } from "../../script/reelgen-error";
import { looksLikeApiKey } from "../api-keys/api-key-format";
import type { Principal } from "../auth/principal";
import type { ServerContext } from "../context";
import type { Services } from "../services";
import type { Route } from "./define-route";
import { logRequests } from "./log-requests";
import { createRequestRateLimit } from "./request-rate-limit";
import { scriptInputError } from "./script-input-error";
import { checkRequestJson } from "./check-request-json";
import { requireScope } from "../auth/require-scope";
import { REQUEST_LIMITS } from "../config";
import { unavailableError } from "../db/unavailable-error";

declare module "express-serve-static-core" {
  interface Request {
    requestId: string;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Turns zod issues into problems naming JSON paths, as script validation does. */
const problemsOf = (issues: { path: PropertyKey[]; message: string }[], root: string): Problem[] =>
  issues.map((i) => {
    const path = formatPath(i.path.filter((p): p is string | number => typeof p !== "symbol"));
    return { path: path === "(root)" ? root : `${root}.${path}`, message: i.message };
  });

/**
 * The Express app: request ids and JSON logs, then for each route — authenticate, authorize,
 * rate-limit, validate, call the handler — and one error handler that renders every failure as
 * `{ error: { code, message, requestId, problems? } }`.
 */
export const createApp = (ctx: ServerContext, services: Services, routes: Route[], extra?: (app: express.Express) => void): express.Express => {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", ctx.config.TRUST_PROXY);
  app.set("query parser", "simple");
  const rateLimit = createRequestRateLimit(ctx.redis, ctx.config);

  app.use((req, res, next) => {
    const given = req.get("x-request-id");
    req.requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeader("X-Request-Id", req.requestId);
    next();
  });
  app.use(logRequests(ctx.logger));
  app.use((req, res, next) => {
    const end = ctx.metrics.httpRequests.startTimer({ method: req.method });
    res.on("finish", () => end({ route: (req.route?.path as string | undefined) ?? "unmatched", status: String(res.statusCode) }));
    next();
  });

  const authenticate = async (req: Request): Promise<Principal | null> => {
    const header = req.get("authorization");
    if (!header) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new ReelgenError({ code: "UNAUTHENTICATED", message: "Authorization header must be `Bearer <token>`" });
    const token = match[1]!;
    if (looksLikeApiKey(token)) {
      const { user, keyId, scopes } = await services.apiKeys.authenticate(token);
      return { kind: "api-key", user, keyId, scopes };
    }
    const { user, sessionId } = await services.auth.authenticateAccessToken(token);
    return { kind: "session", user, sessionId };
  };

  const authorize = (route: Route, principal: Principal | null): void => {
    const { access } = route;
    if (access.kind === "public") return;
    if (!principal) throw new ReelgenError({ code: "UNAUTHENTICATED", message: "sign in or send an API key: Authorization: Bearer <token>" });
    if (access.kind === "session" && principal.kind !== "session") {
      throw new ReelgenError({ code: "FORBIDDEN", message: "API keys cannot do this; sign in with email and password" });
    }
    if (access.kind === "any") requireScope(principal, access.scope);
    if (access.roles && !access.roles.includes(principal.user.role)) {
      throw new ReelgenError({ code: "FORBIDDEN", message: `requires role ${access.roles.join(" or ")}` });
    }
  };

  const json = express.json({ limit: REQUEST_LIMITS.jsonBodyBytes });
  /** Refuses, for every route alike, values no route can take: too deeply nested, or text PostgreSQL cannot store. */
  const checkShape = (value: unknown, root: string) => {
    const problem = checkRequestJson(value, root, REQUEST_LIMITS.jsonDepth);
    if (problem) throw validationError([problem]);
  };
  for (const route of routes) {
    app[route.method](route.path, async (req: Request, res: Response) => {
      let principal: Principal | null = null;
      try {
        principal = route.access.kind === "public" ? null : await authenticate(req);
        authorize(route, principal);
      } catch (error) {
        // Failed sign-ins count against the address's anonymous budget, so guessing tokens and keys is limited too.
        if (error instanceof ReelgenError && error.code === "UNAUTHENTICATED") {
          const limited = await rateLimit.consume(`ip:${req.ip}`, "anonymous");
          if (limited.error) {
            res.set(limited.headers);
            throw limited.error;
          }
        }
        throw error;
      }
      const anonymousTier = route.access.kind === "public" && route.access.budget === "viewer" ? "viewer" : "anonymous";
      const limited = await rateLimit.consume(principal ? `user:${principal.user.id}` : `ip:${req.ip}`, principal?.user.role ?? anonymousTier);
      res.set(limited.headers);
      if (limited.error) throw limited.error;
      let body: unknown = undefined;
      if (route.body) {
        if (!req.is("application/json")) throw new ReelgenError({ code: "UNSUPPORTED_MEDIA_TYPE", message: "send the body as application/json" });
        // Parsed only now, after authentication: anonymous callers cannot make the server parse 5 MB.
        await new Promise<void>((resolve, reject) => json(req, res, (error?: unknown) => (error ? reject(error) : resolve())));
        checkShape(req.body, "body");
        const parsed = route.body.safeParse(req.body);
        if (!parsed.success) throw validationError(problemsOf(parsed.error.issues, "body"));
        body = parsed.data;
      }
      checkShape(req.params, "params");
      checkShape(req.query, "query");
      let query: unknown = undefined;
      if (route.query) {
        const parsed = route.query.safeParse(req.query);
        if (!parsed.success) throw validationError(problemsOf(parsed.error.issues, "query"));
        query = parsed.data;
      }
      const reply = await route.handler({
        body,
        query,
        params: req.params as Record<string, string>,
        principal,
        ctx,
        services,
        req,
        res,
        requestId: req.requestId,
        ip: req.ip ?? "unknown",
      });
      if (!reply) return;
      if (reply.headers) res.set(reply.headers);
      res.status(reply.status ?? 200);
      if (reply.body === undefined) res.end();
      else res.json(reply.body);
    });
  }
  extra?.(app);

  app.use((req, _res, next) => next(new ReelgenError({ code: "NOT_FOUND", message: `no route ${req.method} ${req.path}` })));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = toApiError(error);
    if (appError.status >= 500) req.log?.error({ err: error }, "request failed");
    if (res.headersSent) {
      res.end();
      return;
    }
    // A download that failed after finding its file has already set the file's headers; the error is JSON, not an attachment.
    for (const header of ["Content-Disposition", "Content-Type", "Content-Length", "Content-Encoding", "Content-Range", "ETag", "Last-Modified", "Accept-Ranges"]) res.removeHeader(header);
    const contentRange = (error as { headers?: Record<string, string> }).headers?.["Content-Range"];
    if (appError.code === "RANGE_NOT_SATISFIABLE" && contentRange) res.set("Content-Range", contentRange);
    if (appError.retryAfterSeconds !== null) res.set("Retry-After", String(appError.retryAfterSeconds));
    res.status(appError.status).json({
      error: {
        code: appError.code,
        message: appError.message,
        requestId: req.requestId,
        ...(appError.problems.length ? { problems: appError.problems } : {}),
      },
    });
  });
  return app;
};

const validationError = (problems: Problem[]) =>
  new ReelgenError({ code: "VALIDATION_FAILED", message: `invalid request: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems });

/** API codes for the client errors body-parser and send raise, by status; any other 4xx of theirs is a VALIDATION_FAILED. */
const CODE_OF_STATUS: Partial<Record<number, ErrorCode>> = { 400: "VALIDATION_FAILED", 403: "FORBIDDEN", 404: "NOT_FOUND", 413: "PAYLOAD_TOO_LARGE", 415: "UNSUPPORTED_MEDIA_TYPE", 416: "RANGE_NOT_SATISFIABLE" };

/**
 * Maps anything thrown to what the caller sees: our own errors as they are (an internal one with
 * a generic message: its details go to the log only), a full disk as a 503, Express's client
 * errors, or a 500.
 */
const toApiError = (error: unknown): ReelgenError => {
  if (error instanceof ReelgenError && error.kind !== "internal") return scriptInputError(error) ?? error;
  // A full disk (or the database short of memory or connections) is the machine's state, not a bug: 503 and when to retry.
  const unavailable = unavailableError(error);
  if (unavailable) return unavailable;
  if (error instanceof ReelgenError) {
    return new ReelgenError({ code: error.code, message: "internal error; the request id identifies it in the server log", cause: error });
  }
  const httpError = error as { type?: string; status?: number; expose?: boolean; message?: string; syscall?: string };
  // The router could not decode a path parameter (`%`, `%E0%A4%A`, an encoded lone surrogate); it marks those 400 but not `expose`.
  if (error instanceof URIError && httpError.status === 400) return validationError([{ path: "params", message: "a path segment is not valid percent-encoded UTF-8" }]);
  if (httpError.type === "entity.parse.failed") return new ReelgenError({ code: "INVALID_JSON", message: `body is not valid JSON: ${httpError.message}` });
  if (httpError.type === "entity.too.large") return new ReelgenError({ code: "PAYLOAD_TOO_LARGE", message: "request body is too large" });
  // Other client errors of Express's own parts (http-errors, which always sets `expose`): an unsupported encoding, a missing file.
  // send's answer to a Range past the end of a file, which it explains in Content-Range (`bytes */<size>`).
  const size = httpError.status === 416 ? /^bytes \*\/(\d+)$/.exec((error as { headers?: Record<string, string> }).headers?.["Content-Range"] ?? "")?.[1] : undefined;
  if (size !== undefined) return new ReelgenError({ code: "RANGE_NOT_SATISFIABLE", message: `the range is outside the file (${size} bytes)` });
  if (typeof httpError.expose === "boolean" && typeof httpError.status === "number" && httpError.status >= 400 && httpError.status < 500) {
    // Messages not meant for the client (send's file-system errors name server paths) are replaced by what they mean.
    const message = httpError.syscall ? "the file is no longer there" : httpError.expose && httpError.message ? httpError.message : (STATUS_CODES[httpError.status] ?? "bad request");
    return new ReelgenError({ code: CODE_OF_STATUS[httpError.status] ?? "VALIDATION_FAILED", message });
  }
  return new ReelgenError({ code: "INTERNAL", message: "internal error; the request id identifies it in the server log", cause: error });
};

import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";
import { serializeError } from "../serialize-error";

declare module "express-serve-static-core" {
  interface Request {
    /** The server's logger with this request's `req` fields bound (made on first use). */
    log: Logger;
  }
}

/**
 * One JSON log line per request when its response has been sent (`request completed`) or the
 * client left first (`request aborted`): `req` (id, method, path without the query string, which
 * can carry a signed link's signature), `res.statusCode` and `responseTime` in ms, at `info`,
 * `warn` for 4xx, `error` for 5xx and aborts — the line pino-http wrote, without its child logger
 * and serializers per request (a tenth of a submission's CPU). `req.log` is made only when a
 * handler logs.
 */
export const logRequests = (logger: Logger) => (req: Request, res: Response, next: NextFunction) => {
  const started = Date.now();
  const fields = () => ({ id: req.requestId, method: req.method, url: req.originalUrl.split("?")[0] });
  let child: Logger | null = null;
  Object.defineProperty(req, "log", {
    configurable: true,
    get: () => (child ??= logger.child({ req: fields() }, { serializers: { err: serializeError } })),
  });
  let logged = false;
  const done = () => {
    if (logged) return;
    logged = true;
    const aborted = !res.writableFinished;
    const level = aborted || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "warn" : "info";
    if (!logger.isLevelEnabled(level)) return;
    logger[level]({ req: fields(), res: { statusCode: res.statusCode }, responseTime: Date.now() - started }, aborted ? "request aborted" : "request completed");
  };
  res.once("finish", done);
  res.once("close", done);
  next();
};

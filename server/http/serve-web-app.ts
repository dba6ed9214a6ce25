import { stat } from "node:fs/promises";
import path from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";

/** Paths that belong to the API and the embed, never to the app (a miss there stays a JSON 404). */
const NOT_APP = ["/v1", "/docs", "/openapi.json", "/healthz", "/metrics", "/embed", "/oembed", "/assets"];

/**
 * What app pages may load. Scripts: only the app's own files (no inline scripts, no eval): the
 * session's tokens live in `localStorage`, so no injected script may run. Styles: the app's files
 * plus inline styles, which Radix (scroll lock) and the Remotion player insert at run time and
 * which cannot run code. Images and media: this server, `data:`/`blob:` previews, and https URLs,
 * because a script's backgrounds, avatars and music may be any https URL. Connections (API, event
 * streams), fonts, workers and frames: this server only. No plugins, no `<base>`, never framed
 * (the embeddable player has its own pages and headers).
 */
export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: https:",
  "media-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const PAGE_HEADERS = {
  "Cache-Control": "no-cache",
  "Content-Security-Policy": APP_CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "X-Frame-Options": "DENY",
  // A reset link's `?token=` must not leave the site in a Referer header.
  "Referrer-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
};

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>reelgen: web app not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#15151c}code{background:#efeff4;padding:.1rem .3rem;border-radius:.25rem}</style></head>
<body><main><h1>The web app is not built</h1>
<p>This server has no built web app to show. Run <code>bin/setup.sh</code> (<code>npm run server</code> runs it first), then reload.</p>
<p>The API works meanwhile: see <a href="/docs">/docs</a>.</p></main></body></html>
`;

/** Whether a request path is a page of the app (the SPA's client-side routes) rather than the API, the embed or a file. */
const isAppPath = (p: string): boolean => {
  if (NOT_APP.some((prefix) => p === prefix || p.startsWith(`${prefix}/`) || p.startsWith(`${prefix}.`))) return false;
  // A missing file (`/robots.txt`, `/x.js`) is a 404, not the app's page.
  const last = p.slice(p.lastIndexOf("/") + 1);
  return !last.includes(".") || last === "index.html";
};

/**
 * Serves the built web app from `dir`: hashed files under `/assets/` cached for a year
 * (`immutable`: a new build has new names), other files for an hour, and every app route (any
 * GET/HEAD that is not the API, docs, health, metrics, the embed or a file) answered with
 * `index.html`, never cached without revalidation, under a strict Content-Security-Policy. While
 * `dir` has no build, app routes answer a 503 page saying to run `bin/setup.sh`; the API is
 * unaffected. Mount it after every other route.
 */
export const serveWebApp = (app: express.Express, options: { dir: string }): void => {
  const dir = path.resolve(options.dir);
  const index = path.join(dir, "index.html");
  const files = express.static(dir, {
    index: false,
    redirect: false,
    setHeaders(res, file) {
      res.setHeader("X-Content-Type-Options", "nosniff");
      const immutable = path.relative(dir, file).startsWith(`assets${path.sep}`);
      res.setHeader("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600");
    },
  });
  // index.html is the app's page: served below with the page headers, never as a plain file.
  app.use((req: Request, res: Response, next: NextFunction) => (req.path === "/index.html" ? next() : files(req, res, next)));
  app.use(async (req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== "GET" && req.method !== "HEAD") || !isAppPath(req.path)) return next();
    const built = await stat(index).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!built) {
      res
        .status(503)
        .set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'", "Retry-After": "60" })
        .send(NOT_BUILT);
      return;
    }
    res.sendFile(index, { headers: PAGE_HEADERS, cacheControl: false }, (error?: Error) => {
      // The build was swapped out between the check and the read: the next request finds the new one.
      if (error && !res.headersSent) next(error);
    });
  });
};

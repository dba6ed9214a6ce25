import { stat } from "node:fs/promises";
import path from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";
import { APP_CONTENT_SECURITY_POLICY } from "./serve-web-app";

/**
 * The embed page's policy: the app's strict one (no inline scripts, no eval), except who may
 * frame it. `ancestors` is a CSP source list (`*`, or origins).
 */
export const embedContentSecurityPolicy = (ancestors: string): string =>
  APP_CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", `frame-ancestors ${ancestors}`);

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>reelgen: player not built</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#15151c;color:#f4f4f8;text-align:center;padding:1rem}</style></head>
<body><p>The player is not built on this server yet. Try again in a minute.</p></body></html>
`;

/** Vite's content-hashed file names (`player-BxY12_ab.js`): their content never changes, so caches may keep them for a year. */
const HASHED = /[-.][A-Za-z0-9_-]{8,}\.[a-z0-9]+$/;

const isFile = (file: string) =>
  stat(file).then(
    (s) => s.isFile(),
    () => false,
  );

/**
 * The embeddable player, served from the web build in `dir` (files `embed.html`, `embed.js` and
 * `player/`):
 * - `/embed/<share id>`: the iframe page, under the app's Content-Security-Policy except
 *   `frame-ancestors`, which is the share's allowed origins (and this server), or any page
 *   without a list; `/embed` (no id: the script embed's template) may be framed anywhere. No
 *   X-Frame-Options, revalidated on every load.
 * - `/embed.js`: the loader a foreign page includes: any origin, cached for five minutes (it
 *   names the player's hashed files, so a deploy reaches pages quickly).
 * - `/player/*`: the player's ES modules, loaded cross-origin by the loader: any origin, hashed
 *   names cached for a year.
 * - CORS preflights of the public share routes (a player's `Range` requests).
 * While the build has no embed, the page answers 503 like the app's. Mount before `serveWebApp`.
 */
export const serveEmbed = (app: express.Express, options: { dir: string; frameAncestors: (shareId: string) => Promise<string> }): void => {
  const dir = path.resolve(options.dir);
  const page = path.join(dir, "embed.html");

  const sendPage = async (res: Response, next: NextFunction, ancestors: string) => {
    if (!(await isFile(page))) {
      res
        .status(503)
        .set({ "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'", "Retry-After": "60" })
        .send(NOT_BUILT);
      return;
    }
    res.sendFile(
      page,
      {
        cacheControl: false,
        headers: {
          "Cache-Control": "no-cache",
          "Content-Security-Policy": embedContentSecurityPolicy(ancestors),
          "X-Content-Type-Options": "nosniff",
          "Referrer-Policy": "strict-origin-when-cross-origin",
          "Cross-Origin-Resource-Policy": "cross-origin",
        },
      },
      (error?: Error) => {
        if (error && !res.headersSent) next(error);
      },
    );
  };

  app.get(["/embed", "/embed/", "/embed.html"], (_req: Request, res: Response, next: NextFunction) => void sendPage(res, next, "*").catch(next));
  app.get("/embed/:id", (req: Request, res: Response, next: NextFunction) => {
    void options
      .frameAncestors(String(req.params.id ?? ""))
      // The owner's own app may show the player too.
      .then((ancestors) => sendPage(res, next, ancestors === "*" ? "*" : `'self' ${ancestors}`))
      .catch(next);
  });

  app.get("/embed.js", async (_req: Request, res: Response, next: NextFunction) => {
    const file = path.join(dir, "embed.js");
    if (!(await isFile(file))) {
      res.status(503).set({ "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "Retry-After": "60", "Access-Control-Allow-Origin": "*" }).send("the player is not built on this server yet\n");
      return;
    }
    res.sendFile(
      file,
      {
        cacheControl: false,
        headers: {
          "Content-Type": "text/javascript; charset=utf-8",
          "Cache-Control": "public, max-age=300",
          "Access-Control-Allow-Origin": "*",
          "Cross-Origin-Resource-Policy": "cross-origin",
          "X-Content-Type-Options": "nosniff",
        },
      },
      (error?: Error) => {
        if (error && !res.headersSent) next(error);
      },
    );
  });

  app.use(
    "/player",
    express.static(path.join(dir, "player"), {
      index: false,
      redirect: false,
      fallthrough: true,
      setHeaders(res, file) {
        res.setHeader("Access-Control-Allow-Origin", "*");
        res.setHeader("Cross-Origin-Resource-Policy", "cross-origin");
        res.setHeader("X-Content-Type-Options", "nosniff");
        res.setHeader("Cache-Control", HASHED.test(path.basename(file)) ? "public, max-age=31536000, immutable" : "public, max-age=300");
      },
    }),
  );

  // A player's requests to the public share routes are simple (GET, safelisted headers) except
  // `Range` in browsers that do not yet count it safelisted: answer their preflight.
  app.options(["/v1/shares/:id/public", "/v1/shares/:id/assets/:name"], (_req: Request, res: Response) => {
    res
      .status(204)
      .set({
        "Access-Control-Allow-Origin": "*",
        "Access-Control-Allow-Methods": "GET, HEAD",
        "Access-Control-Allow-Headers": "Range",
        "Access-Control-Max-Age": "86400",
      })
      .end();
  });
};

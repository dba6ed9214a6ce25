import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { formatPath, isRemoteSrc, mapScriptSources, scriptSources, type Script } from "../script";
import { ReelgenError, type Problem } from "../script/reelgen-error";


const CONTENT_TYPES: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".gif": "image/gif",
  ".svg": "image/svg+xml",
  ".mp4": "video/mp4",
  ".webm": "video/webm",
  ".mov": "video/quicktime",
  ".mp3": "audio/mpeg",
  ".wav": "audio/wav",
  ".m4a": "audio/mp4",
  ".aac": "audio/aac",
  ".flac": "audio/flac",
  ".ogg": "audio/ogg",
};

export type ServedAssets = { script: Script; close: () => Promise<void> };

/**
 * The browser can only load files by URL. Local files a script names (relative to the script's
 * folder) are checked, then served read-only from a loopback server for the length of the
 * render; the returned script points at that server. Only the named files are served.
 * Line speech prepared by the renderer is served the same way.
 */
export const serveScriptAssets = async (script: Script, baseDir: string): Promise<ServedAssets> => {
  const refs = scriptSources(script);
  const local = refs.filter((r) => !isRemoteSrc(r.src));
  if (local.length === 0) return { script, close: async () => {} };

  const problems: Problem[] = [];
  // URL path → file, and file → URL path; a file named twice is served once.
  const files = new Map<string, { file: string; size: number }>();
  const urlPaths = new Map<string, string>();
  for (const ref of local) {
    const file = path.resolve(baseDir, ref.src);
    if (urlPaths.has(file)) continue;
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error("not a file");
      const urlPath = `/${files.size}/${encodeURIComponent(path.basename(file))}`;
      files.set(urlPath, { file, size: info.size });
      urlPaths.set(file, urlPath);
    } catch {
      problems.push({ path: formatPath(ref.path), message: `file not found: ${file}` });
    }
  }
  if (problems.length > 0) {
    throw new ReelgenError({
      code: "ASSET_NOT_FOUND",
      message: problems.map((p) => `${p.path}: ${p.message}`).join("\n"),
      problems,
    });
  }

  const server = http.createServer((req, res) => {
    const entry = files.get(new URL(req.url ?? "/", "http://x").pathname);
    if (!entry || (req.method !== "GET" && req.method !== "HEAD")) {
      res.writeHead(404).end();
      return;
    }
    const type = CONTENT_TYPES[path.extname(entry.file).toLowerCase()] ?? "application/octet-stream";
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "");
    let start = 0;
    let end = entry.size - 1;
    if (range && (range[1] || range[2])) {
      start = range[1] ? Number(range[1]) : Math.max(0, entry.size - Number(range[2]));
      end = range[1] && range[2] ? Math.min(Number(range[2]), end) : end;
      if (start > end) {
        res.writeHead(416, { "Content-Range": `bytes */${entry.size}` }).end();
        return;
      }
      res.writeHead(206, { "Content-Type": type, "Content-Length": end - start + 1, "Content-Range": `bytes ${start}-${end}/${entry.size}`, "Accept-Ranges": "bytes", "Access-Control-Allow-Origin": "*" });
    } else {
      res.writeHead(200, { "Content-Type": type, "Content-Length": entry.size, "Accept-Ranges": "bytes", "Access-Control-Allow-Origin": "*" });
    }
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    createReadStream(entry.file, { start, end }).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = (src: string) => (isRemoteSrc(src) ? src : origin + urlPaths.get(path.resolve(baseDir, src))!);

  const served = mapScriptSources(script, url);
  return {
    script: served,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
};

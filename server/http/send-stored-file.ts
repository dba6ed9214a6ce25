import { pipeline } from "node:stream/promises";
import type { Request, Response } from "express";
import { ReelgenError } from "../../script/reelgen-error";
import type { ByteRange, Storage } from "../../renderer/index";

/**
 * Answers a GET or HEAD with a stored object, as Express's `res.sendFile` answers with a file:
 * `ETag`, `Last-Modified`, `Accept-Ranges`; 304 to a matching conditional request; 206 to one
 * byte range (`If-Range` honoured), 416 (`RANGE_NOT_SATISFIABLE`, with `Content-Range: bytes
 * *\/size`) to a range outside the object. Several ranges get the whole object, as `send` does.
 * The caller sets the content headers (type, disposition, caching) first; they are removed again
 * by the error handler when the object turns out to be missing, which throws `notFound()`.
 */
export const sendStoredFile = async (req: Request, res: Response, options: { storage: Storage; key: string; notFound: () => ReelgenError }): Promise<void> => {
  const { storage, key } = options;
  const object = await storage.head(key);
  if (!object) throw options.notFound();
  res.setHeader("Accept-Ranges", "bytes");
  res.setHeader("Last-Modified", object.modifiedAt.toUTCString());
  res.setHeader("ETag", object.etag);
  // Express's `req.fresh` compares If-None-Match / If-Modified-Since with the ETag and Last-Modified just set.
  if (req.fresh) {
    for (const header of ["Content-Type", "Content-Length", "Content-Disposition"]) res.removeHeader(header);
    res.status(304).end();
    return;
  }
  let range: ByteRange | null = null;
  if (req.headers.range && rangeStillValid(req, object)) {
    const parsed = req.range(object.size, { combine: true });
    if (parsed === -1) {
      throw Object.assign(new ReelgenError({ code: "RANGE_NOT_SATISFIABLE", message: `the range is outside the file (${object.size} bytes)` }), { headers: { "Content-Range": `bytes */${object.size}` } });
    }
    // -2 (malformed) is ignored, as `send` does; several ranges get the whole object.
    if (Array.isArray(parsed) && parsed.type === "bytes" && parsed.length === 1) range = { start: parsed[0]!.start, end: parsed[0]!.end };
  }
  if (range) {
    res.status(206);
    res.setHeader("Content-Range", `bytes ${range.start}-${range.end}/${object.size}`);
  }
  res.setHeader("Content-Length", String(range ? range.end - range.start + 1 : object.size));
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  let body;
  try {
    body = await storage.read(key, range ?? undefined);
  } catch (error) {
    // Deleted between the head and the read.
    if (error instanceof ReelgenError && error.code === "NOT_FOUND") throw options.notFound();
    throw error;
  }
  try {
    await pipeline(body, res);
  } catch (error) {
    // The client went away mid-download: nobody is left to answer. Anything before the first byte is the caller's to report.
    if (res.headersSent) return;
    throw error;
  }
};

/** `If-Range`: the range applies only while the validator the client has is still current. */
const rangeStillValid = (req: Request, object: { etag: string; modifiedAt: Date }): boolean => {
  const ifRange = req.get("if-range");
  if (!ifRange) return true;
  if (ifRange.includes('"')) return ifRange === object.etag;
  const since = Date.parse(ifRange);
  return !Number.isNaN(since) && Math.floor(object.modifiedAt.getTime() / 1000) <= Math.floor(since / 1000);
};

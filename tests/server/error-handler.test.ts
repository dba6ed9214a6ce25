import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCompletedRender } from "./completed-render";
import { startTestServer, type TestServer, type TestUser } from "./harness";

const smallPng = () => {
  const png = new PNG({ width: 2, height: 2 });
  png.data.fill(255);
  return PNG.sync.write(png);
};

// Failures of Express's own parts, before any handler runs, get the same answer as ours: the
// right 4xx in the error shape. Found by the hostile-input test.
describe("the error handler", () => {
  let s: TestServer;
  let user: TestUser;
  beforeAll(async () => {
    s = await startTestServer();
    user = await s.user();
  });
  afterAll(() => s?.close());

  // The router cannot decode these path parameters (URIError): they were 500s.
  it.each(["/v1/projects/%", "/v1/projects/a%ED%B0%80b", "/v1/media/%E0%A4%A/file", "/v1/templates/%FF", "/v1/files/renders/%/x?expires=1&signature=x"])("answers %s with 400 naming the path", async (url) => {
    const res = await s.api(url, { headers: user.auth });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error).toEqual({
      code: "VALIDATION_FAILED",
      message: "invalid request: params: a path segment is not valid percent-encoded UTF-8",
      requestId: res.headers.get("x-request-id"),
      problems: [{ path: "params", message: "a path segment is not valid percent-encoded UTF-8" }],
    });
  });

  // A download that fails once the file is found (a range past its end) used to answer in the
  // file's headers: a 400 typed video/mp4 and sent as an attachment named video.mp4.
  it("answers a range past the end of a download with 416, Content-Range, and a JSON error", async () => {
    const id = await insertCompletedRender(s, user.id, "four");
    const link = await s.api(`/v1/renders/${id}/outputs/mp4/url`, { headers: user.auth });
    const signed = new URL(link.body.url);
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(smallPng())], { type: "image/png" }), "a.png");
    const media = await s.api("/v1/media", { headers: user.auth, body: form });
    expect(media.status).toBe(201);
    for (const [url, headers, size] of [
      [`/v1/renders/${id}/outputs/mp4`, user.auth, 4],
      [`${signed.pathname}${signed.search}`, {}, 4],
      [`/v1/media/${media.body.id}/file`, user.auth, media.body.bytes],
    ] as const) {
      const res = await s.api(url, { headers: { ...headers, range: "bytes=999-" } });
      expect(res.status, url).toBe(416);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("content-disposition")).toBeNull();
      expect(res.headers.get("content-range")).toBe(`bytes */${size}`);
      expect(res.body.error).toEqual({ code: "RANGE_NOT_SATISFIABLE", message: `the range is outside the file (${size} bytes)`, requestId: res.headers.get("x-request-id") });
      // A range that fits still gets its bytes.
      const part = await s.api(url, { headers: { ...headers, range: "bytes=1-2" } });
      expect(part.status).toBe(206);
      expect(part.headers.get("content-range")).toBe(`bytes 1-2/${size}`);
    }
  });
});

import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { storeCompletedRender } from "./render-helpers";

describe("render output downloads", () => {
  let server: TestServer;
  let user: TestUser;
  let id: string;
  const bytes = new TextEncoder().encode("the user's own video");

  beforeAll(async () => {
    server = await startTestServer();
    user = await server.user();
    id = await storeCompletedRender(server, user.id, bytes);
  });
  afterAll(async () => {
    await server?.close();
  });

  it("are private to the browser: no shared cache may keep the authenticated download", async () => {
    const res = await fetch(`${server.url}/v1/renders/${id}/outputs/mp4`, { headers: user.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(res.headers.get("content-disposition")).toBe("attachment; filename=mp4.mp4");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
  });

  it("nor the signed link's", async () => {
    const link = await server.api(`/v1/renders/${id}/outputs/mp4/url`, { headers: user.auth });
    expect(link.status).toBe(200);
    const res = await fetch(link.body.url);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-cache");
    expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
    // A conditional request still revalidates rather than being served blindly.
    // (node:http, since fetch adds `Cache-Control: no-cache` to conditional requests, which forbids a 304.)
    const again = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(link.body.url, { headers: { "if-none-match": res.headers.get("etag")! } }, (answer) => resolve(answer.resume())).on("error", reject);
    });
    expect(again.statusCode).toBe(304);
    expect(again.headers["cache-control"]).toBe("private, no-cache");
  });

  it("answer HEAD with the headers alone, and a range only while If-Range still matches", async () => {
    const url = `${server.url}/v1/renders/${id}/outputs/mp4`;
    const head = await fetch(url, { method: "HEAD", headers: user.auth });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(bytes.length));
    expect(head.headers.get("accept-ranges")).toBe("bytes");
    expect(await head.text()).toBe("");
    const etag = head.headers.get("etag")!;
    const current = await fetch(url, { headers: { ...user.auth, range: "bytes=4-7", "if-range": etag } });
    expect(current.status).toBe(206);
    expect(await current.text()).toBe("user");
    // The client's copy is of another version: it gets the whole file, not a piece to splice into the wrong one.
    const stale = await fetch(url, { headers: { ...user.auth, range: "bytes=4-7", "if-range": 'W/"0-0"' } });
    expect(stale.status).toBe(200);
    expect(new Uint8Array(await stale.arrayBuffer())).toEqual(bytes);
  });
});

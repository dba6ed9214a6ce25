import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "./harness";

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
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { renderScript } from "./render-helpers";

const UNSTORABLE = "contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored";

/** JSON text of `[[[…1…]]]` nested `depth` levels (JSON.stringify itself overflows on such values). */
const nestedJson = (depth: number): string => `${"[".repeat(depth)}1${"]".repeat(depth)}`;
const json = { "content-type": "application/json" };

// Every route parses its JSON the same way, so what no route can take is refused once, at the edge,
// with a 400 naming the path: these were 500s (a stack overflow, PostgreSQL refusing the text).
describe("request edge: nesting and text no route can store", () => {
  let server: TestServer;
  let user: TestUser;
  beforeAll(async () => {
    server = await startTestServer();
    user = await server.user();
  });
  afterAll(() => server?.close());

  it.each([
    ["a NUL", "a\u0000b"],
    ["a lone high surrogate", "a\ud800b"],
    ["a lone low surrogate", "\udc00"],
  ])("refuses %s in preferences, API-key names, media tags and a batch's template id", async (_name, text) => {
    const cases: [string, string, unknown, string][] = [
      ["patch", "/v1/me/preferences", { voice: text }, "body.voice"],
      ["post", "/v1/api-keys", { name: text, scopes: ["renders:read"] }, "body.name"],
      ["post", "/v1/renders/batch", { template: text, outputs: [{ format: "mp4" }], scripts: [renderScript()] }, "body.template"],
      ["post", "/v1/projects", { name: "p", template: "minidrama", script: renderScript(), options: { [`k${text}`]: 1 } }, `body.options[${JSON.stringify(`k${text}`)}]`],
    ];
    for (const [method, path, body, problemPath] of cases) {
      const res = await server.api(path, { method: method.toUpperCase(), headers: user.auth, body });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
      expect(res.body.error.problems[0].path).toBe(problemPath);
      expect(res.body.error.problems[0].message).toMatch(UNSTORABLE);
    }
    expect((await server.api("/v1/me", { headers: user.auth })).body.preferences).toEqual({});
  });

  it("refuses JSON nested thousands deep in a script or a project's options, naming where, and keeps answering", async () => {
    const script = JSON.stringify(renderScript()).replace(/^\{/, `{"extra":${nestedJson(3000)},`);
    const render = await server.api("/v1/renders", { headers: { ...user.auth, ...json }, body: `{"template":"minidrama","outputs":[{"format":"mp4"}],"script":${script}}` });
    expect(render.status).toBe(400);
    expect(render.body.error.problems[0]).toEqual({ path: `body.script.extra${"[0]".repeat(62)}`, message: "nests arrays and objects deeper than 64 levels" });
    const project = await server.api("/v1/projects", { headers: { ...user.auth, ...json }, body: `{"name":"deep","template":"minidrama","script":${JSON.stringify(renderScript())},"options":{"a":${nestedJson(5000)}}}` });
    expect(project.status).toBe(400);
    expect(project.body.error.problems[0].path).toMatch(/^body\.options\.a(\[0\])+$/);
    // What a real script needs nests far less than the limit.
    const ok = await server.api("/v1/projects", { headers: user.auth, body: { name: "fine", template: "minidrama", script: renderScript() } });
    expect(ok.status).toBe(201);
    expect((await server.api("/healthz")).status).toBe(200);
  });

  it("refuses NUL in a query or a path parameter with 400, not a database error", async () => {
    const query = await server.api("/v1/media?tag=a%00b", { headers: user.auth });
    expect(query.status).toBe(400);
    expect(query.body.error.problems[0].path).toBe("query.tag");
    const param = await server.api("/v1/templates/mini%00drama", { headers: user.auth });
    expect(param.status).toBe(400);
    expect(param.body.error.problems[0].path).toBe("params.id");
  });
});

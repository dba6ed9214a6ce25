import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shortScript } from "../renderer/fixtures";
import { startTestServer, type TestServer, type TestUser } from "./harness";

const TEMPLATE = "minidrama";

/** Version 1's script with the first line's text replaced. */
const withFirstLine = (text: string) => {
  const script = shortScript();
  script.scenes[0]!.lines[0]!.text = text;
  return script;
};

describe("projects over HTTP", () => {
  let s: TestServer;
  let owner: TestUser;

  beforeAll(async () => {
    s = await startTestServer();
    owner = await s.user();
  });
  afterAll(async () => {
    await s?.close();
  });

  const create = async (user: TestUser, body: Record<string, unknown> = {}) => {
    const res = await s.api("/v1/projects", { headers: user.auth, body: { name: "Lunch", template: TEMPLATE, script: shortScript(), ...body } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; latestVersion: number; latest: { version: number; script: unknown; options: unknown } };
  };
  const save = (user: TestUser, id: string, body: Record<string, unknown>) => s.api(`/v1/projects/${id}`, { method: "PUT", headers: user.auth, body });

  it("creates, lists and gets projects", async () => {
    const user = await s.user();
    const created = await s.api("/v1/projects", {
      headers: user.auth,
      body: { name: "  The Lunch Thief ", template: TEMPLATE, script: shortScript(), options: { outputs: [{ format: "mp4" }], voice: "en-us" }, message: "first draft" },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "The Lunch Thief", template: TEMPLATE, latestVersion: 1 });
    expect(created.body.latest).toMatchObject({ projectId: created.body.id, version: 1, template: TEMPLATE, message: "first draft", options: { outputs: [{ format: "mp4" }], voice: "en-us" } });
    // Stored as sent: no defaults filled in, so the project reads back as its author wrote it.
    expect(created.body.latest.script).toEqual(shortScript());

    const got = await s.api(`/v1/projects/${created.body.id}`, { headers: user.auth });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);

    const list = await s.api("/v1/projects", { headers: user.auth });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ projects: [{ id: created.body.id, name: "The Lunch Thief", template: TEMPLATE, latestVersion: 1, createdAt: created.body.createdAt, updatedAt: created.body.updatedAt }], nextCursor: null });
  });

  it("pages the list newest first with a cursor", async () => {
    const user = await s.user();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create(user, { name: `p${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { projects: { id: string }[]; nextCursor: string | null } } = await s.api(`/v1/projects?limit=2${cursor ? `&cursor=${cursor}` : ""}`, { headers: user.auth });
      expect(page.status).toBe(200);
      expect(page.body.projects.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.projects.map((p) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    // Newest first; projects made within one millisecond are ordered by id, so compare with one full page.
    const all = await s.api("/v1/projects?limit=100", { headers: user.auth });
    expect(seen).toEqual(all.body.projects.map((p: { id: string }) => p.id));
    expect([...seen].sort()).toEqual([...ids].sort());
    expect(seen.at(-1)).toBe(ids[0]);
    expect((await s.api("/v1/projects?cursor=bogus", { headers: user.auth })).status).toBe(400);
    expect((await s.api("/v1/projects?limit=0", { headers: user.auth })).status).toBe(400);
  });

  it("saves versions, lists them, diffs them and rolls back without rewriting history", async () => {
    const project = await create(owner, { options: { voice: "en-us" } });
    const id = project.id;

    const v2 = await save(owner, id, { script: withFirstLine("Hello again, friend!"), message: "reword" });
    expect(v2.status).toBe(201);
    expect(v2.body).toMatchObject({ id, latestVersion: 2, latest: { version: 2, message: "reword", options: { voice: "en-us" } } });

    // Options only: the script is carried over from version 2.
    const v3 = await save(owner, id, { options: { voice: "en-gb", look: "warm" } });
    expect(v3.status).toBe(201);
    expect(v3.body.latest).toMatchObject({ version: 3, message: null, script: withFirstLine("Hello again, friend!"), options: { voice: "en-gb", look: "warm" } });

    const versions = await s.api(`/v1/projects/${id}/versions`, { headers: owner.auth });
    expect(versions.status).toBe(200);
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(versions.body.versions[1]).toMatchObject({ version: 2, template: TEMPLATE, message: "reword", summary: { title: "Short", scenes: 2, lines: 2 } });
    expect(versions.body.versions[0]).not.toHaveProperty("script");
    expect(versions.body.nextCursor).toBeNull();
    const page = await s.api(`/v1/projects/${id}/versions?limit=2`, { headers: owner.auth });
    expect(page.body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2]);
    const rest = await s.api(`/v1/projects/${id}/versions?limit=2&cursor=${page.body.nextCursor}`, { headers: owner.auth });
    expect(rest.body).toMatchObject({ versions: [{ version: 1 }], nextCursor: null });

    const one = await s.api(`/v1/projects/${id}/versions/1`, { headers: owner.auth });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ projectId: id, version: 1, script: shortScript(), options: { voice: "en-us" } });

    const diff = await s.api(`/v1/projects/${id}/diff?from=1&to=3`, { headers: owner.auth });
    expect(diff.status).toBe(200);
    expect(diff.body.from).toBe(1);
    expect(diff.body.to).toBe(3);
    expect(diff.body.patch).toContainEqual({ op: "replace", path: "/script/scenes/0/lines/0/text", value: "Hello again, friend!" });
    expect(diff.body.patch).toContainEqual({ op: "replace", path: "/options/voice", value: "en-gb" });
    expect(diff.body.patch).toContainEqual({ op: "add", path: "/options/look", value: "warm" });
    expect(diff.body.summary).toEqual({ added: 1, removed: 0, replaced: 2 });
    const back = await s.api(`/v1/projects/${id}/diff?from=3&to=1`, { headers: owner.auth });
    expect(back.body.summary).toEqual({ added: 0, removed: 1, replaced: 2 });

    const rollback = await s.api(`/v1/projects/${id}/rollback`, { headers: owner.auth, body: { version: 1 } });
    expect(rollback.status).toBe(201);
    expect(rollback.body).toMatchObject({ latestVersion: 4, latest: { version: 4, template: TEMPLATE, script: shortScript(), options: { voice: "en-us" }, message: "Roll back to version 1" } });
    const same = await s.api(`/v1/projects/${id}/diff?from=1&to=4`, { headers: owner.auth });
    expect(same.body).toEqual({ from: 1, to: 4, patch: [], summary: { added: 0, removed: 0, replaced: 0 } });
    const still3 = await s.api(`/v1/projects/${id}/versions/3`, { headers: owner.auth });
    expect(still3.status).toBe(200);
    expect(still3.body).toEqual(v3.body.latest);

    const missing = await s.api(`/v1/projects/${id}/rollback`, { headers: owner.auth, body: { version: 99 } });
    expect(missing.status).toBe(404);
    expect((await s.api(`/v1/projects/${id}`, { headers: owner.auth })).body.latestVersion).toBe(4);
    expect((await s.api(`/v1/projects/${id}/diff?from=1&to=99`, { headers: owner.auth })).status).toBe(404);
    expect((await s.api(`/v1/projects/${id}/diff?from=1`, { headers: owner.auth })).status).toBe(400);
    expect((await s.api(`/v1/projects/${id}/diff?from=0&to=1`, { headers: owner.auth })).status).toBe(400);
  });

  it("answers 409 when baseVersion is not the latest version", async () => {
    const { id } = await create(owner);
    expect((await save(owner, id, { script: withFirstLine("Two"), baseVersion: 1 })).status).toBe(201);
    const stale = await save(owner, id, { script: withFirstLine("Stale"), baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("CONFLICT");
    const staleRollback = await s.api(`/v1/projects/${id}/rollback`, { headers: owner.auth, body: { version: 1, baseVersion: 1 } });
    expect(staleRollback.status).toBe(409);
    const latest = await s.api(`/v1/projects/${id}`, { headers: owner.auth });
    expect(latest.body.latest).toMatchObject({ version: 2, script: withFirstLine("Two") });
    expect((await save(owner, id, { script: withFirstLine("Three"), baseVersion: 2 })).status).toBe(201);
  });

  it("renames without a new version when only the name changes", async () => {
    const { id } = await create(owner);
    const renamed = await save(owner, id, { name: "Renamed" });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "Renamed", latestVersion: 1 });
    const empty = await save(owner, id, {});
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe("VALIDATION_FAILED");
  });

  it("rejects an invalid script with the JSON paths of its problems", async () => {
    const bad = shortScript();
    bad.scenes[0]!.lines[0]!.speaker = "nobody";
    const created = await s.api("/v1/projects", { headers: owner.auth, body: { name: "Bad", template: TEMPLATE, script: bad } });
    expect(created.status).toBe(400);
    expect(created.body.error.code).toBe("VALIDATION_FAILED");
    expect(created.body.error.problems.map((p: { path: string }) => p.path)).toContain("body.script.scenes[0].lines[0].speaker");

    // A save of only the script is checked against the template carried over from version N.
    const { id } = await create(owner);
    const saved = await save(owner, id, { script: bad });
    expect(saved.status).toBe(400);
    expect(saved.body.error.problems.map((p: { path: string }) => p.path)).toContain("body.script.scenes[0].lines[0].speaker");
    const notObject = await save(owner, id, { script: [1, 2] });
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.problems[0].path).toBe("body.script");
    expect((await s.api(`/v1/projects/${id}`, { headers: owner.auth })).body.latestVersion).toBe(1);
  });

  it("rejects an unknown template", async () => {
    const created = await s.api("/v1/projects", { headers: owner.auth, body: { name: "X", template: "no-such-template", script: shortScript() } });
    expect(created.status).toBe(400);
    expect(created.body.error.problems).toEqual([{ path: "body.template", message: expect.stringContaining("no-such-template") }]);
    const { id } = await create(owner);
    const saved = await save(owner, id, { template: "no-such-template" });
    expect(saved.status).toBe(400);
    expect(saved.body.error.problems[0].path).toBe("body.template");
  });

  it("rejects oversized options and text PostgreSQL cannot store, with a 400 rather than a 500", async () => {
    const big = await s.api("/v1/projects", { headers: owner.auth, body: { name: "Big", template: TEMPLATE, script: shortScript(), options: { blob: "x".repeat(70_000) } } });
    expect(big.status).toBe(400);
    expect(big.body.error.problems[0].path).toBe("body.options");
    const nul = await s.api("/v1/projects", { headers: owner.auth, body: { name: "Nul", template: TEMPLATE, script: withFirstLine("a\u0000b") } });
    expect(nul.status).toBe(400);
    expect(nul.body.error.problems[0].path).toBe("body.script.scenes[0].lines[0].text");
    const surrogate = await s.api("/v1/projects", { headers: owner.auth, body: { name: "S", template: TEMPLATE, script: shortScript(), options: { note: "\ud800" } } });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.error.problems[0].path).toBe("body.options.note");
  });

  it("refuses a script of millions of values at once with 413, on create and on save, instead of validating each one", async () => {
    // 4.6 MB of numbers where scenes go: validated one by one it took 25 s and 2.7 GB.
    const huge = `{"name":"Huge","template":"${TEMPLATE}","script":{"title":"t","scenes":[${"1,".repeat(2_300_000)}1]}}`;
    const started = performance.now();
    const created = await s.api("/v1/projects", { method: "POST", headers: { ...owner.auth, "content-type": "application/json" }, body: huge });
    expect(created.status).toBe(413);
    expect(created.body.error.problems[0].path).toBe("body.script");
    const { id } = await create(owner);
    const saved = await s.api(`/v1/projects/${id}`, { method: "PUT", headers: { ...owner.auth, "content-type": "application/json" }, body: huge.replace('"name":"Huge",', '"baseVersion":1,') });
    expect(saved.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(5000);
    expect((await s.api(`/v1/projects/${id}`, { headers: owner.auth })).body.latestVersion).toBe(1);
  });

  it("refuses a project name with control or bidirectional-formatting characters, on create and on rename", async () => {
    const user = await s.user();
    const refused = { code: "VALIDATION_FAILED", problems: [{ path: "body.name", message: "must not contain control or bidirectional-formatting characters" }] };
    const bidi = await s.api("/v1/projects", { headers: user.auth, body: { name: "budget\u202Efdp.exe", template: TEMPLATE, script: shortScript() } });
    expect(bidi.status).toBe(400);
    expect(bidi.body.error).toMatchObject(refused);
    const { id } = await create(user, { name: "fine" });
    const rename = await save(user, id, { name: "tab\there" });
    expect(rename.status).toBe(400);
    expect(rename.body.error).toMatchObject(refused);
    expect((await s.api(`/v1/projects/${id}`, { headers: user.auth })).body.name).toBe("fine");
    expect((await s.api("/v1/projects", { headers: user.auth })).body.projects).toHaveLength(1);
  });

  it("deletes a project with its history", async () => {
    const { id } = await create(owner);
    expect((await s.api(`/v1/projects/${id}`, { method: "DELETE", headers: owner.auth })).status).toBe(204);
    expect((await s.api(`/v1/projects/${id}`, { headers: owner.auth })).status).toBe(404);
    expect((await s.api(`/v1/projects/${id}/versions/1`, { headers: owner.auth })).status).toBe(404);
    expect((await s.api(`/v1/projects/${id}`, { method: "DELETE", headers: owner.auth })).status).toBe(404);
  });

  it("answers 404 for malformed ids and version numbers", async () => {
    const { id } = await create(owner);
    for (const v of ["0", "-1", "abc", "1.5", "01", "99999999999", "2147483648"]) {
      expect((await s.api(`/v1/projects/${id}/versions/${v}`, { headers: owner.auth })).status, v).toBe(404);
    }
    expect((await s.api(`/v1/projects/${id}/versions/2`, { headers: owner.auth })).status).toBe(404);
    expect((await s.api("/v1/projects/not-a-uuid", { headers: owner.auth })).status).toBe(404);
    expect((await s.api("/v1/projects/00000000-0000-4000-8000-000000000000", { headers: owner.auth })).status).toBe(404);
  });

  it("hides another user's project on every route", async () => {
    const { id } = await create(owner);
    const other = await s.user();
    const h = other.auth;
    const attempts = [
      s.api(`/v1/projects/${id}`, { headers: h }),
      save(other, id, { script: shortScript() }),
      save(other, id, { options: { x: 1 } }),
      save(other, id, { name: "mine now" }),
      s.api(`/v1/projects/${id}/versions`, { headers: h }),
      s.api(`/v1/projects/${id}/versions/1`, { headers: h }),
      s.api(`/v1/projects/${id}/diff?from=1&to=1`, { headers: h }),
      s.api(`/v1/projects/${id}/rollback`, { headers: h, body: { version: 1 } }),
      s.api(`/v1/projects/${id}`, { method: "DELETE", headers: h }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
    expect((await s.api("/v1/projects", { headers: h })).body.projects).toEqual([]);
    const untouched = await s.api(`/v1/projects/${id}`, { headers: owner.auth });
    expect(untouched.body).toMatchObject({ name: "Lunch", latestVersion: 1 });
  });

  it("requires credentials, and the projects:write scope to change anything", async () => {
    const { id } = await create(owner);
    for (const [method, path, body] of [
      ["GET", "/v1/projects", undefined],
      ["POST", "/v1/projects", { name: "x", template: TEMPLATE, script: shortScript() }],
      ["GET", `/v1/projects/${id}`, undefined],
      ["PUT", `/v1/projects/${id}`, { name: "x" }],
      ["GET", `/v1/projects/${id}/versions`, undefined],
      ["GET", `/v1/projects/${id}/diff?from=1&to=1`, undefined],
    ] as const) {
      const res = await s.api(path, { method, body });
      expect(res.status, `${method} ${path}`).toBe(401);
    }

    const key = await s.api("/v1/api-keys", { headers: owner.auth, body: { name: "reader", scopes: ["projects:read"] } });
    expect(key.status).toBe(201);
    const reader = { authorization: `Bearer ${key.body.key}` };
    expect((await s.api(`/v1/projects/${id}`, { headers: reader })).status).toBe(200);
    expect((await s.api(`/v1/projects/${id}/versions/1`, { headers: reader })).status).toBe(200);
    expect((await s.api(`/v1/projects/${id}/diff?from=1&to=1`, { headers: reader })).status).toBe(200);
    const writes = [
      s.api("/v1/projects", { headers: reader, body: { name: "x", template: TEMPLATE, script: shortScript() } }),
      s.api(`/v1/projects/${id}`, { method: "PUT", headers: reader, body: { name: "x" } }),
      s.api(`/v1/projects/${id}/rollback`, { headers: reader, body: { version: 1 } }),
      s.api(`/v1/projects/${id}`, { method: "DELETE", headers: reader }),
    ];
    for (const res of await Promise.all(writes)) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe("FORBIDDEN");
    }

    const writerKey = await s.api("/v1/api-keys", { headers: owner.auth, body: { name: "writer", scopes: ["projects:write"] } });
    const writer = { authorization: `Bearer ${writerKey.body.key}` };
    expect((await s.api(`/v1/projects/${id}`, { method: "PUT", headers: writer, body: { script: withFirstLine("By key") } })).status).toBe(201);
    // Write does not imply read.
    expect((await s.api(`/v1/projects/${id}`, { headers: writer })).status).toBe(403);
  });

  it("documents the project routes in the OpenAPI document", async () => {
    const doc = await s.api("/openapi.json");
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(["/v1/projects", "/v1/projects/{id}", "/v1/projects/{id}/versions", "/v1/projects/{id}/versions/{version}", "/v1/projects/{id}/diff", "/v1/projects/{id}/rollback"]),
    );
    expect(Object.keys(doc.body.components.schemas)).toEqual(expect.arrayContaining(["Project", "ProjectVersion", "ProjectDiff", "SaveProjectRequest"]));
  });
});

describe.each(["pglite", "postgres"] as const)("concurrent saves on %s", (database) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ database });
  });
  afterAll(async () => {
    await s?.close();
  });

  it("gives 10 concurrent saves the versions 2..11, each exactly once, with no lost write", async () => {
    const user = await s.user();
    const created = await s.api("/v1/projects", { headers: user.auth, body: { name: "Race", template: TEMPLATE, script: shortScript() } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const texts = Array.from({ length: 10 }, (_, i) => `Save number ${i}`);
    const results = await Promise.all(texts.map((text) => s.api(`/v1/projects/${id}`, { method: "PUT", headers: user.auth, body: { script: withFirstLine(text), message: text } })));
    for (const res of results) expect(res.status, JSON.stringify(res.body)).toBe(201);
    const numbers = results.map((r) => r.body.latest.version as number).sort((a, b) => a - b);
    expect(numbers).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);

    // Every save's content landed in the version it was told about.
    for (const res of results) {
      const stored = await s.api(`/v1/projects/${id}/versions/${res.body.latest.version}`, { headers: user.auth });
      expect(stored.body.message).toBe(res.body.latest.message);
      expect(stored.body.script.scenes[0].lines[0].text).toBe(res.body.latest.message);
    }
    const versions = await s.api(`/v1/projects/${id}/versions`, { headers: user.auth });
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect((await s.api(`/v1/projects/${id}`, { headers: user.auth })).body.latestVersion).toBe(11);

    // With baseVersion, exactly one of several racing saves based on the same version wins.
    const racing = await Promise.all(texts.slice(0, 5).map((text) => s.api(`/v1/projects/${id}`, { method: "PUT", headers: user.auth, body: { script: withFirstLine(text), baseVersion: 11 } })));
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });
});

describe.each(["pglite", "postgres"] as const)("project search (?q=) on %s", (database) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ database });
  });
  afterAll(async () => {
    await s?.close();
  });

  type Page = { status: number; body: { projects: { id: string; name: string }[]; nextCursor: string | null; error?: { problems: { path: string }[] } } };
  const names = async (user: TestUser, query: string) => {
    const res: Page = await s.api(`/v1/projects?${query}`, { headers: user.auth });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body.projects.map((p) => p.name);
  };

  it("matches names by substring ignoring case, with % _ and \\ literal, pages with a cursor, and never shows another user's projects", async () => {
    const [user, other] = await Promise.all([s.user(), s.user()]);
    // Created oldest first: the list answers newest first.
    for (const name of ["Lunch Thief", "Sale 100% off", "snake_case plan", "Back\\slash", "THE LUNCH RETURNS", "lunchbox", "Dinner"]) {
      const res = await s.api("/v1/projects", { headers: user.auth, body: { name, template: TEMPLATE, script: shortScript() } });
      expect(res.status).toBe(201);
    }
    await s.api("/v1/projects", { headers: other.auth, body: { name: "Other lunch 100%", template: TEMPLATE, script: shortScript() } });

    expect(await names(user, "q=LUNCH")).toEqual(["lunchbox", "THE LUNCH RETURNS", "Lunch Thief"]);
    expect(await names(user, `q=${encodeURIComponent("  unch  ")}`)).toEqual(["lunchbox", "THE LUNCH RETURNS", "Lunch Thief"]);
    // `%` is the percent sign, not "anything"; `_` is the underscore, not "one character"; `\` is a backslash.
    expect(await names(user, `q=${encodeURIComponent("%")}`)).toEqual(["Sale 100% off"]);
    expect(await names(user, `q=${encodeURIComponent("0% o")}`)).toEqual(["Sale 100% off"]);
    expect(await names(user, "q=_")).toEqual(["snake_case plan"]);
    expect(await names(user, "q=e_c")).toEqual(["snake_case plan"]);
    expect(await names(user, "q=e%20c")).toEqual([]);
    expect(await names(user, `q=${encodeURIComponent("\\")}`)).toEqual(["Back\\slash"]);
    expect(await names(user, "q=nothing-like-this")).toEqual([]);

    // q with a cursor: every match once, newest first, and only matches.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await s.api(`/v1/projects?q=lunch&limit=2${cursor ? `&cursor=${cursor}` : ""}`, { headers: user.auth });
      expect(page.status).toBe(200);
      expect(page.body.projects.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.projects.map((p) => p.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["lunchbox", "THE LUNCH RETURNS", "Lunch Thief"]);

    expect(await names(other, "q=lunch")).toEqual(["Other lunch 100%"]);
    expect(await names(other, `q=${encodeURIComponent("%")}`)).toEqual(["Other lunch 100%"]);

    for (const q of ["x".repeat(101), "", "%20%20"]) {
      const bad: Page = await s.api(`/v1/projects?q=${q}`, { headers: user.auth });
      expect(bad.status, q).toBe(400);
      expect(bad.body.error!.problems.map((p) => p.path)).toContain("query.q");
    }
    expect(await names(user, `q=${"x".repeat(100)}`)).toEqual([]);
  });
});

import http from "node:http";
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer } from "../../server/start-server";
import { tempDir } from "../renderer/fixtures";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { REDIS_TEST_URL, uniquePrefix } from "./services";

const SECRET = new TextEncoder().encode("test-secret-test-secret-test-secret-0123");
const PASSWORD = "correct horse battery staple";

describe.each(["pglite", "postgres"] as const)("auth on %s", (database) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ database, env: { TRUST_PROXY: "1" } });
  });
  afterAll(async () => {
    await server?.close();
  });

  const register = (email: string, password = PASSWORD, ip = "198.51.100.1") =>
    server.api("/v1/auth/register", { body: { email, password }, headers: { "x-forwarded-for": ip } });
  const login = (email: string, password = PASSWORD, ip = "198.51.100.1") =>
    server.api("/v1/auth/login", { body: { email, password }, headers: { "x-forwarded-for": ip } });

  it("registers the first user as admin, later ones as standard, and stores argon2id hashes", async () => {
    const first = await register("first@example.com");
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ email: "first@example.com", role: "admin" });
    const second = await register("Second@Example.com");
    expect(second.body).toMatchObject({ email: "second@example.com", role: "standard" });
    const row = await server.ctx.db.selectFrom("users").select("password_hash").where("email", "=", "second@example.com").executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it.each([
    ["short", "abc123", "WEAK_PASSWORD", "password must be at least 8 characters"],
    ["common", "password1", "WEAK_PASSWORD", "password is too common (it appears in lists of breached passwords)"],
    ["the email", "weakling@example.com", "WEAK_PASSWORD", "password must not be your email address"],
  ])("refuses a %s password", async (_name, password, code, message) => {
    const res = await register("weakling@example.com", password);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code, message, problems: [{ path: "password", message }] });
    expect(res.body.error.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("accepts long passphrases and refuses duplicates and bad emails", async () => {
    expect((await register("long@example.com", "a sentence that is much longer than sixty-four characters, with spaces!")).status).toBe(201);
    const dup = await register("LONG@example.com");
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("EMAIL_TAKEN");
    const bad = await register("not-an-email");
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems[0].path).toBe("body.email");
    const notJson = await server.api("/v1/auth/register", { body: "{oops", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(notJson.body.error.code).toBe("INVALID_JSON");
    const encoded = await server.api("/v1/auth/register", { body: "{}", headers: { "content-type": "application/json", "content-encoding": "x-unknown" } });
    expect(encoded.status).toBe(415);
    expect(encoded.body.error).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", message: 'unsupported content encoding "x-unknown"' });
  });

  it("signs in, and refuses wrong passwords and forged, expired or mis-addressed tokens", async () => {
    await register("signin@example.com");
    const wrong = await login("signin@example.com", "not the password");
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe("INVALID_CREDENTIALS");
    const unknown = await login("nobody@example.com");
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.message).toBe(wrong.body.error.message);

    const ok = await login("signin@example.com");
    expect(ok.status).toBe(200);
    expect(ok.body.tokenType).toBe("Bearer");
    const me = await server.api("/v1/me", { headers: { authorization: `Bearer ${ok.body.accessToken}` } });
    expect(me.body.email).toBe("signin@example.com");

    const [header, payload] = ok.body.accessToken.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString());
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${payload}.`;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: "00000000-0000-0000-0000-000000000000" })).toString("base64url")}.${ok.body.accessToken.split(".")[2]}`;
    const sign = (aud: string, exp: number) =>
      new SignJWT({ sid: claims.sid }).setProtectedHeader({ alg: "HS256" }).setSubject(claims.sub).setIssuer("reelgen").setAudience(aud).setExpirationTime(exp).sign(SECRET);
    const wrongAudience = await sign("someone-else", Math.floor(Date.now() / 1000) + 600);
    const expired = await sign("reelgen-api", Math.floor(Date.now() / 1000) - 10);
    const rightOne = await sign("reelgen-api", Math.floor(Date.now() / 1000) + 600);
    for (const token of [none, tampered, wrongAudience, expired, "garbage"]) {
      const res = await server.api("/v1/me", { headers: { authorization: `Bearer ${token}` } });
      expect(res.status, token).toBe(401);
      expect(res.body.error.code).toBe("UNAUTHENTICATED");
    }
    expect((await server.api("/v1/me", { headers: { authorization: `Bearer ${expired}` } })).body.error.message).toBe("access token expired; refresh it");
    expect((await server.api("/v1/me", { headers: { authorization: `Bearer ${rightOne}` } })).status).toBe(200);
  });

  it("rotates refresh tokens, and a reused one revokes its whole family", async () => {
    await register("rotate@example.com");
    const first = (await login("rotate@example.com")).body;
    const second = (await server.api("/v1/auth/refresh", { body: { refreshToken: first.refreshToken } })).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const third = await server.api("/v1/auth/refresh", { body: { refreshToken: second.refreshToken } });
    expect(third.status).toBe(200);
    // An attacker replays the first token: everything of this sign-in ends.
    const replay = await server.api("/v1/auth/refresh", { body: { refreshToken: first.refreshToken } });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("TOKEN_REUSED");
    expect((await server.api("/v1/auth/refresh", { body: { refreshToken: third.body.refreshToken } })).status).toBe(401);
    expect((await server.api("/v1/me", { headers: { authorization: `Bearer ${third.body.accessToken}` } })).status).toBe(401);
    // Another sign-in of the same user is untouched.
    const other = (await login("rotate@example.com")).body;
    expect((await server.api("/v1/me", { headers: { authorization: `Bearer ${other.accessToken}` } })).status).toBe(200);
    const user = await server.ctx.db.selectFrom("users").select("id").where("email", "=", "rotate@example.com").executeTakeFirstOrThrow();
    const events = await server.ctx.db.selectFrom("audit_log").select("event").where("user_id", "=", user.id).execute();
    expect(events.map((e) => e.event)).toContain("session.refresh_reused");
  });

  it("ends sessions on logout, logout everywhere and password change", async () => {
    await register("sessions@example.com");
    const a = (await login("sessions@example.com")).body;
    const b = (await login("sessions@example.com")).body;
    const c = (await login("sessions@example.com")).body;
    const bearer = (t: { accessToken: string }) => ({ authorization: `Bearer ${t.accessToken}` });
    expect((await server.api("/v1/auth/logout", { method: "POST", headers: bearer(a) })).status).toBe(204);
    expect((await server.api("/v1/me", { headers: bearer(a) })).status).toBe(401);
    expect((await server.api("/v1/auth/refresh", { body: { refreshToken: a.refreshToken } })).status).toBe(401);
    expect((await server.api("/v1/me", { headers: bearer(b) })).status).toBe(200);

    const changed = await server.api("/v1/me/password", { headers: bearer(b), body: { currentPassword: PASSWORD, newPassword: "a brand new passphrase" } });
    expect(changed.status).toBe(200);
    expect((await server.api("/v1/me", { headers: bearer(b) })).status).toBe(401);
    expect((await server.api("/v1/me", { headers: bearer(c) })).status).toBe(401);
    expect((await server.api("/v1/me", { headers: bearer(changed.body) })).status).toBe(200);
    expect((await login("sessions@example.com")).status).toBe(401);
    const d = (await login("sessions@example.com", "a brand new passphrase")).body;
    expect((await server.api("/v1/auth/logout-all", { method: "POST", headers: bearer(d) })).status).toBe(200);
    expect((await server.api("/v1/me", { headers: bearer(d) })).status).toBe(401);
    expect((await server.api("/v1/me", { headers: bearer(changed.body) })).status).toBe(401);
  });

  it("recovers an account with an emailed token (read from the outbox)", async () => {
    await register("forgot@example.com");
    const before = (await login("forgot@example.com")).body;
    expect((await server.api("/v1/auth/password-reset", { body: { email: "forgot@example.com" } })).status).toBe(202);
    expect((await server.api("/v1/auth/password-reset", { body: { email: "unknown@example.com" } })).status).toBe(202);
    const outbox = path.join(server.dataDir, "outbox");
    const mails = readdirSync(outbox).map((f) => JSON.parse(readFileSync(path.join(outbox, f), "utf8")));
    expect(mails.map((m) => m.to)).toEqual(["forgot@example.com"]);
    const token = /(pr_[A-Za-z0-9_-]{40,})/.exec(mails[0].text)![1];
    // A loopback server (development) links to its own web app's reset page.
    expect(mails[0].text).toContain(`${server.url}/reset-password?token=${token}\n`);
    // Another Host header might be an attacker's: no link then, only the code to paste.
    const forged = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${server.url}/v1/auth/password-reset`);
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { host: "evil.example", "content-type": "application/json" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.once("error", reject);
      req.end(JSON.stringify({ email: "forgot@example.com" }));
    });
    expect(forged).toBe(202);
    const second = readdirSync(outbox).map((f) => JSON.parse(readFileSync(path.join(outbox, f), "utf8")) as { text: string }).find((m) => m.text !== mails[0].text)!;
    expect(second.text).toMatch(/pr_[A-Za-z0-9_-]{40,}/);
    expect(second.text).not.toContain("evil.example");
    expect(second.text).not.toContain("/reset-password?token=");
    const reset = await server.api("/v1/auth/password-reset/confirm", { body: { token, newPassword: "remembered at last" } });
    expect(reset.status).toBe(204);
    expect((await server.api("/v1/me", { headers: { authorization: `Bearer ${before.accessToken}` } })).status).toBe(401);
    expect((await login("forgot@example.com", "remembered at last")).status).toBe(200);
    expect((await server.api("/v1/auth/password-reset/confirm", { body: { token, newPassword: "another passphrase" } })).status).toBe(401);
  });

  it("ends every pending reset token on a reset and on a password change", async () => {
    const email = `two-tokens-${database}@example.com`;
    await register(email);
    const tokensFor = () =>
      readdirSync(path.join(server.dataDir, "outbox"))
        .map((f) => JSON.parse(readFileSync(path.join(server.dataDir, "outbox", f), "utf8")))
        .filter((m) => m.to === email)
        .map((m) => /(pr_[A-Za-z0-9_-]{40,})/.exec(m.text)![1]!);
    // Two requests, two mails: using one ends the other.
    for (let i = 0; i < 2; i++) expect((await server.api("/v1/auth/password-reset", { body: { email } })).status).toBe(202);
    const [first, second] = tokensFor();
    expect(first && second && first !== second).toBe(true);
    expect((await server.api("/v1/auth/password-reset/confirm", { body: { token: first, newPassword: "the first new passphrase" } })).status).toBe(204);
    const stale = await server.api("/v1/auth/password-reset/confirm", { body: { token: second, newPassword: "an attacker's passphrase" } });
    expect(stale.status).toBe(401);
    expect(stale.body.error.message).toBe("reset token is invalid, used or expired");
    expect((await login(email, "the first new passphrase")).status).toBe(200);

    // A token asked for before a password change is void after it.
    expect((await server.api("/v1/auth/password-reset", { body: { email } })).status).toBe(202);
    const third = tokensFor()[2]!;
    const session = (await login(email, "the first new passphrase")).body;
    const changed = await server.api("/v1/me/password", { headers: { authorization: `Bearer ${session.accessToken}` }, body: { currentPassword: "the first new passphrase", newPassword: "the second new passphrase" } });
    expect(changed.status).toBe(200);
    expect((await server.api("/v1/auth/password-reset/confirm", { body: { token: third, newPassword: "an attacker's passphrase" } })).status).toBe(401);
    expect((await login(email, "the second new passphrase")).status).toBe(200);
    const unused = await server.ctx.db.selectFrom("password_resets").innerJoin("users", "users.id", "password_resets.user_id").select("token_hash").where("users.email", "=", email).where("used_at", "is", null).execute();
    expect(unused).toEqual([]);
  });

  it("keeps API keys through sign-out everywhere and a password reset, and says so", async () => {
    const user = await server.user();
    const key = (await server.api("/v1/api-keys", { headers: user.auth, body: { name: "integration", scopes: ["templates:read"] } })).body.key as string;
    const out = await server.api("/v1/auth/logout-all", { method: "POST", headers: user.auth });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({
      sessionsEnded: 1,
      apiKeysActive: 1,
      message: "signed out of 1 session(s); API keys are not affected (1 still work): revoke them with DELETE /v1/api-keys/{id}",
    });
    expect((await server.api("/v1/me", { headers: user.auth })).status).toBe(401);
    expect((await server.api("/v1/templates", { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);

    expect((await server.api("/v1/auth/password-reset", { body: { email: user.email } })).status).toBe(202);
    const mail = readdirSync(path.join(server.dataDir, "outbox"))
      .map((f) => JSON.parse(readFileSync(path.join(server.dataDir, "outbox", f), "utf8")))
      .find((m) => m.to === user.email);
    const token = /(pr_[A-Za-z0-9_-]{40,})/.exec(mail.text)![1];
    expect((await server.api("/v1/auth/password-reset/confirm", { body: { token, newPassword: "reset, keys stay" } })).status).toBe(204);
    expect((await server.api("/v1/templates", { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    const openapi = (await server.api("/openapi.json")).body;
    expect(openapi.paths["/v1/auth/logout-all"].post.summary).toContain("API keys are kept (revoke them with DELETE /v1/api-keys/{id})");
    expect(openapi.paths["/v1/auth/password-reset/confirm"].post.summary).toContain("API keys keep working");
  });

  it("sends at most PASSWORD_RESET_MAILS_PER_HOUR (3) reset mails per address, answering 202 alike for known and unknown addresses", async () => {
    const email = `many-resets-${database}@example.com`;
    await register(email);
    const ask = (address: string) => server.api("/v1/auth/password-reset", { body: { email: address } });
    const known = await Promise.all(Array.from({ length: 6 }, () => ask(email.toUpperCase())));
    const unknown = await Promise.all(Array.from({ length: 6 }, () => ask(`nobody-${database}@example.com`)));
    for (const res of [...known, ...unknown]) {
      expect(res.status).toBe(202);
      expect(res.body).toBe("");
    }
    const sent = readdirSync(path.join(server.dataDir, "outbox")).map((f) => JSON.parse(readFileSync(path.join(server.dataDir, "outbox", f), "utf8")));
    expect(sent.filter((m) => m.to === email)).toHaveLength(3);
    const user = await server.ctx.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
    const events = (await server.ctx.db.selectFrom("audit_log").select("event").where("user_id", "=", user.id).execute()).map((e) => e.event);
    expect(events.filter((e) => e === "password.reset_requested")).toHaveLength(3);
    expect(events.filter((e) => e === "password.reset_throttled")).toHaveLength(3);
    // Another address has its own budget.
    const other = await server.user();
    expect((await ask(other.email)).status).toBe(202);
    const after = readdirSync(path.join(server.dataDir, "outbox")).map((f) => JSON.parse(readFileSync(path.join(server.dataDir, "outbox", f), "utf8")));
    expect(after.filter((m) => m.to === other.email)).toHaveLength(1);
  });

  it.each([
    ["right-to-left override", "invoice\u202Etxt.exe"],
    ["left-to-right isolate", "a\u2066b"],
    ["Arabic letter mark", "a\u061Cb"],
    ["escape", "a\u001B[31mb"],
    ["C1 control", "a\u0085b"],
    ["line separator", "a\u2028b"],
  ])("refuses an API-key name holding: %s (400 naming body.name)", async (_what, name) => {
    const user = await server.user();
    const res = await server.api("/v1/api-keys", { headers: user.auth, body: { name, scopes: ["templates:read"] } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: "VALIDATION_FAILED", problems: [{ path: "body.name", message: "must not contain control or bidirectional-formatting characters" }] });
    expect(await server.ctx.db.selectFrom("api_keys").select("id").where("user_id", "=", user.id).execute()).toEqual([]);
    // Joiners are part of ordinary text (emoji sequences, Persian): they stay allowed.
    expect((await server.api("/v1/api-keys", { headers: user.auth, body: { name: "deploy 👩\u200D💻 می\u200Cخواهم", scopes: ["templates:read"] } })).status).toBe(201);
  });

  it("refuses a role change that would leave no admin, even when two admins demote each other at once", async () => {
    // Only the admins made here remain.
    await server.ctx.db.updateTable("users").set({ role: "standard" }).where("role", "=", "admin").execute();
    const roleOf = async (id: string) => (await server.ctx.db.selectFrom("users").select("role").where("id", "=", id).executeTakeFirstOrThrow()).role;
    const admins = async () => (await server.ctx.db.selectFrom("users").select("id").where("role", "=", "admin").execute()).length;
    const demote = (by: TestUser, who: TestUser) => server.api(`/v1/admin/users/${who.id}`, { method: "PATCH", headers: by.auth, body: { role: "standard" } });

    const only = await server.user("admin");
    const self = await demote(only, only);
    expect(self.status).toBe(409);
    expect(self.body.error).toMatchObject({ code: "CONFLICT", message: "this is the only admin; make another user admin first" });
    expect(await roleOf(only.id)).toBe("admin");

    // Two admins demote each other at once: one wins; the other finds it would leave no admin
    // (409), or, when the winner committed before its request was let in, that its caller is no
    // admin any more (403). Never both.
    for (let round = 0; round < 5; round++) {
      await server.ctx.db.updateTable("users").set({ role: "standard" }).where("role", "=", "admin").execute();
      const [a, b] = await Promise.all([server.user("admin"), server.user("admin")]);
      const both = await Promise.all([demote(a, b), demote(b, a)]);
      const statuses = both.map((r) => r.status).sort();
      expect([[200, 403], [200, 409]], JSON.stringify(both.map((r) => r.body))).toContainEqual(statuses);
      expect(await admins()).toBe(1);
    }
  });

  it("throttles failed sign-ins per email+address without locking the owner out", async () => {
    await register("target@example.com");
    // The owner signs in once from home, which makes that address known.
    expect((await login("target@example.com", PASSWORD, "198.51.100.7")).status).toBe(200);
    for (let i = 0; i < 5; i++) expect((await login("target@example.com", `guess ${i} wrong`, "203.0.113.5")).status).toBe(401);
    const blocked = await login("target@example.com", PASSWORD, "203.0.113.5");
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("RATE_LIMITED");
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(60);
    // A spray from many addresses exhausts the per-account budget for unknown addresses only.
    for (let i = 0; i < 50; i++) await login("target@example.com", "spray", `203.0.113.${100 + (i % 100)}`);
    expect((await login("target@example.com", PASSWORD, "192.0.2.44")).status).toBe(429);
    expect((await login("target@example.com", PASSWORD, "198.51.100.7")).status).toBe(200);
    const user = await server.ctx.db.selectFrom("users").select("id").where("email", "=", "target@example.com").executeTakeFirstOrThrow();
    const events = await server.ctx.db.selectFrom("audit_log").select("event").where("user_id", "=", user.id).execute();
    expect(events.filter((e) => e.event === "login.failed").length).toBeGreaterThanOrEqual(5);
    expect(events.map((e) => e.event)).toContain("login.throttled");
  });

  it("counts parallel guesses before checking them: of 30 at once, only 5 are checked", async () => {
    await register("parallel@example.com");
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => login("parallel@example.com", `guess ${i} wrong`, "203.0.113.77")));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(25);
    expect((await login("parallel@example.com", PASSWORD, "203.0.113.77")).status).toBe(429);
    expect((await login("parallel@example.com", PASSWORD, "198.51.100.77")).status).toBe(200);
  });

  it("throttles password changes like sign-ins, per email and address", async () => {
    const user = await server.user();
    const change = (currentPassword: string) =>
      server.api("/v1/me/password", { headers: { ...user.auth, "x-forwarded-for": "203.0.113.88" }, body: { currentPassword, newPassword: "a brand new passphrase" } });
    const guesses = await Promise.all(Array.from({ length: 8 }, (_, i) => change(`guess ${i} wrong`)));
    expect(guesses.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const blocked = await change(user.password);
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe("RATE_LIMITED");
    expect((await login(user.email, user.password, "203.0.113.88")).status).toBe(429);
    const events = await server.ctx.db.selectFrom("audit_log").select("event").where("user_id", "=", user.id).execute();
    expect(events.map((e) => e.event)).toContain("password.throttled");
  });

  it("manages API keys: shown once, hashed, scoped, revocable, rollable, never for sign-in routes", async () => {
    const user = await server.user();
    const created = await server.api("/v1/api-keys", { headers: user.auth, body: { name: "ci", scopes: ["renders:read", "templates:read"] } });
    expect(created.status).toBe(201);
    const key: string = created.body.key;
    expect(key).toMatch(/^rk_live_[0-9A-Za-z]{33}$/);
    const row = await server.ctx.db.selectFrom("api_keys").selectAll().where("id", "=", created.body.apiKey.id).executeTakeFirstOrThrow();
    expect(row.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key);
    const list = await server.api("/v1/api-keys", { headers: user.auth });
    expect(JSON.stringify(list.body)).not.toContain(key);
    expect(list.body.apiKeys[0]).toMatchObject({ name: "ci", start: key.slice(0, 14), lastUsedAt: null });

    const asKey = { authorization: `Bearer ${key}` };
    expect((await server.api("/v1/templates", { headers: asKey })).status).toBe(200);
    expect((await server.api("/v1/api-keys", { headers: asKey })).status).toBe(403);
    expect((await server.api("/v1/auth/logout", { method: "POST", headers: asKey })).status).toBe(403);
    const noScope = await server.api("/v1/renders", { headers: asKey, body: { template: "minidrama", script: {}, outputs: [{ format: "mp4" }] } });
    expect(noScope.status).toBe(403);
    expect(noScope.body.error.message).toBe("this API key lacks the scope renders:write");
    const mistyped = key.slice(0, -1) + (key.endsWith("A") ? "B" : "A");
    expect((await server.api("/v1/templates", { headers: { authorization: `Bearer ${mistyped}` } })).status).toBe(401);
    const used = await server.ctx.db.selectFrom("api_keys").select("last_used_at").where("id", "=", created.body.apiKey.id).executeTakeFirstOrThrow();
    expect(used.last_used_at).toBeInstanceOf(Date);

    const rolled = await server.api(`/v1/api-keys/${created.body.apiKey.id}/roll`, { method: "POST", headers: user.auth });
    expect(rolled.status).toBe(201);
    expect(rolled.body.apiKey.scopes).toEqual(["renders:read", "templates:read"]);
    expect((await server.api("/v1/templates", { headers: asKey })).status).toBe(401);
    const newKey = { authorization: `Bearer ${rolled.body.key}` };
    expect((await server.api("/v1/templates", { headers: newKey })).status).toBe(200);
    expect((await server.api(`/v1/api-keys/${rolled.body.apiKey.id}`, { method: "DELETE", headers: user.auth })).status).toBe(200);
    expect((await server.api("/v1/templates", { headers: newKey })).status).toBe(401);

    const other = await server.user();
    expect((await server.api(`/v1/api-keys/${rolled.body.apiKey.id}`, { method: "DELETE", headers: other.auth })).status).toBe(404);
    const audit = await server.ctx.db.selectFrom("audit_log").select("event").where("user_id", "=", user.id).execute();
    expect(audit.map((a) => a.event)).toEqual(expect.arrayContaining(["api_key.created", "api_key.rolled", "api_key.revoked"]));
  });

  it("lets only admins change roles, and audits it", async () => {
    const admin = await server.user("admin");
    const standard = await server.user("standard");
    expect((await server.api(`/v1/admin/users/${standard.id}`, { method: "PATCH", headers: standard.auth, body: { role: "admin" } })).status).toBe(403);
    const promoted = await server.api(`/v1/admin/users/${standard.id}`, { method: "PATCH", headers: admin.auth, body: { role: "premium" } });
    expect(promoted.body.role).toBe("premium");
    expect((await server.api("/v1/me", { headers: standard.auth })).body.role).toBe("premium");
    const audit = await server.api("/v1/me/audit", { headers: standard.auth });
    expect(audit.body.events[0]).toMatchObject({ event: "role.changed", details: { from: "standard", to: "premium", by: admin.id } });
  });

  it("keeps preferences", async () => {
    const user = await server.user();
    const res = await server.api("/v1/me/preferences", { method: "PATCH", headers: user.auth, body: { defaultTemplate: "chat-story", defaultFormat: "1:1", voice: "en-us" } });
    expect(res.body.preferences).toEqual({ defaultTemplate: "chat-story", defaultFormat: "1:1", voice: "en-us" });
    const concurrent = await server.user();
    const updates = [{ defaultTemplate: "chat-story" }, { defaultFormat: "1:1" }, { voice: "en-us" }, { brand: { colors: { primary: "#10b981" } } }];
    await Promise.all(updates.map((body) => server.api("/v1/me/preferences", { method: "PATCH", headers: concurrent.auth, body })));
    expect((await server.api("/v1/me", { headers: concurrent.auth })).body.preferences).toEqual(Object.assign({}, ...updates));
    const bad = await server.api("/v1/me/preferences", { method: "PATCH", headers: user.auth, body: { defaultFormat: "3:2" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.problems[0].path).toBe("body.defaultFormat");
    // The brand kit is a script's `brand`, so a preference can be applied to any script as it is.
    const badBrand = await server.api("/v1/me/preferences", { method: "PATCH", headers: user.auth, body: { brand: { colors: { primary: "not a colour!" } } } });
    expect(badBrand.status).toBe(400);
    expect(badBrand.body.error.problems).toEqual([{ path: "body.brand.colors.primary", message: expect.stringContaining("must be a CSS colour") }]);
    expect((await server.api("/v1/me", { headers: user.auth })).body.preferences.brand).toBeUndefined();
    // null removes a key; the others stay.
    const cleared = await server.api("/v1/me/preferences", { method: "PATCH", headers: user.auth, body: { voice: null, defaultFormat: "4:5" } });
    expect(cleared.body.preferences).toEqual({ defaultTemplate: "chat-story", defaultFormat: "4:5" });
  });
});

describe("request rate limits per tier", () => {
  it("answers 429 with Retry-After and RateLimit headers past the tier's limit", async () => {
    const server = await startTestServer({ env: { TIERS: JSON.stringify({ standard: { requestsPerMinute: 5 }, premium: { requestsPerMinute: 8 } }) } });
    try {
      const standard = await server.user("standard");
      const premium = await server.user("premium");
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 6; i++) {
        last = await server.api("/v1/me", { headers: standard.auth });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect(last!.body.error.code).toBe("RATE_LIMITED");
      expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(last!.headers.get("ratelimit-limit")).toBe("5");
      expect(last!.headers.get("ratelimit-remaining")).toBe("0");
      const p = await Promise.all(Array.from({ length: 8 }, () => server.api("/v1/me", { headers: premium.auth })));
      expect(p.every((r) => r.status === 200)).toBe(true);
      expect((await server.api("/v1/me", { headers: premium.auth })).status).toBe(429);
    } finally {
      await server.close();
    }
  });

  it("counts failed authentication against the address's anonymous limit", async () => {
    const server = await startTestServer({ env: { ANONYMOUS_REQUESTS_PER_MINUTE: "5" } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await server.api("/v1/me", { headers: { authorization: `Bearer garbage-${i}` } })).status);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      const keys = await server.api("/v1/templates", { headers: { authorization: "Bearer rk_live_000000000000000000000000000000000" } });
      expect(keys.status).toBe(429);
      expect(keys.body.error.code).toBe("RATE_LIMITED");
    } finally {
      await server.close();
    }
  });

  it("refuses to start on a kept JWT secret shorter than 32 characters, naming the file and keeping it", async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, "jwt-secret");
    writeFileSync(file, "too short\n");
    try {
      const starting = startServer({ env: { DATA_DIR: dataDir, REDIS_URL: REDIS_TEST_URL, REDIS_PREFIX: uniquePrefix(), PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" } });
      await expect(starting).rejects.toThrow(`${file}: the JWT secret must be at least 32 characters (it has 9)`);
      expect(readFileSync(file, "utf8")).toBe("too short\n");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("refuses a bad configuration naming the setting", async () => {
    const { parseConfig } = await import("../../server/config");
    expect(() => parseConfig({ PORT: "eighty" })).toThrow(/PORT: /);
    expect(() => parseConfig({ JWT_SECRET: "short" })).toThrow("JWT_SECRET: must be at least 32 characters");
    expect(() => parseConfig({ TIERS: "{" })).toThrow("TIERS: is not JSON");
    expect(() => parseConfig({ TIERS: '{"standard":{"requestsPerMinute":-1}}' })).toThrow(/TIERS\.standard\.requestsPerMinute/);
  });
});

import { sql } from "kysely";
import { z } from "zod";
import type { Principal } from "../auth/principal";
import { defineRoute } from "../http/define-route";
import { ErrorBody, PreferencesPatch, Role, TokenPairBody, UserBody, userView, uuidParam } from "./shapes";

const SessionBody = z
  .object({
    id: z.uuid(),
    current: z.boolean().describe("The session this request was made with"),
    createdAt: z.string().describe("When it signed in"),
    lastUsedAt: z.string().describe("Its last sign-in or token refresh (clients refresh every few minutes while in use)"),
    expiresAt: z.string().describe("When it ends unless used again"),
    ip: z.string().nullable().describe("The address it signed in from"),
    userAgent: z.string().nullable().describe("The browser or program it signed in with"),
  })
  .meta({ id: "Session" });

export const meRoutes = [
  defineRoute({
    method: "get",
    path: "/v1/me",
    summary: "The signed-in user (or the owner of the API key)",
    tag: "account",
    access: { kind: "any", scope: "usage:read" },
    responses: { 200: { description: "The user", schema: UserBody }, 401: { description: "No credentials", schema: ErrorBody } },
    handler: async ({ principal }) => ({ body: userView(principal!.user) }),
  }),
  defineRoute({
    method: "patch",
    path: "/v1/me/preferences",
    summary: "Update preferences (default template, format, voice, brand kit); keys given replace, null removes one, others stay",
    tag: "account",
    access: { kind: "session" },
    body: PreferencesPatch,
    responses: { 200: { description: "The user", schema: UserBody } },
    handler: async ({ body, principal, ctx }) => {
      const user = principal!.user;
      const removed = Object.keys(body).filter((key) => body[key as keyof typeof body] === null);
      const given = Object.fromEntries(Object.entries(body).filter(([, value]) => value !== null));
      const updated = await ctx.db
        .updateTable("users")
        // Merged by the database, so concurrent updates of different keys all stay.
        .set({ preferences: sql<string>`(preferences - ${removed}::text[]) || ${JSON.stringify(given)}::jsonb` })
        .where("id", "=", user.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      return { body: userView(updated) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/me/password",
    summary: "Change the password; ends every session and pending reset token and returns a new session (API keys keep working)",
    tag: "account",
    access: { kind: "session" },
    body: z.object({ currentPassword: z.string().min(1).max(1024), newPassword: z.string().min(1).max(1024) }),
    responses: { 200: { description: "New tokens", schema: TokenPairBody }, 401: { description: "Current password wrong", schema: ErrorBody } },
    handler: async ({ body, principal, services, ip, req }) => ({ body: await services.auth.changePassword(principal!.user, body, ip, req.get("user-agent") ?? null) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/me/audit",
    summary: "This account's security events (sign-ins, failed sign-ins, keys, role changes)",
    tag: "account",
    access: { kind: "session" },
    responses: { 200: { description: "Newest first", schema: z.object({ events: z.array(z.object({ event: z.string(), ip: z.string().nullable(), details: z.record(z.string(), z.unknown()), createdAt: z.string() })) }) } },
    handler: async ({ principal, ctx }) => {
      const rows = await ctx.db.selectFrom("audit_log").selectAll().where("user_id", "=", principal!.user.id).orderBy("id", "desc").limit(200).execute();
      return { body: { events: rows.map((r) => ({ event: r.event, ip: r.ip, details: r.details, createdAt: r.created_at.toISOString() })) } };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/me/sessions",
    summary: "This account's signed-in sessions (devices), most recently used first; `current` marks the caller's",
    tag: "account",
    access: { kind: "session" },
    responses: { 200: { description: "Open sessions", schema: z.object({ sessions: z.array(SessionBody) }) } },
    handler: async ({ principal, services }) => {
      const { user, sessionId } = principal as Extract<Principal, { kind: "session" }>;
      const sessions = await services.auth.listSessions(user.id);
      return {
        body: {
          sessions: sessions.map((s) => ({
            id: s.id,
            current: s.id === sessionId,
            createdAt: s.createdAt.toISOString(),
            lastUsedAt: s.lastUsedAt.toISOString(),
            expiresAt: s.expiresAt.toISOString(),
            ip: s.ip,
            userAgent: s.userAgent,
          })),
        },
      };
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/me/sessions/:id",
    summary: "Sign one session out (e.g. a lost device); its access and refresh tokens stop working at once",
    tag: "account",
    access: { kind: "session" },
    responses: { 204: { description: "Signed out" }, 404: { description: "No such open session of this account", schema: ErrorBody } },
    handler: async ({ params, principal, services, ip }) => {
      await services.auth.endSession(principal!.user.id, uuidParam(params, "id", "session"), ip);
      return { status: 204 };
    },
  }),
  defineRoute({
    method: "patch",
    path: "/v1/admin/users/:id",
    summary: "Change a user's role (admin); the last admin cannot be demoted",
    tag: "admin",
    access: { kind: "session", roles: ["admin"] },
    body: z.object({ role: Role }),
    responses: {
      200: { description: "The user", schema: UserBody },
      403: { description: "Not an admin", schema: ErrorBody },
      404: { description: "No such user", schema: ErrorBody },
      409: { description: "The change would leave no admin", schema: ErrorBody },
    },
    handler: async ({ body, params, principal, services, ip }) => ({ body: userView(await services.auth.changeRole(principal!.user, uuidParam(params, "id", "user"), body.role, ip)) }),
  }),
];

import { sql } from "kysely";
import { z } from "zod";
import { defineRoute } from "../http/define-route";
import { ErrorBody, Preferences, Role, TokenPairBody, UserBody, userView, uuidParam } from "./shapes";

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
    summary: "Update preferences (default template, format, voice, brand kit); keys given replace, others stay",
    tag: "account",
    access: { kind: "session" },
    body: Preferences,
    responses: { 200: { description: "The user", schema: UserBody } },
    handler: async ({ body, principal, ctx }) => {
      const user = principal!.user;
      const updated = await ctx.db
        .updateTable("users")
        // Merged by the database, so concurrent updates of different keys all stay.
        .set({ preferences: sql<string>`preferences || ${JSON.stringify(body)}::jsonb` })
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
    handler: async ({ body, principal, services, ip }) => ({ body: await services.auth.changePassword(principal!.user, body, ip) }),
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

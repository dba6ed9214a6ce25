import { z } from "zod";
import { listUsers } from "../admin/user-directory";
import { defineRoute } from "../http/define-route";
import { ErrorBody, Role } from "./shapes";

const AdminUserBody = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: Role,
    createdAt: z.string(),
    projects: z.number().int().describe("Projects the user holds"),
    renders: z.number().int().describe("Renders the user ever ordered (kept rows)"),
  })
  .meta({ id: "AdminUser" });

const AdminUserList = z.object({ users: z.array(AdminUserBody), nextCursor: z.string().nullable() }).meta({ id: "AdminUserList" });

const AdminUserQuery = z
  .object({
    q: z.string().trim().max(254).optional().describe("Only emails containing this text (case-insensitive)"),
    role: Role.optional(),
    cursor: z.string().max(500).optional().describe("`nextCursor` of the previous page"),
    limit: z.coerce.number().int().min(1).max(100).default(50),
  })
  .meta({ id: "AdminUserQuery" });

export const adminRoutes = [
  defineRoute({
    method: "get",
    path: "/v1/admin/users",
    summary: "The install's users, newest first, with their project and render counts (admin); search by email, filter by role",
    tag: "admin",
    access: { kind: "session", roles: ["admin"] },
    query: AdminUserQuery,
    responses: {
      200: { description: "One page", schema: AdminUserList },
      400: { description: "Invalid query (a cursor this API did not return)", schema: ErrorBody },
      403: { description: "Not an admin", schema: ErrorBody },
    },
    handler: async ({ query, ctx }) => ({ body: await listUsers(ctx.db, query) }),
  }),
];

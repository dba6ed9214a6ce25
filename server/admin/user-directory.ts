import { sql } from "kysely";
import type { Database } from "../db/database";
import type { Role } from "../db/tables";
import { containsPattern } from "../db/contains-pattern";
import { afterListCursor, toListPage } from "../http/list-cursor";

/** One account as the admin's user list shows it. */
export type DirectoryUser = { id: string; email: string; role: Role; createdAt: string; projects: number; renders: number };

/**
 * The install's accounts for an admin: newest first, keyset pagination on `(created_at, id)`,
 * optionally only emails containing `q` (case-insensitive) and only one role. Each user's
 * project and render counts come from their `(user_id, created_at)` indexes, one page at a time.
 */
export const listUsers = async (db: Database, options: { q?: string; role?: Role; cursor?: string; limit: number }): Promise<{ users: DirectoryUser[]; nextCursor: string | null }> => {
  let query = db
    .selectFrom("users")
    .select((eb) => [
      "users.id",
      "users.email",
      "users.role",
      "users.created_at",
      eb.selectFrom("projects").select(eb.fn.countAll<string>().as("n")).whereRef("projects.user_id", "=", "users.id").as("projects"),
      eb.selectFrom("renders").select(eb.fn.countAll<string>().as("n")).whereRef("renders.user_id", "=", "users.id").as("renders"),
    ]);
  // Emails are stored lower-cased; the search is too.
  if (options.q) query = query.where(sql<boolean>`users.email like ${containsPattern(options.q.toLowerCase())}`);
  if (options.role) query = query.where("users.role", "=", options.role);
  if (options.cursor) query = query.where(afterListCursor(options.cursor));
  const rows = await query.orderBy("users.created_at", "desc").orderBy("users.id", "desc").limit(options.limit + 1).execute();
  const { page, nextCursor } = toListPage(rows, options.limit);
  return {
    users: page.map((r) => ({ id: r.id, email: r.email, role: r.role, createdAt: r.created_at.toISOString(), projects: Number(r.projects ?? 0), renders: Number(r.renders ?? 0) })),
    nextCursor,
  };
};

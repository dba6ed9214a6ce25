import { sql } from "kysely";
import { ReelgenError } from "../../script/reelgen-error";

/** What `toISOString` writes for years 1 to 9999 (PostgreSQL has no year 0). */
const ISO_INSTANT = /^(?!0000)\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Exactly as `toISOString` writes it: a round trip also refuses February 30th and 24:00, which `Date.parse` rolls over. */
const isInstant = (text: string) => ISO_INSTANT.test(text) && !Number.isNaN(Date.parse(text)) && new Date(text).toISOString() === text;

/** Where a newest-first list (keyset pagination on `(created_at, id)`) goes on: the last item's key. */
export type ListCursor = { t: string; id: string };

/** The opaque cursor after `row`. */
export const encodeListCursor = (row: { created_at: Date; id: string }): string => Buffer.from(JSON.stringify({ t: row.created_at.toISOString(), id: row.id })).toString("base64url");

/**
 * Reads a cursor {@link encodeListCursor} wrote. Only that exact form passes, so nothing odd
 * reaches the `timestamptz` and `uuid` casts; anything else is VALIDATION_FAILED at `query.cursor`.
 */
export const decodeListCursor = (cursor: string): ListCursor => {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as { t?: unknown; id?: unknown };
    if (typeof value.t === "string" && typeof value.id === "string" && isInstant(value.t) && UUID.test(value.id)) return { t: value.t, id: value.id };
  } catch {
    // fall through to the error below
  }
  throw new ReelgenError({ code: "VALIDATION_FAILED", message: "cursor is not one this API returned", problems: [{ path: "query.cursor", message: "invalid cursor" }] });
};

/** The keyset condition for the rows after a cursor, newest first. */
export const afterListCursor = (cursor: string) => {
  const after = decodeListCursor(cursor);
  return sql<boolean>`(created_at, id) < (${after.t}::timestamptz, ${after.id}::uuid)`;
};

/** One page out of the `limit + 1` rows a list query fetched, and the next page's cursor when there is one. */
export const toListPage = <T extends { created_at: Date; id: string }>(rows: T[], limit: number): { page: T[]; nextCursor: string | null } => {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? encodeListCursor(last) : null };
};

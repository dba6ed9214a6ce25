import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { ReelgenError } from "../../script/reelgen-error";
import { recordAudit } from "../audit/record-audit";
import type { Scope } from "../auth/principal";
import { sha256Hex } from "../auth/opaque-token";
import type { Config } from "../config";
import type { Database } from "../db/database";
import type { Tables, User } from "../db/tables";
import { enforceUserLimit } from "../quotas/enforce-user-limit";
import { isWellFormedApiKey, newApiKey } from "./api-key-format";

export type ApiKeyView = { id: string; name: string; start: string; scopes: Scope[]; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

const view = (row: { id: string; name: string; start: string; scopes: string[]; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }): ApiKeyView => ({
  id: row.id,
  name: row.name,
  start: row.start,
  scopes: row.scopes as Scope[],
  createdAt: row.created_at.toISOString(),
  lastUsedAt: row.last_used_at?.toISOString() ?? null,
  revokedAt: row.revoked_at?.toISOString() ?? null,
});

// A key's last-used time is written at most this often, not on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * API keys: shown once at creation, stored as SHA-256, scoped, revocable and rollable. At most
 * the tier's `maxApiKeys` not revoked per user.
 *
 * Keys belong to integrations, not to a sign-in: signing out everywhere, changing the password
 * and resetting it leave them working. Revoke one with `DELETE /v1/api-keys/{id}`.
 */
export const createApiKeyService = (db: Database, config: Config) => {
  const insertKey = async (trx: Transaction<Tables>, userId: string, name: string, scopes: Scope[]) => {
    const key = newApiKey();
    const row = await trx
      .insertInto("api_keys")
      .values({ id: randomUUID(), user_id: userId, name, start: key.slice(0, 14), key_hash: sha256Hex(key), scopes: JSON.stringify(scopes) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { key, apiKey: view(row) };
  };

  const ownedKey = async (trx: Transaction<Tables> | Database, userId: string, id: string) => {
    const row = await trx.selectFrom("api_keys").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
    if (!row) throw new ReelgenError({ code: "NOT_FOUND", message: `API key ${id} not found` });
    return row;
  };

  const activeKeys = async (trx: Transaction<Tables>, userId: string) =>
    Number((await trx.selectFrom("api_keys").select((eb) => eb.fn.countAll<string>().as("count")).where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirstOrThrow()).count);

  return {
    async create(user: User, input: { name: string; scopes: Scope[] }, ip: string) {
      const created = await db.transaction().execute(async (trx) => {
        await enforceUserLimit(trx, { user, config, limit: "maxApiKeys", used: (t) => activeKeys(t, user.id) });
        return insertKey(trx, user.id, input.name, input.scopes);
      });
      await recordAudit(db, { userId: user.id, event: "api_key.created", ip, details: { keyId: created.apiKey.id, scopes: input.scopes } });
      return created;
    },

    async list(user: User): Promise<ApiKeyView[]> {
      const rows = await db.selectFrom("api_keys").selectAll().where("user_id", "=", user.id).orderBy("created_at", "desc").execute();
      return rows.map(view);
    },

    async revoke(user: User, id: string, ip: string): Promise<ApiKeyView> {
      const row = await ownedKey(db, user.id, id);
      const updated = await db
        .updateTable("api_keys")
        .set({ revoked_at: row.revoked_at ?? new Date() })
        .where("id", "=", id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (!row.revoked_at) await recordAudit(db, { userId: user.id, event: "api_key.revoked", ip, details: { keyId: id } });
      return view(updated);
    },

    /**
     * Replaces a key with a new secret (same name and scopes) and revokes the old one, in one
     * transaction under the user's limit lock: the count of keys stays the same (so it works at
     * the limit), and of two rolls of one key at once the second finds it revoked.
     */
    async roll(user: User, id: string, ip: string) {
      const created = await db.transaction().execute(async (trx) => {
        await trx.selectFrom("users").select("id").where("id", "=", user.id).forNoKeyUpdate().execute();
        const row = await ownedKey(trx, user.id, id);
        if (row.revoked_at) throw new ReelgenError({ code: "CONFLICT", message: "a revoked key cannot be rolled; create a new one" });
        const fresh = await insertKey(trx, user.id, row.name, row.scopes as Scope[]);
        await trx.updateTable("api_keys").set({ revoked_at: new Date() }).where("id", "=", id).execute();
        return fresh;
      });
      await recordAudit(db, { userId: user.id, event: "api_key.rolled", ip, details: { oldKeyId: id, keyId: created.apiKey.id } });
      return created;
    },

    /** The user and scopes behind a presented key, or UNAUTHENTICATED. */
    async authenticate(key: string): Promise<{ user: User; keyId: string; scopes: Scope[] }> {
      const invalid = new ReelgenError({ code: "UNAUTHENTICATED", message: "invalid or revoked API key" });
      if (!isWellFormedApiKey(key)) throw invalid;
      const row = await db
        .selectFrom("api_keys")
        .innerJoin("users", "users.id", "api_keys.user_id")
        .selectAll("users")
        .select(["api_keys.id as key_id", "api_keys.scopes as key_scopes", "api_keys.revoked_at as key_revoked_at", "api_keys.last_used_at as key_last_used_at"])
        .where("api_keys.key_hash", "=", sha256Hex(key))
        .executeTakeFirst();
      if (!row || row.key_revoked_at) throw invalid;
      const { key_id, key_scopes, key_revoked_at: _revoked, key_last_used_at, ...user } = row;
      if (!key_last_used_at || Date.now() - key_last_used_at.getTime() > LAST_USED_RESOLUTION_MS) {
        await db.updateTable("api_keys").set({ last_used_at: new Date() }).where("id", "=", key_id).execute();
      }
      return { user, keyId: key_id, scopes: key_scopes as Scope[] };
    },
  };
};

export type ApiKeyService = ReturnType<typeof createApiKeyService>;

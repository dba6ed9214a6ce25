import type { Database } from "../db/database";

export type AuditEvent =
  | "user.registered"
  | "login.succeeded"
  | "login.failed"
  | "login.throttled"
  | "session.refresh_reused"
  | "session.logout"
  | "session.logout_all"
  | "session.revoked"
  | "password.changed"
  | "password.throttled"
  | "password.reset_requested"
  | "password.reset_throttled"
  | "password.reset"
  | "api_key.created"
  | "api_key.revoked"
  | "api_key.rolled"
  | "role.changed"
  | "webhook.secret_rotated";

/** Appends a security event to the audit log. */
export const recordAudit = async (db: Database, entry: { userId: string | null; event: AuditEvent; ip?: string | null; details?: Record<string, unknown> }): Promise<void> => {
  await db
    .insertInto("audit_log")
    .values({ user_id: entry.userId, event: entry.event, ip: entry.ip ?? null, details: JSON.stringify(entry.details ?? {}) })
    .execute();
};

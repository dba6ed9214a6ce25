import { randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { ReelgenError } from "../../script/reelgen-error";
import { recordAudit } from "../audit/record-audit";
import { stripUnsafeDisplayCharacters } from "../http/display-text";
import type { ServerContext } from "../context";
import type { Role, Tables, User } from "../db/tables";
import { signAccessToken, verifyAccessToken } from "./access-token";
import type { LoginThrottle } from "./login-throttle";
import { newOpaqueToken, sha256Hex } from "./opaque-token";
import { checkPasswordPolicy, decoyHash, hashPassword, verifyPassword } from "./passwords";

export type TokenPair = { accessToken: string; refreshToken: string; tokenType: "Bearer"; expiresIn: number };

const RESET_TTL_MS = 60 * 60 * 1000;

/** A `User-Agent` as the sessions list shows it: display-safe, at most 300 characters; null when absent. */
const cleanUserAgent = (userAgent: string | null): string | null => {
  const cleaned = stripUnsafeDisplayCharacters(userAgent ?? "").trim().slice(0, 300);
  return cleaned === "" ? null : cleaned;
};

/** Sign-up, sign-in, sessions (refresh-token families), password change and recovery. */
export const createAuthService = (ctx: ServerContext, throttle: LoginThrottle) => {
  const { db, config } = ctx;

  const issueTokens = async (userId: string, sessionId: string): Promise<TokenPair> => {
    const refreshToken = newOpaqueToken("rt_");
    await db
      .insertInto("refresh_tokens")
      .values({ token_hash: sha256Hex(refreshToken), session_id: sessionId, expires_at: new Date(Date.now() + config.REFRESH_TOKEN_DAYS * 86_400_000) })
      .execute();
    const accessToken = await signAccessToken({ secret: ctx.jwtSecret, userId, sessionId, ttlSeconds: config.ACCESS_TOKEN_SECONDS });
    return { accessToken, refreshToken, tokenType: "Bearer", expiresIn: config.ACCESS_TOKEN_SECONDS };
  };

  const startSession = async (userId: string): Promise<{ tokens: TokenPair; sessionId: string }> => {
    const sessionId = randomUUID();
    await db.insertInto("sessions").values({ id: sessionId, user_id: userId }).execute();
    return { tokens: await issueTokens(userId, sessionId), sessionId };
  };

  /** Ends sessions; returns how many were open. */
  const revokeSessions = async (where: { userId: string } | { sessionId: string }, reason: string, trx: Kysely<Tables> = db): Promise<number> => {
    let query = trx.updateTable("sessions").set({ revoked_at: new Date(), revoked_reason: reason }).where("revoked_at", "is", null);
    query = "userId" in where ? query.where("user_id", "=", where.userId) : query.where("id", "=", where.sessionId);
    return Number((await query.executeTakeFirst()).numUpdatedRows);
  };

  /** Spends every unused reset token of a user: after a reset or a change, no earlier email can set the password again. */
  const endResetTokens = (trx: Kysely<Tables>, userId: string) =>
    trx.updateTable("password_resets").set({ used_at: new Date() }).where("user_id", "=", userId).where("used_at", "is", null).execute();

  /** Sets a new password and ends every session and every pending reset token, all at once. */
  const replacePassword = async (trx: Kysely<Tables>, userId: string, passwordHash: string, reason: string) => {
    await trx.updateTable("users").set({ password_hash: passwordHash, password_changed_at: new Date() }).where("id", "=", userId).execute();
    await endResetTokens(trx, userId);
    await revokeSessions({ userId }, reason, trx);
  };

  const activeApiKeys = async (userId: string): Promise<number> =>
    Number((await db.selectFrom("api_keys").select((eb) => eb.fn.countAll<string>().as("count")).where("user_id", "=", userId).where("revoked_at", "is", null).executeTakeFirstOrThrow()).count);

  // Per email address, whether or not an account has it: the answer and the work look the same either way.
  const resetMailLimit = new RateLimiterRedis({
    storeClient: ctx.redis,
    keyPrefix: `${config.REDIS_PREFIX}:reset-mail`,
    points: config.PASSWORD_RESET_MAILS_PER_HOUR,
    duration: 3600,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: "reset-mail-mem", points: config.PASSWORD_RESET_MAILS_PER_HOUR, duration: 3600 }),
  });

  /** Counts a password attempt before it is checked; a refused one is audited. */
  const consumeAttempt = async (email: string, ip: string, userId: string | null, event: "login.throttled" | "password.throttled") => {
    try {
      await throttle.consume(email, ip, userId);
    } catch (error) {
      if (error instanceof ReelgenError && error.code === "RATE_LIMITED") await recordAudit(db, { userId, event, ip, details: { email } });
      throw error;
    }
  };

  return {
    async register(input: { email: string; password: string }, ip: string): Promise<User> {
      const email = input.email.trim().toLowerCase();
      checkPasswordPolicy(input.password, email);
      const passwordHash = await hashPassword(input.password);
      // The first account of a fresh install administers it (as Immich does).
      const user = await db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom("users").select("id").where("email", "=", email).executeTakeFirst();
        if (existing) throw new ReelgenError({ code: "EMAIL_TAKEN", message: "an account with this email already exists" });
        const { count } = await trx.selectFrom("users").select((eb) => eb.fn.countAll<string>().as("count")).executeTakeFirstOrThrow();
        return trx
          .insertInto("users")
          .values({ id: randomUUID(), email, password_hash: passwordHash, role: Number(count) === 0 ? "admin" : "standard" })
          .onConflict((oc) => oc.column("email").doNothing())
          .returningAll()
          .executeTakeFirst();
      });
      if (!user) throw new ReelgenError({ code: "EMAIL_TAKEN", message: "an account with this email already exists" });
      await recordAudit(db, { userId: user.id, event: "user.registered", ip, details: { role: user.role } });
      return user;
    },

    /** Signs in; the audit entry names the new session with the device's `userAgent`, which the sessions list shows. */
    async login(input: { email: string; password: string }, ip: string, userAgent: string | null = null): Promise<TokenPair> {
      const email = input.email.trim().toLowerCase();
      const user = await db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
      await consumeAttempt(email, ip, user?.id ?? null, "login.throttled");
      // Verify against a decoy when the email is unknown, so timing does not reveal which emails exist.
      const ok = await verifyPassword(user?.password_hash ?? (await decoyHash()), input.password);
      if (!user || !ok) {
        await recordAudit(db, { userId: user?.id ?? null, event: "login.failed", ip, details: { email } });
        throw new ReelgenError({ code: "INVALID_CREDENTIALS", message: "email or password is wrong" });
      }
      await throttle.recordSuccess(email, ip, user.id);
      const { tokens, sessionId } = await startSession(user.id);
      await recordAudit(db, { userId: user.id, event: "login.succeeded", ip, details: { sessionId, userAgent: cleanUserAgent(userAgent) } });
      return tokens;
    },

    /**
     * Rotates a refresh token. A token that was already used means it was stolen or replayed:
     * the whole family (session) is revoked, so both the thief and the user must sign in again.
     */
    async refresh(refreshToken: string, ip: string): Promise<TokenPair> {
      const invalid = () => new ReelgenError({ code: "UNAUTHENTICATED", message: "invalid refresh token" });
      const row = await db
        .selectFrom("refresh_tokens")
        .innerJoin("sessions", "sessions.id", "refresh_tokens.session_id")
        .select(["refresh_tokens.token_hash", "refresh_tokens.used_at", "refresh_tokens.expires_at", "sessions.id as session_id", "sessions.user_id", "sessions.revoked_at"])
        .where("refresh_tokens.token_hash", "=", sha256Hex(refreshToken))
        .executeTakeFirst();
      if (!row) throw invalid();
      const reuse = async () => {
        await revokeSessions({ sessionId: row.session_id }, "refresh token reused");
        await recordAudit(db, { userId: row.user_id, event: "session.refresh_reused", ip, details: { sessionId: row.session_id } });
        return new ReelgenError({ code: "TOKEN_REUSED", message: "refresh token was already used; every session of this sign-in is revoked" });
      };
      if (row.used_at) throw await reuse();
      if (row.revoked_at || row.expires_at.getTime() < Date.now()) throw invalid();
      // Spend it atomically: of two concurrent refreshes with one token, one wins and the other is a reuse.
      const spent = await db
        .updateTable("refresh_tokens")
        .set({ used_at: new Date() })
        .where("token_hash", "=", row.token_hash)
        .where("used_at", "is", null)
        .executeTakeFirst();
      if (Number(spent.numUpdatedRows) !== 1) throw await reuse();
      return issueTokens(row.user_id, row.session_id);
    },

    async logout(sessionId: string, userId: string, ip: string): Promise<void> {
      await revokeSessions({ sessionId }, "logout");
      await recordAudit(db, { userId, event: "session.logout", ip, details: { sessionId } });
    },

    /**
     * Ends every session of the user. API keys are deliberately kept (they belong to
     * integrations, not to a sign-in); the answer says how many still work.
     */
    async logoutEverywhere(userId: string, ip: string): Promise<{ sessionsEnded: number; apiKeysActive: number }> {
      const sessionsEnded = await revokeSessions({ userId }, "logout everywhere");
      await recordAudit(db, { userId, event: "session.logout_all", ip, details: { sessionsEnded } });
      return { sessionsEnded, apiKeysActive: await activeApiKeys(userId) };
    },

    /** Changes the password and ends every session and pending reset token; returns a fresh session for the caller. API keys stay. */
    async changePassword(user: User, input: { currentPassword: string; newPassword: string }, ip: string, userAgent: string | null = null): Promise<TokenPair> {
      // A stolen access token must not become a way to guess the password without limit.
      await consumeAttempt(user.email, ip, user.id, "password.throttled");
      if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
        throw new ReelgenError({ code: "INVALID_CREDENTIALS", message: "current password is wrong" });
      }
      await throttle.recordSuccess(user.email, ip, user.id);
      checkPasswordPolicy(input.newPassword, user.email);
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction().execute((trx) => replacePassword(trx, user.id, passwordHash, "password changed"));
      const { tokens, sessionId } = await startSession(user.id);
      await recordAudit(db, { userId: user.id, event: "password.changed", ip, details: { sessionId, userAgent: cleanUserAgent(userAgent) } });
      return tokens;
    },

    /**
     * Emails a one-hour reset token when the account exists; answers the same either way. At most
     * `PASSWORD_RESET_MAILS_PER_HOUR` mails per email address: further requests are accepted and
     * send nothing, so the limit reveals no more than the answer does.
     */
    async requestPasswordReset(emailInput: string, ip: string, linkBase: string | null = null): Promise<void> {
      const email = emailInput.trim().toLowerCase();
      let limited = false;
      try {
        await resetMailLimit.consume(email);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        limited = true;
      }
      const user = await db.selectFrom("users").select(["id", "email"]).where("email", "=", email).executeTakeFirst();
      if (!user) return;
      if (limited) {
        await recordAudit(db, { userId: user.id, event: "password.reset_throttled", ip });
        return;
      }
      const token = newOpaqueToken("pr_");
      await db
        .insertInto("password_resets")
        .values({ token_hash: sha256Hex(token), user_id: user.id, expires_at: new Date(Date.now() + RESET_TTL_MS) })
        .execute();
      await ctx.mailer.send({
        to: user.email,
        subject: "Reset your reelgen password",
        text: [
          "Someone asked to reset the password of this reelgen account. If it was you, within an hour:",
          "",
          ...(linkBase ? ["choose a new password at", `${linkBase}/reset-password?token=${token}`, "", "or enter this reset code"] : ["enter this reset code"]),
          `on the web app's "Reset your password" page (I have a reset code):`,
          "",
          token,
          "",
          `Through the API: POST /v1/auth/password-reset/confirm {"token": "...", "newPassword": "..."}`,
          "",
          "If it was not you, ignore this email.",
        ].join("\n"),
      });
      await recordAudit(db, { userId: user.id, event: "password.reset_requested", ip });
    },

    /** Sets the password with an emailed token; ends every session and every other pending token. API keys stay. */
    async resetPassword(input: { token: string; newPassword: string }, ip: string): Promise<void> {
      const row = await db
        .selectFrom("password_resets")
        .innerJoin("users", "users.id", "password_resets.user_id")
        .select(["password_resets.token_hash", "password_resets.expires_at", "password_resets.used_at", "users.id as user_id", "users.email"])
        .where("password_resets.token_hash", "=", sha256Hex(input.token))
        .executeTakeFirst();
      if (!row || row.used_at || row.expires_at.getTime() < Date.now()) {
        throw new ReelgenError({ code: "UNAUTHENTICATED", message: "reset token is invalid, used or expired" });
      }
      checkPasswordPolicy(input.newPassword, row.email);
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction().execute(async (trx) => {
        // Spent atomically: of two tokens (or one token twice) used at once, the first ends the other.
        const spent = await trx.updateTable("password_resets").set({ used_at: new Date() }).where("token_hash", "=", row.token_hash).where("used_at", "is", null).executeTakeFirst();
        if (Number(spent.numUpdatedRows) !== 1) throw new ReelgenError({ code: "UNAUTHENTICATED", message: "reset token is invalid, used or expired" });
        await replacePassword(trx, row.user_id, passwordHash, "password reset");
      });
      await recordAudit(db, { userId: row.user_id, event: "password.reset", ip });
    },

    /**
     * Sets a user's role (by an admin). Refuses (CONFLICT, 409) a change that would leave the
     * install without an admin. Race-free: every admin's row is locked first, in one order, so
     * two admins demoting each other at once are serialised and the second sees the first's
     * change; an acting admin demoted meanwhile is refused too.
     */
    async changeRole(actor: User, targetId: string, role: Role, ip: string): Promise<User> {
      const { before, updated } = await db.transaction().execute(async (trx) => {
        const admins = await trx.selectFrom("users").select("id").where("role", "=", "admin").orderBy("id").forUpdate().execute();
        const target = await trx.selectFrom("users").select("role").where("id", "=", targetId).forUpdate().executeTakeFirst();
        if (!target) throw new ReelgenError({ code: "NOT_FOUND", message: `user ${targetId} not found` });
        if (target.role === "admin" && role !== "admin" && admins.every((a) => a.id === targetId)) {
          throw new ReelgenError({ code: "CONFLICT", message: "this is the only admin; make another user admin first" });
        }
        if (!admins.some((a) => a.id === actor.id)) throw new ReelgenError({ code: "FORBIDDEN", message: "requires role admin" });
        const row = await trx.updateTable("users").set({ role }).where("id", "=", targetId).returningAll().executeTakeFirstOrThrow();
        return { before: target.role, updated: row };
      });
      await recordAudit(db, { userId: targetId, event: "role.changed", ip, details: { from: before, to: role, by: actor.id } });
      return updated;
    },

    /**
     * The user's open sessions (signed-in devices), most recently used first: not revoked, and
     * with a refresh token that has not expired. `lastUsedAt` is the last sign-in or token refresh
     * (a client refreshes every `ACCESS_TOKEN_SECONDS` while in use); the address and user agent
     * are the sign-in's, from the audit log.
     */
    async listSessions(userId: string): Promise<{ id: string; createdAt: Date; lastUsedAt: Date; expiresAt: Date; ip: string | null; userAgent: string | null }[]> {
      const rows = await db
        .selectFrom("sessions")
        .innerJoin("refresh_tokens", "refresh_tokens.session_id", "sessions.id")
        .select((eb) => ["sessions.id", "sessions.created_at", eb.fn.max("refresh_tokens.created_at").as("last_used_at"), eb.fn.max("refresh_tokens.expires_at").as("expires_at")])
        .where("sessions.user_id", "=", userId)
        .where("sessions.revoked_at", "is", null)
        .groupBy(["sessions.id", "sessions.created_at"])
        .having((eb) => eb.fn.max("refresh_tokens.expires_at"), ">", new Date())
        .orderBy("last_used_at", "desc")
        .orderBy("sessions.id")
        .limit(200)
        .execute();
      if (rows.length === 0) return [];
      const signIns = await db
        .selectFrom("audit_log")
        .select(["ip", "details"])
        .where("user_id", "=", userId)
        .where("event", "in", ["login.succeeded", "password.changed"])
        .where(sql<string>`details->>'sessionId'`, "in", rows.map((r) => r.id))
        .execute();
      const signIn = new Map(signIns.map((a) => [String(a.details.sessionId), a]));
      return rows.map((r) => {
        const audit = signIn.get(r.id);
        return {
          id: r.id,
          createdAt: r.created_at,
          lastUsedAt: new Date(r.last_used_at as Date),
          expiresAt: new Date(r.expires_at as Date),
          ip: audit?.ip ?? null,
          userAgent: typeof audit?.details.userAgent === "string" ? audit.details.userAgent : null,
        };
      });
    },

    /** Signs one session out (another device, or this one); another user's or an ended session is not found. */
    async endSession(userId: string, sessionId: string, ip: string): Promise<void> {
      const ended = await db
        .updateTable("sessions")
        .set({ revoked_at: new Date(), revoked_reason: "signed out from another session" })
        .where("id", "=", sessionId)
        .where("user_id", "=", userId)
        .where("revoked_at", "is", null)
        .executeTakeFirst();
      if (Number(ended.numUpdatedRows) !== 1) throw new ReelgenError({ code: "NOT_FOUND", message: `session ${sessionId} not found` });
      await recordAudit(db, { userId, event: "session.revoked", ip, details: { sessionId } });
    },

    /** The user and session behind an access token; a revoked session (logout, password change, reuse) no longer counts. */
    async authenticateAccessToken(token: string): Promise<{ user: User; sessionId: string }> {
      const { userId, sessionId } = await verifyAccessToken(token, ctx.jwtSecret);
      const user = await db
        .selectFrom("sessions")
        .innerJoin("users", "users.id", "sessions.user_id")
        .selectAll("users")
        .where("sessions.id", "=", sessionId)
        .where("sessions.user_id", "=", userId)
        .where("sessions.revoked_at", "is", null)
        .executeTakeFirst();
      if (!user) throw new ReelgenError({ code: "UNAUTHENTICATED", message: "session has ended; sign in again" });
      return { user, sessionId };
    },
  };
};

export type AuthService = ReturnType<typeof createAuthService>;

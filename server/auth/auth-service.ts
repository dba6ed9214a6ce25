import { randomUUID } from "node:crypto";
import { ReelgenError } from "../../script/reelgen-error";
import { recordAudit } from "../audit/record-audit";
import type { ServerContext } from "../context";
import type { User } from "../db/tables";
import { signAccessToken, verifyAccessToken } from "./access-token";
import type { LoginThrottle } from "./login-throttle";
import { newOpaqueToken, sha256Hex } from "./opaque-token";
import { checkPasswordPolicy, decoyHash, hashPassword, verifyPassword } from "./passwords";

export type TokenPair = { accessToken: string; refreshToken: string; tokenType: "Bearer"; expiresIn: number };

const RESET_TTL_MS = 60 * 60 * 1000;

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

  const startSession = async (userId: string): Promise<TokenPair> => {
    const sessionId = randomUUID();
    await db.insertInto("sessions").values({ id: sessionId, user_id: userId }).execute();
    return issueTokens(userId, sessionId);
  };

  const revokeSessions = async (where: { userId: string } | { sessionId: string }, reason: string) => {
    let query = db.updateTable("sessions").set({ revoked_at: new Date(), revoked_reason: reason }).where("revoked_at", "is", null);
    query = "userId" in where ? query.where("user_id", "=", where.userId) : query.where("id", "=", where.sessionId);
    await query.execute();
  };

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

    async login(input: { email: string; password: string }, ip: string): Promise<TokenPair> {
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
      await recordAudit(db, { userId: user.id, event: "login.succeeded", ip });
      return startSession(user.id);
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

    async logoutEverywhere(userId: string, ip: string): Promise<void> {
      await revokeSessions({ userId }, "logout everywhere");
      await recordAudit(db, { userId, event: "session.logout_all", ip });
    },

    /** Changes the password and ends every session; returns a fresh session for the caller. */
    async changePassword(user: User, input: { currentPassword: string; newPassword: string }, ip: string): Promise<TokenPair> {
      // A stolen access token must not become a way to guess the password without limit.
      await consumeAttempt(user.email, ip, user.id, "password.throttled");
      if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
        throw new ReelgenError({ code: "INVALID_CREDENTIALS", message: "current password is wrong" });
      }
      await throttle.recordSuccess(user.email, ip, user.id);
      checkPasswordPolicy(input.newPassword, user.email);
      await db
        .updateTable("users")
        .set({ password_hash: await hashPassword(input.newPassword), password_changed_at: new Date() })
        .where("id", "=", user.id)
        .execute();
      await revokeSessions({ userId: user.id }, "password changed");
      await recordAudit(db, { userId: user.id, event: "password.changed", ip });
      return startSession(user.id);
    },

    /** Emails a one-hour reset token when the account exists; answers the same either way. */
    async requestPasswordReset(emailInput: string, ip: string): Promise<void> {
      const email = emailInput.trim().toLowerCase();
      const user = await db.selectFrom("users").select(["id", "email"]).where("email", "=", email).executeTakeFirst();
      if (!user) return;
      const token = newOpaqueToken("pr_");
      await db
        .insertInto("password_resets")
        .values({ token_hash: sha256Hex(token), user_id: user.id, expires_at: new Date(Date.now() + RESET_TTL_MS) })
        .execute();
      await ctx.mailer.send({
        to: user.email,
        subject: "Reset your reelgen password",
        text: `Someone asked to reset the password of this reelgen account. If it was you, use this token within an hour:\n\n${token}\n\nPOST /v1/auth/password-reset/confirm {"token": "...", "newPassword": "..."}\n\nIf it was not you, ignore this email.`,
      });
      await recordAudit(db, { userId: user.id, event: "password.reset_requested", ip });
    },

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
      const spent = await db.updateTable("password_resets").set({ used_at: new Date() }).where("token_hash", "=", row.token_hash).where("used_at", "is", null).executeTakeFirst();
      if (Number(spent.numUpdatedRows) !== 1) throw new ReelgenError({ code: "UNAUTHENTICATED", message: "reset token is invalid, used or expired" });
      await db.updateTable("users").set({ password_hash: await hashPassword(input.newPassword), password_changed_at: new Date() }).where("id", "=", row.user_id).execute();
      await revokeSessions({ userId: row.user_id }, "password reset");
      await recordAudit(db, { userId: row.user_id, event: "password.reset", ip });
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

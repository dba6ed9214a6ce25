import type { Request } from "express";
import { z } from "zod";
import type { Config } from "../config";
import { defineRoute } from "../http/define-route";
import { ErrorBody, TokenPairBody, UserBody, userView } from "./shapes";

/**
 * Where a reset mail's link points: `PUBLIC_URL`, else this request's own address only when it is
 * a loopback one (development). Any other Host header could be an attacker's, who would then
 * receive the token from the victim's click; without a link the mail carries the code to paste.
 */
const resetLinkBase = (config: Config, req: Request): string | null => {
  if (config.PUBLIC_URL) return config.PUBLIC_URL.replace(/\/$/, "");
  const host = req.hostname;
  const loopback = host === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "[::1]" || host === "::1";
  return loopback ? `${req.protocol}://${req.get("host")}` : null;
};

const Credentials = z.object({ email: z.email().max(254), password: z.string().min(1).max(1024) }).meta({ id: "Credentials" });
const RefreshBody = z.object({ refreshToken: z.string().min(1).max(200) });
const LogoutAllBody = z
  .object({
    sessionsEnded: z.number().int(),
    apiKeysActive: z.number().int().describe("API keys not revoked: sign-out does not end them (they belong to integrations)"),
    message: z.string(),
  })
  .meta({ id: "LogoutAllResult" });

export const authRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/auth/register",
    summary: "Create an account (the first account of an install is its admin)",
    tag: "auth",
    access: { kind: "public" },
    body: Credentials,
    responses: { 201: { description: "Created", schema: UserBody }, 400: { description: "Invalid email or weak password", schema: ErrorBody }, 409: { description: "Email taken", schema: ErrorBody } },
    handler: async ({ body, services, ip }) => ({ status: 201, body: userView(await services.auth.register(body, ip)) }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/auth/login",
    summary: "Sign in: a short-lived access token and a rotating refresh token",
    tag: "auth",
    access: { kind: "public" },
    body: Credentials,
    responses: { 200: { description: "Signed in", schema: TokenPairBody }, 401: { description: "Wrong email or password", schema: ErrorBody }, 429: { description: "Too many failed attempts", schema: ErrorBody } },
    handler: async ({ body, services, ip, req }) => ({ body: await services.auth.login(body, ip, req.get("user-agent") ?? null) }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/auth/refresh",
    summary: "Trade a refresh token for a new pair; a reused token revokes its whole session",
    tag: "auth",
    access: { kind: "public" },
    body: RefreshBody,
    responses: { 200: { description: "New tokens", schema: TokenPairBody }, 401: { description: "Invalid, expired or reused token", schema: ErrorBody } },
    handler: async ({ body, services, ip }) => ({ body: await services.auth.refresh(body.refreshToken, ip) }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/auth/logout",
    summary: "End this session (its access and refresh tokens)",
    tag: "auth",
    access: { kind: "session" },
    responses: { 204: { description: "Signed out" } },
    handler: async ({ principal, services, ip }) => {
      if (principal?.kind === "session") await services.auth.logout(principal.sessionId, principal.user.id, ip);
      return { status: 204 };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/auth/logout-all",
    summary: "End every session of this account; API keys are kept (revoke them with DELETE /v1/api-keys/{id})",
    tag: "auth",
    access: { kind: "session" },
    responses: { 200: { description: "Signed out everywhere; the API keys that still work are counted", schema: LogoutAllBody } },
    handler: async ({ principal, services, ip }) => {
      const { sessionsEnded, apiKeysActive } = await services.auth.logoutEverywhere(principal!.user.id, ip);
      return {
        body: {
          sessionsEnded,
          apiKeysActive,
          message: `signed out of ${sessionsEnded} session(s); API keys are not affected (${apiKeysActive} still work): revoke them with DELETE /v1/api-keys/{id}`,
        },
      };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/auth/password-reset",
    summary: "Email a password-reset token (answers 202 whether or not the account exists; a few mails per address per hour)",
    tag: "auth",
    access: { kind: "public" },
    body: z.object({ email: z.email() }),
    responses: { 202: { description: "If the account exists, an email is on its way" } },
    handler: async ({ body, services, ip, ctx, req }) => {
      await services.auth.requestPasswordReset(body.email, ip, resetLinkBase(ctx.config, req));
      return { status: 202 };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/auth/password-reset/confirm",
    summary: "Set a new password with an emailed token; ends every session and every other reset token (API keys keep working)",
    tag: "auth",
    access: { kind: "public" },
    body: z.object({ token: z.string().min(1).max(200), newPassword: z.string().min(1).max(1024) }),
    responses: { 204: { description: "Password changed" }, 401: { description: "Token invalid, used or expired", schema: ErrorBody } },
    handler: async ({ body, services, ip }) => {
      await services.auth.resetPassword(body, ip);
      return { status: 204 };
    },
  }),
];

import { api, unwrap } from "../api/client";
import { queryClient } from "../api/query-client";
import { sessionStore } from "../api/session-store";

/** Every account action of the auth pages and the account menu, each one API call plus what it does to the session. */
export const authActions = {
  async signIn(credentials: { email: string; password: string }): Promise<void> {
    sessionStore.signIn(await unwrap(api.POST("/v1/auth/login", { body: credentials })));
  },
  /** Creates the account, then signs in with it (the API does not sign in on sign-up). */
  async signUp(credentials: { email: string; password: string }): Promise<void> {
    await unwrap(api.POST("/v1/auth/register", { body: credentials }));
    await authActions.signIn(credentials);
  },
  /** Ends this session on the server; signs out locally even when the server cannot be reached. */
  async signOut(): Promise<void> {
    try {
      await api.POST("/v1/auth/logout");
    } finally {
      sessionStore.signOut("signed-out");
    }
  },
  /** Ends every session of the account (API keys keep working); returns the server's sentence saying so. */
  async signOutEverywhere(): Promise<string> {
    const result = await unwrap(api.POST("/v1/auth/logout-all"));
    sessionStore.signOut("signed-out-everywhere");
    return result.message;
  },
  /** The server ends every session and returns a new one for this tab. */
  async changePassword(input: { currentPassword: string; newPassword: string }): Promise<void> {
    sessionStore.signIn(await unwrap(api.POST("/v1/me/password", { body: input })));
    await queryClient.invalidateQueries({ queryKey: ["me"] });
  },
  async requestPasswordReset(email: string): Promise<void> {
    await unwrap(api.POST("/v1/auth/password-reset", { body: { email } }));
  },
  async confirmPasswordReset(input: { token: string; newPassword: string }): Promise<void> {
    await unwrap(api.POST("/v1/auth/password-reset/confirm", { body: input }));
  },
};

import type { components } from "./openapi";

export type TokenPair = Pick<components["schemas"]["TokenPair"], "accessToken" | "refreshToken">;
/** Why the app signed out on its own; the sign-in page says it. */
export type SignOutReason = "expired" | "reused" | "signed-out" | "signed-out-everywhere" | "password-changed";

type State = { tokens: TokenPair | null; reason: SignOutReason | null };

const STORAGE_KEY = "reelgen.session";

/**
 * The signed-in session's token pair: kept in memory and mirrored to `localStorage` so a reload
 * or a second tab stays signed in. The server hands tokens out in JSON bodies (no cookies), so
 * they must live in script; `localStorage` is readable by any script on this origin, which is
 * why app pages are served under a Content-Security-Policy that only runs the app's own files
 * (no inline scripts, no eval). Tabs share one pair: a refresh in one tab is seen by the others
 * through the `storage` event, so no tab spends a rotated refresh token twice.
 */
const read = (): TokenPair | null => {
  try {
    const value = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null") as unknown;
    if (value && typeof value === "object" && "accessToken" in value && "refreshToken" in value) {
      const { accessToken, refreshToken } = value as TokenPair;
      if (typeof accessToken === "string" && typeof refreshToken === "string") return { accessToken, refreshToken };
    }
  } catch {
    // Storage disabled or a hand-edited value: start signed out.
  }
  return null;
};

let state: State = { tokens: read(), reason: null };
const listeners = new Set<() => void>();
const emit = () => {
  for (const listener of listeners) listener();
};

window.addEventListener("storage", (event) => {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  const tokens = read();
  state = { tokens, reason: tokens ? null : state.tokens ? "signed-out" : state.reason };
  emit();
});

export const sessionStore = {
  get: (): State => state,
  /** For `useSyncExternalStore`. */
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Stores a new pair (sign-in, refresh, password change). */
  signIn(tokens: TokenPair): void {
    state = { tokens: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken }, reason: null };
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state.tokens));
    } catch {
      // Private mode without storage: the session lasts as long as the tab.
    }
    emit();
  },
  /** Forgets the pair; the route guard then sends the user to /sign-in. */
  signOut(reason: SignOutReason): void {
    state = { tokens: null, reason };
    try {
      localStorage.removeItem(STORAGE_KEY);
    } catch {
      // Nothing stored.
    }
    emit();
  },
  /** The pair another tab may have stored since this tab read it. */
  reload(): TokenPair | null {
    const tokens = read();
    if (tokens && tokens.accessToken !== state.tokens?.accessToken) {
      state = { tokens, reason: null };
      emit();
    }
    return state.tokens;
  },
};

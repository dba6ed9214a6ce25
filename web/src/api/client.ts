import createClient, { type Middleware } from "openapi-fetch";
import type { paths } from "./openapi";
import { sessionStore, type TokenPair } from "./session-store";

/** The error body every API failure has: `{ error: { code, message, requestId, problems? } }`. */
type ErrorBody = { error?: { code?: string } };

let refreshing: Promise<string | null> | null = null;

/**
 * Trades the refresh token for a new pair (rotation: the new pair replaces the old one) and
 * resolves to the new access token. However many requests failed at once, and in however many
 * tabs, one refresh runs: the others wait for it and use its result. Resolves to null when there
 * is no session to refresh; signs out when the server refuses the refresh token (a reused one is
 * `TOKEN_REUSED`: the server has revoked the session). A network failure or a 5xx keeps the
 * session: the token may still be good once the server is back.
 */
export const refreshSession = (failedAccessToken: string): Promise<string | null> => {
  const current = sessionStore.reload();
  if (!current) return Promise.resolve(null);
  // Another request or tab has already replaced the token that failed.
  if (current.accessToken !== failedAccessToken) return Promise.resolve(current.accessToken);
  refreshing ??= withTabLock(() => refreshOnce(failedAccessToken)).finally(() => {
    refreshing = null;
  });
  return refreshing;
};

const refreshOnce = async (failedAccessToken: string): Promise<string | null> => {
  // Re-read inside the lock: another tab may have refreshed while this one waited for it.
  const current = sessionStore.reload();
  if (!current) return null;
  if (current.accessToken !== failedAccessToken) return current.accessToken;
  let response: Response;
  try {
    response = await fetch("/v1/auth/refresh", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ refreshToken: current.refreshToken }),
    });
  } catch {
    return null;
  }
  if (response.ok) {
    const pair = (await response.json()) as TokenPair;
    sessionStore.signIn(pair);
    return pair.accessToken;
  }
  if (response.status === 401) {
    const body = (await response.json().catch(() => ({}))) as ErrorBody;
    sessionStore.signOut(body.error?.code === "TOKEN_REUSED" ? "reused" : "expired");
  }
  return null;
};

/** Runs `work` while holding a lock shared by every tab of this origin (Web Locks), where the browser has them. */
const withTabLock = <T>(work: () => Promise<T>): Promise<T> =>
  typeof navigator !== "undefined" && navigator.locks ? (navigator.locks.request("reelgen.refresh", work) as Promise<T>) : work();

/** Routes that take no session: a token sent there could only turn their 401s into needless refreshes. */
const PUBLIC_PATHS = new Set(["/v1/auth/register", "/v1/auth/login", "/v1/auth/refresh", "/v1/auth/password-reset", "/v1/auth/password-reset/confirm"]);

/** Adds the session's access token unless the request already names credentials (an API key) or goes to a public auth route. */
const authorize = (request: Request): string | null => {
  if (request.headers.has("authorization") || PUBLIC_PATHS.has(new URL(request.url).pathname)) return null;
  const token = sessionStore.get().tokens?.accessToken ?? null;
  if (token) request.headers.set("authorization", `Bearer ${token}`);
  return token;
};

/**
 * After a 401 for an expired or ended access token (`UNAUTHENTICATED`; a wrong current password
 * is `INVALID_CREDENTIALS` and passes through), refreshes once and sends the request again with
 * the new token. A second 401 ends the session. Returns null when there is nothing to retry.
 */
const retryAfterRefresh = async (response: Response, retry: Request, sentToken: string): Promise<Response | null> => {
  if (response.status !== 401) return null;
  const body = (await response
    .clone()
    .json()
    .catch(() => ({}))) as ErrorBody;
  if (body.error?.code !== "UNAUTHENTICATED") return null;
  const token = await refreshSession(sentToken);
  if (!token) return null;
  retry.headers.set("authorization", `Bearer ${token}`);
  const second = await fetch(retry);
  if (second.status === 401) sessionStore.signOut("expired");
  return second;
};

/** Requests under way: a copy to send again after a refresh (a sent body cannot be read twice). */
const pending = new Map<string, { retry: Request; token: string }>();

/** openapi-fetch middleware: the access token on every request, one refresh and retry on a 401. */
const sessionMiddleware: Middleware = {
  onRequest({ request, id }) {
    const token = authorize(request);
    if (token) pending.set(id, { retry: request.clone(), token });
    return request;
  },
  async onResponse({ response, id }) {
    const entry = pending.get(id);
    pending.delete(id);
    if (!entry) return undefined;
    return (await retryAfterRefresh(response, entry.retry, entry.token)) ?? undefined;
  },
  onError({ id }) {
    pending.delete(id);
  },
};

/**
 * The typed API client (`paths` generated from the server's OpenAPI document). Calls return
 * `{ data, error, response }`; wrap them in `unwrap` inside TanStack Query functions so failures
 * throw:
 *
 *   const me = useQuery({ queryKey: ["me"], queryFn: () => unwrap(api.GET("/v1/me")) });
 *   await unwrap(api.POST("/v1/projects", { body: { … } }));
 */
export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(sessionMiddleware);

/**
 * `fetch` with the session's token and the same refresh-once-and-retry, for what the typed client
 * does not cover (downloads, event streams, uploads with progress).
 */
export const sessionFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const request = new Request(input, init);
  const token = authorize(request);
  if (!token) return fetch(request);
  const retry = request.clone();
  const response = await fetch(request);
  return (await retryAfterRefresh(response, retry, token)) ?? response;
};

/** A failed API call: its HTTP status and the JSON error body (see `problemsOf`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const error = (body as { error?: { message?: unknown } } | undefined)?.error;
    super(typeof error?.message === "string" ? error.message : `request failed with HTTP ${status}`);
    this.name = "ApiError";
  }
}

/** Resolves to the data of a successful typed call, or throws an `ApiError`. */
export const unwrap = async <T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> => {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error);
  return data as T;
};

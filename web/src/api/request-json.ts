import { ApiError, sessionFetch } from "./client";

/**
 * A JSON call with the session (token, refresh and retry) for routes the generated types do not
 * have yet; prefer the typed `api` client. Resolves to the decoded body (null for a 204) or throws
 * an `ApiError` carrying the API's error body.
 */
export const requestJson = async <T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> => {
  const response = await sessionFetch(path, {
    method: init.method ?? (init.body === undefined ? "GET" : "POST"),
    headers: init.body === undefined ? undefined : { "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const data: unknown = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, data);
  return data as T;
};

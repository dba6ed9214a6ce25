import { ApiError } from "./client";

/** One thing to show the user: a message, at a JSON path when the server named one (`body.email`, `scenes[0].lines[1].speaker`). */
export type ProblemItem = { path: string | null; message: string };
export type Problems = { code: string; message: string; requestId: string | null; items: ProblemItem[] };

/**
 * Turns anything a call can fail with into displayable items: the API's
 * `{ error: { code, message, problems } }` (one item per problem, else the message), a network
 * failure, or an unexpected exception.
 */
export const problemsOf = (error: unknown): Problems => {
  const body = error instanceof ApiError ? error.body : error;
  const api = (body as { error?: { code?: unknown; message?: unknown; requestId?: unknown; problems?: unknown } } | null)?.error;
  if (api && typeof api.code === "string" && typeof api.message === "string") {
    const problems = Array.isArray(api.problems) ? (api.problems as { path?: unknown; message?: unknown }[]) : [];
    const items = problems
      .filter((p) => typeof p.message === "string")
      .map((p) => ({ path: typeof p.path === "string" ? p.path : null, message: p.message as string }));
    return { code: api.code, message: api.message, requestId: typeof api.requestId === "string" ? api.requestId : null, items: items.length ? items : [{ path: null, message: api.message }] };
  }
  if (error instanceof ApiError) {
    const message = error.status >= 500 ? `The server had a problem (HTTP ${error.status}). Try again in a moment.` : `The request failed (HTTP ${error.status}).`;
    return { code: `HTTP_${error.status}`, message, requestId: null, items: [{ path: null, message }] };
  }
  // fetch rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) {
    const message = "Could not reach the server. Check your connection and try again.";
    return { code: "NETWORK", message, requestId: null, items: [{ path: null, message }] };
  }
  const message = error instanceof Error ? error.message : "Something went wrong.";
  return { code: "UNKNOWN", message, requestId: null, items: [{ path: null, message }] };
};

/**
 * The message for one form field, matching the field's name against problem paths with or
 * without the `body.` prefix the server adds (`password`, `body.email`, `body.scenes[0]…`).
 */
export const problemAt = (problems: Problems | null, field: string): string | undefined =>
  problems?.items.find((p) => {
    if (!p.path) return false;
    const path = p.path.startsWith("body.") ? p.path.slice(5) : p.path;
    return path === field || path.startsWith(`${field}.`) || path.startsWith(`${field}[`);
  })?.message;

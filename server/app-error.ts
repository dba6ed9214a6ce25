import { z } from "zod";

/** Stable API error codes; each has exactly one HTTP status. */
export const AppErrorCode = z.enum([
  "VALIDATION_FAILED",
  "INVALID_JSON",
  "WEAK_PASSWORD",
  "UNAUTHENTICATED",
  "INVALID_CREDENTIALS",
  "TOKEN_REUSED",
  "FORBIDDEN",
  "NOT_FOUND",
  "EMAIL_TAKEN",
  "CONFLICT",
  "IDEMPOTENCY_CONFLICT",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "MEDIA_REJECTED",
  "WEBHOOK_URL_REJECTED",
  "UNPROCESSABLE",
  "RATE_LIMITED",
  "QUOTA_EXCEEDED",
  "GENERATION_REFUSED",
  "UPSTREAM_FAILED",
  "SERVICE_UNAVAILABLE",
  "INTERNAL",
]);
export type AppErrorCode = z.infer<typeof AppErrorCode>;

export const STATUS_OF: Record<AppErrorCode, number> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  WEAK_PASSWORD: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  TOKEN_REUSED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  CONFLICT: 409,
  IDEMPOTENCY_CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  MEDIA_REJECTED: 422,
  WEBHOOK_URL_REJECTED: 422,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  GENERATION_REFUSED: 422,
  UPSTREAM_FAILED: 502,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export type Problem = { path: string; message: string };

/** An error the API reports to its caller as `{ error: { code, message, requestId, problems? } }`. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly problems: Problem[];
  /** Extra response headers, e.g. `Retry-After`. */
  readonly headers: Record<string, string>;

  constructor(options: { code: AppErrorCode; message: string; problems?: Problem[]; headers?: Record<string, string>; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = "AppError";
    this.code = options.code;
    this.problems = options.problems ?? [];
    this.headers = options.headers ?? {};
  }

  get status(): number {
    return STATUS_OF[this.code];
  }
}

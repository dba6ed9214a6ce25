import { z } from "zod";

/**
 * Whose fault a failure is, which decides what happens next:
 * - `input`: the caller's request (a script, an option, a brief, a credential, a limit it hit).
 *   Never retried; the CLI exits 2; HTTP 4xx.
 * - `upstream`: a service reelgen depends on (a model, a speech endpoint, Redis). Worth retrying;
 *   the CLI exits 1; HTTP 502/503.
 * - `internal`: the machine or reelgen itself (a browser crash, a full disk). Worth retrying; the
 *   CLI exits 1; HTTP 500.
 */
export type ErrorKind = "input" | "upstream" | "internal";

type CodeInfo = { kind: ErrorKind; status: number; exitCode?: number };

/** Every error code reelgen reports (CLI, library, API), with its kind and HTTP status. */
const CODES = {
  // A script, option or request the caller can fix.
  INVALID_SCRIPT: { kind: "input", status: 400 },
  INVALID_JSON: { kind: "input", status: 400 },
  INVALID_ARGUMENT: { kind: "input", status: 400 },
  VALIDATION_FAILED: { kind: "input", status: 400 },
  INVALID_BRIEF: { kind: "input", status: 400 },
  TEMPLATE_NOT_FOUND: { kind: "input", status: 400 },
  WEAK_PASSWORD: { kind: "input", status: 400 },
  FILE_NOT_READABLE: { kind: "input", status: 400 },
  OUTPUT_NOT_WRITABLE: { kind: "input", status: 400 },
  ASSET_NOT_FOUND: { kind: "input", status: 422 },
  UNAUTHENTICATED: { kind: "input", status: 401 },
  INVALID_CREDENTIALS: { kind: "input", status: 401 },
  TOKEN_REUSED: { kind: "input", status: 401 },
  FORBIDDEN: { kind: "input", status: 403 },
  NOT_FOUND: { kind: "input", status: 404 },
  EMAIL_TAKEN: { kind: "input", status: 409 },
  CONFLICT: { kind: "input", status: 409 },
  IDEMPOTENCY_CONFLICT: { kind: "input", status: 409 },
  PAYLOAD_TOO_LARGE: { kind: "input", status: 413 },
  /** A download's `Range` lies outside the file. */
  RANGE_NOT_SATISFIABLE: { kind: "input", status: 416 },
  UNSUPPORTED_MEDIA_TYPE: { kind: "input", status: 415 },
  /** A variant of a request the API does not provide (oEmbed's `format=xml`). */
  NOT_IMPLEMENTED: { kind: "input", status: 501 },
  MEDIA_REJECTED: { kind: "input", status: 422 },
  WEBHOOK_URL_REJECTED: { kind: "input", status: 422 },
  UNPROCESSABLE: { kind: "input", status: 422 },
  /** Moderation refused the brief or the generated text. */
  BRIEF_REFUSED: { kind: "input", status: 422 },
  /** The model declined to write it. */
  LLM_REFUSED: { kind: "input", status: 422 },
  /** A per-user or per-tier limit (resources held, a render's length or time). */
  LIMIT_EXCEEDED: { kind: "input", status: 422 },
  RATE_LIMITED: { kind: "input", status: 429 },
  /** Render-minutes or daily generations used up. */
  QUOTA_EXCEEDED: { kind: "input", status: 429 },
  /** The quality gate (`--strict`) found problems; the files are kept. */
  QUALITY_FAILED: { kind: "input", status: 422, exitCode: 1 },
  ABORTED: { kind: "input", status: 499, exitCode: 130 },
  // Services reelgen depends on.
  /** Text-to-speech failed (the engine, or the speech endpoint). */
  SPEECH_FAILED: { kind: "upstream", status: 502 },
  /** The model endpoint failed (HTTP error, bad answer shape) after retries. */
  LLM_FAILED: { kind: "upstream", status: 502 },
  LLM_TIMEOUT: { kind: "upstream", status: 504 },
  LLM_RATE_LIMITED: { kind: "upstream", status: 503 },
  /** Every attempt of the repair loop still failed validation; `problems` are the last ones. */
  GENERATION_INVALID: { kind: "upstream", status: 502 },
  SERVICE_UNAVAILABLE: { kind: "upstream", status: 503 },
  // The machine or reelgen itself.
  BROWSER_NOT_FOUND: { kind: "internal", status: 500 },
  RENDER_FAILED: { kind: "internal", status: 500 },
  /** An external program (TTS, FFmpeg, the browser) or a whole render ran past its time limit. */
  TIMED_OUT: { kind: "internal", status: 504 },
  INTERNAL: { kind: "internal", status: 500 },
} as const satisfies Record<string, CodeInfo>;

export const ErrorCode = z.enum(Object.keys(CODES) as [keyof typeof CODES, ...(keyof typeof CODES)[]]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One thing wrong with an input, at its JSON path (`scenes[0].lines[1].speaker`, `body.template`). */
export type Problem = { path: string; message: string };

/**
 * The one error type of reelgen: a stable `code` (callers branch on it, never on the message),
 * a message safe to show the caller, and for input errors every problem with its JSON path.
 * The kind, HTTP status and CLI exit code all follow from the code.
 */
export class ReelgenError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];
  /** Seconds the caller should wait before trying again (rate limits, a service coming back). */
  readonly retryAfterSeconds: number | null;

  constructor(options: { code: ErrorCode; message: string; problems?: Problem[]; retryAfterSeconds?: number | null; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = "ReelgenError";
    this.code = options.code;
    this.problems = options.problems ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }

  get kind(): ErrorKind {
    return CODES[this.code].kind;
  }

  /** True when the input was at fault rather than the machine or a service. */
  get isInputError(): boolean {
    return this.kind === "input";
  }

  get status(): number {
    return CODES[this.code].status;
  }

  /** The CLI's exit code: 2 for input errors, 1 for failures, 130 when cancelled. */
  get exitCode(): number {
    const info: CodeInfo = CODES[this.code];
    return info.exitCode ?? (info.kind === "input" ? 2 : 1);
  }
}

/** An input error listing its problems: `<summary>: path: message; path: message`. */
export const invalidInput = (code: "VALIDATION_FAILED" | "INVALID_SCRIPT" | "INVALID_ARGUMENT", summary: string, problems: Problem[]): ReelgenError =>
  new ReelgenError({ code, message: `${summary}: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems });

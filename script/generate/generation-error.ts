import { z } from "zod";

export const GenerationErrorCode = z.enum([
  /** The brief itself is invalid (names the field). */
  "INVALID_BRIEF",
  /** Moderation refused the brief or the generated text. */
  "BRIEF_REFUSED",
  /** The model declined to write it. */
  "LLM_REFUSED",
  /** The model endpoint failed (HTTP error, bad answer shape) after retries. */
  "LLM_FAILED",
  "LLM_TIMEOUT",
  "LLM_RATE_LIMITED",
  /** Every attempt of the repair loop still failed validation; `problems` are the last ones. */
  "GENERATION_INVALID",
]);
export type GenerationErrorCode = z.infer<typeof GenerationErrorCode>;

/** A script-generation failure with a stable code (the CLI and API map it to exit codes and statuses). */
export class GenerationError extends Error {
  readonly code: GenerationErrorCode;
  readonly problems: { path: string; message: string }[];
  /** Seconds the caller should wait, for LLM_RATE_LIMITED. */
  readonly retryAfterSeconds: number | null;

  constructor(options: { code: GenerationErrorCode; message: string; problems?: { path: string; message: string }[]; retryAfterSeconds?: number | null; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = "GenerationError";
    this.code = options.code;
    this.problems = options.problems ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

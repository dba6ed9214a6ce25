import { z } from "zod";

/** Stable error codes. Input errors (the caller can fix them) make the CLI exit with 2. */
export const ErrorCode = z.enum([
  "INVALID_SCRIPT",
  "INVALID_JSON",
  "INVALID_ARGUMENT",
  "FILE_NOT_READABLE",
  "ASSET_NOT_FOUND",
  "OUTPUT_NOT_WRITABLE",
  "TEMPLATE_NOT_FOUND",
  "BROWSER_NOT_FOUND",
  "SPEECH_FAILED",
  "RENDER_FAILED",
  "QUALITY_FAILED",
  "ABORTED",
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

const INPUT_ERRORS: ReadonlySet<ErrorCode> = new Set([
  "INVALID_SCRIPT",
  "INVALID_JSON",
  "INVALID_ARGUMENT",
  "FILE_NOT_READABLE",
  "ASSET_NOT_FOUND",
  "OUTPUT_NOT_WRITABLE",
  "TEMPLATE_NOT_FOUND",
]);

export type Problem = { path: string; message: string };

export class ReelgenError extends Error {
  readonly code: ErrorCode;
  /** Every problem found, each with its JSON path, for script errors. */
  readonly problems: Problem[];

  constructor(options: { code: ErrorCode; message: string; problems?: Problem[]; cause?: unknown }) {
    super(options.message, { cause: options.cause });
    this.name = "ReelgenError";
    this.code = options.code;
    this.problems = options.problems ?? [];
  }

  /** True when the input was at fault rather than the machine. */
  get isInputError(): boolean {
    return INPUT_ERRORS.has(this.code);
  }
}

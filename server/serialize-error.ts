import { inspect } from "node:util";

/** Longest error message a log line keeps; driver messages can quote whole values. */
const MAX_MESSAGE_CHARS = 500;
/** Stack frames kept per error: enough to find the throw, not a page of framework internals. */
const MAX_STACK_FRAMES = 12;
/** `cause` links followed; a cycle or a long chain must not grow the line. */
const MAX_CAUSES = 3;

export type SerializedError = { type: string; message: string; code?: string | number; syscall?: string; stack?: string; cause?: SerializedError };

const truncate = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`);

const isErrorLike = (value: unknown): value is Error => typeof value === "object" && value !== null && typeof (value as Error).message === "string";

const serializeOne = (error: Error, depth: number): SerializedError => {
  const { code, syscall } = error as { code?: unknown; syscall?: unknown };
  // The frames only: the stack's first lines repeat the message, which is kept (cut short) apart.
  const frames = typeof error.stack === "string" ? error.stack.split("\n").filter((line) => line.startsWith("    at ")) : [];
  const cause = error.cause;
  return {
    type: error.constructor?.name && error.constructor.name !== "Object" ? error.constructor.name : String(error.name ?? "Error"),
    message: truncate(error.message, MAX_MESSAGE_CHARS),
    ...(typeof code === "string" || typeof code === "number" ? { code: typeof code === "string" ? truncate(code, 40) : code } : {}),
    ...(typeof syscall === "string" ? { syscall } : {}),
    ...(frames.length ? { stack: frames.slice(0, MAX_STACK_FRAMES).join("\n") } : {}),
    ...(isErrorLike(cause) && depth < MAX_CAUSES ? { cause: serializeOne(cause, depth + 1) } : {}),
  };
};

/**
 * The pino `err` serializer of every logger of the server (the base logger and the request
 * logger): an error's type, message (cut at 500 characters), code, a few stack frames and its
 * causes — and nothing else. Drivers hang the statement and its parameters on their errors
 * (PGlite's `query` and `params`; PostgreSQL's `where` and `detail` quote values), and pino's
 * standard serializer would copy them all: one failed save of a large script made a 3.3 MB log
 * line holding the whole SQL. Anything not listed here never reaches the log.
 *
 * Accepts the raw error or pino's already-serialized copy (pino-http wraps custom serializers
 * and hands them its own object, with the original under `raw`).
 */
export const serializeError = (value: unknown): unknown => {
  const raw = typeof value === "object" && value !== null && "raw" in value && isErrorLike((value as { raw: unknown }).raw) ? (value as { raw: Error }).raw : value;
  if (!isErrorLike(raw)) {
    // Something thrown that is not an Error: a short look at it, never the whole value.
    const text = typeof raw === "string" ? raw : inspect(raw, { depth: 1, maxArrayLength: 5, maxStringLength: 100, breakLength: Infinity });
    return { type: typeof raw, message: truncate(text, MAX_MESSAGE_CHARS) } satisfies SerializedError;
  }
  return serializeOne(raw, 0);
};

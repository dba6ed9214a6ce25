import { ReelgenError } from "../../script/reelgen-error";

/** What the caller is told to wait: long enough for an operator or a clean-up job to free space. */
const RETRY_AFTER_SECONDS = 60;
/** `cause` links followed: services wrap driver errors, and a cycle must not loop. */
const MAX_CAUSES = 5;

// errno codes of Node's file-system calls, and SQLSTATEs (PostgreSQL's, which PGlite raises
// alike): the machine is short of something, the request is fine. 53400
// (configuration_limit_exceeded, e.g. temp_file_limit) is left out: a request can cause it
// itself, and the same request would hit it again.
const OUT_OF_SPACE = new Set(["ENOSPC", "EDQUOT", "53100"]);
const OUT_OF_RESOURCES = new Set(["53000", "53200", "53300"]);

/**
 * The 503 a failure deserves when the server, not the request, ran short: a full disk or quota
 * (`ENOSPC`, `EDQUOT`, SQLSTATE 53100 `disk_full` from PostgreSQL or PGlite) or the database out
 * of memory or connections. Looks through `cause` chains; `null` for anything else. The message
 * says what happened, never the driver's text (it names server files: `could not extend file
 * "base/5/16389"`).
 */
export const unavailableError = (error: unknown): ReelgenError | null => {
  let current: unknown = error;
  for (let depth = 0; depth <= MAX_CAUSES && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (OUT_OF_SPACE.has(code) || OUT_OF_RESOURCES.has(code))) {
      return new ReelgenError({
        code: "SERVICE_UNAVAILABLE",
        message: OUT_OF_SPACE.has(code) ? "the server is out of storage space; try again later" : "the database is short of resources; try again later",
        retryAfterSeconds: RETRY_AFTER_SECONDS,
        cause: error,
      });
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
};

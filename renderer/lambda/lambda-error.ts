import { ReelgenError, type ErrorCode } from "../../script/reelgen-error";

/**
 * AWS SDK error names (stable codes the SDK sets on `err.name`) and what they mean for the caller.
 * Remotion passes SDK errors through unchanged, so these arrive as they left AWS.
 */
const AWS_ERROR_CODES: Record<string, ErrorCode> = {
  CredentialsProviderError: "UNAUTHENTICATED",
  UnrecognizedClientException: "UNAUTHENTICATED",
  InvalidClientTokenId: "UNAUTHENTICATED",
  InvalidSignatureException: "UNAUTHENTICATED",
  SignatureDoesNotMatch: "UNAUTHENTICATED",
  ExpiredToken: "UNAUTHENTICATED",
  ExpiredTokenException: "UNAUTHENTICATED",
  InvalidAccessKeyId: "UNAUTHENTICATED",
  AccessDenied: "FORBIDDEN",
  AccessDeniedException: "FORBIDDEN",
  ResourceNotFoundException: "NOT_FOUND",
  NoSuchBucket: "NOT_FOUND",
  NoSuchKey: "NOT_FOUND",
  NotFound: "NOT_FOUND",
  TooManyRequestsException: "SERVICE_UNAVAILABLE",
  ThrottlingException: "SERVICE_UNAVAILABLE",
  SlowDown: "SERVICE_UNAVAILABLE",
  ServiceException: "SERVICE_UNAVAILABLE",
  ServiceUnavailable: "SERVICE_UNAVAILABLE",
  InternalError: "SERVICE_UNAVAILABLE",
  TimeoutError: "SERVICE_UNAVAILABLE",
};

/** Node's network failures: AWS (or the endpoint configured for it) could not be reached. */
const NETWORK_ERRORS = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH"]);

const HINTS: Partial<Record<ErrorCode, string>> = {
  UNAUTHENTICATED: "AWS rejected the credentials (AWS_ACCESS_KEY_ID / REMOTION_AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY / REMOTION_AWS_SECRET_ACCESS_KEY)",
  FORBIDDEN: "the AWS credentials lack a permission Remotion Lambda needs (npx remotion lambda policies validate)",
  NOT_FOUND: "not found on AWS (deploy it first: reelgen lambda deploy)",
  SERVICE_UNAVAILABLE: "AWS is unavailable or throttling; try again",
};

/**
 * One failure of a Lambda step as a `ReelgenError`: a clear message naming the step, the code
 * from the AWS error's name, and AWS's own words kept in `cause` (shown with `--verbose`).
 */
export const lambdaError = (err: unknown, step: string, fallback: ErrorCode = "RENDER_FAILED"): ReelgenError => {
  if (err instanceof ReelgenError) return err;
  const e = err as { name?: string; code?: string; Code?: string } | null;
  if (e?.name === "AbortError") return new ReelgenError({ code: "ABORTED", message: `${step}: cancelled`, cause: err });
  const awsName = [e?.name, e?.Code, e?.code].find((n): n is string => typeof n === "string" && n in AWS_ERROR_CODES);
  const network = [e?.code, (e as { cause?: { code?: string } } | null)?.cause?.code].some((c) => typeof c === "string" && NETWORK_ERRORS.has(c));
  const code: ErrorCode = awsName ? AWS_ERROR_CODES[awsName]! : network ? "SERVICE_UNAVAILABLE" : fallback;
  const hint = awsName || network ? HINTS[code] : null;
  return new ReelgenError({ code, message: hint ? `${step} failed: ${hint}` : `${step} failed`, cause: err });
};

import { createHmac, timingSafeEqual } from "node:crypto";
import type { WebhookPayload } from "@remotion/lambda-client";
import { ReelgenError } from "../../script/reelgen-error";

/** The header Remotion Lambda signs its webhook calls with. */
export const LAMBDA_SIGNATURE_HEADER = "x-remotion-signature";

/**
 * Checks a webhook call from Remotion Lambda and returns its payload. The signature is Remotion's
 * (`validateWebhookSignature`): `sha512=` + HMAC-SHA512 of the body with the render's webhook
 * secret, in `X-Remotion-Signature`. Computed here over the raw bytes received (Remotion's helper
 * re-serialises a parsed body) and compared in constant time. A missing or wrong signature is
 * `UNAUTHENTICATED`; a body that is not a webhook payload is `INVALID_JSON`.
 */
export const verifyLambdaWebhook = (options: {
  secret: string;
  rawBody: string | Buffer;
  /** Request headers; names in any case. */
  headers: Record<string, string | string[] | undefined>;
}): WebhookPayload => {
  if (!options.secret) throw new ReelgenError({ code: "INVALID_ARGUMENT", message: "secret: a webhook secret is required to verify Lambda webhooks" });
  const header = Object.entries(options.headers).find(([name]) => name.toLowerCase() === LAMBDA_SIGNATURE_HEADER)?.[1];
  const received = Array.isArray(header) ? header[0] : header;
  if (!received || received === "NO_SECRET_PROVIDED") {
    throw new ReelgenError({ code: "UNAUTHENTICATED", message: "Lambda webhook: no X-Remotion-Signature header" });
  }
  const expected = `sha512=${createHmac("sha512", options.secret).update(options.rawBody).digest("hex")}`;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new ReelgenError({ code: "UNAUTHENTICATED", message: "Lambda webhook: the signature does not match" });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(options.rawBody.toString());
  } catch (err) {
    throw new ReelgenError({ code: "INVALID_JSON", message: "Lambda webhook: the body is not JSON", cause: err });
  }
  const type = (payload as { type?: unknown } | null)?.type;
  if (type !== "success" && type !== "error" && type !== "timeout") {
    throw new ReelgenError({ code: "INVALID_JSON", message: 'Lambda webhook: type must be "success", "error" or "timeout"' });
  }
  return payload as WebhookPayload;
};

import { randomBytes } from "node:crypto";

/**
 * A new Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes (the spec allows
 * 24–64). Shown to the customer once; they pass it to `new Webhook(secret).verify(...)`.
 */
export const generateWebhookSecret = (): string => `whsec_${randomBytes(32).toString("base64")}`;

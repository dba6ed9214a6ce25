import { createHash, randomBytes } from "node:crypto";

/** A random bearer secret (refresh and reset tokens): 256 bits, base64url. */
export const newOpaqueToken = (prefix: string): string => `${prefix}${randomBytes(32).toString("base64url")}`;

/** Tokens and keys are stored as SHA-256: they carry full entropy, so a slow hash would add nothing. */
export const sha256Hex = (text: string): string => createHash("sha256").update(text).digest("hex");

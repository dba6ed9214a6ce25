import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The links' own key, derived from the JWT secret: a link's MAC is public, so it must never be
 * made with the key that also signs access tokens.
 */
const linkKey = (jwtSecret: Uint8Array) => createHmac("sha256", jwtSecret).update("reelgen signed-url v1").digest();

const mac = (jwtSecret: Uint8Array, renderId: string, name: string, expires: number) =>
  createHmac("sha256", linkKey(jwtSecret)).update(`render-output\n${renderId}\n${name}\n${expires}`).digest("base64url");

/** A download link for one output that works without credentials until `expires` (unix seconds). */
export const signOutputUrl = (jwtSecret: Uint8Array, renderId: string, name: string, ttlSeconds: number): { path: string; expiresAt: Date } => {
  const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
  return { path: `/v1/files/renders/${renderId}/${name}?expires=${expires}&signature=${mac(jwtSecret, renderId, name, expires)}`, expiresAt: new Date(expires * 1000) };
};

/** True when the signature matches and has not expired. */
export const verifyOutputSignature = (jwtSecret: Uint8Array, renderId: string, name: string, expires: number, signature: string): boolean => {
  if (!Number.isInteger(expires) || expires * 1000 < Date.now()) return false;
  const want = Buffer.from(mac(jwtSecret, renderId, name, expires));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
};

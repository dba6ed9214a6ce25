import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * The links' own key, derived from the JWT secret: a link's MAC is public, so it must never be
 * made with the key that also signs access tokens.
 */
const linkKey = (jwtSecret: Uint8Array) => createHmac("sha256", jwtSecret).update("reelgen signed-url v1").digest();

/** The MAC of what one link names; the first part says what kind of file, so one kind's link never opens another. */
const mac = (jwtSecret: Uint8Array, parts: string[], expires: number) =>
  createHmac("sha256", linkKey(jwtSecret)).update(`${parts.join("\n")}\n${expires}`).digest("base64url");

const matches = (jwtSecret: Uint8Array, parts: string[], expires: number, signature: string): boolean => {
  if (!Number.isInteger(expires) || expires * 1000 < Date.now()) return false;
  const want = Buffer.from(mac(jwtSecret, parts, expires));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
};

/** A download link for one output that works without credentials until `expires` (unix seconds). */
export const signOutputUrl = (jwtSecret: Uint8Array, renderId: string, name: string, ttlSeconds: number): { path: string; expiresAt: Date } => {
  const expires = Math.floor(Date.now() / 1000) + ttlSeconds;
  return { path: `/v1/files/renders/${renderId}/${name}?expires=${expires}&signature=${mac(jwtSecret, ["render-output", renderId, name], expires)}`, expiresAt: new Date(expires * 1000) };
};

/** True when the signature matches and has not expired. */
export const verifyOutputSignature = (jwtSecret: Uint8Array, renderId: string, name: string, expires: number, signature: string): boolean =>
  matches(jwtSecret, ["render-output", renderId, name], expires, signature);

/** What a media link opens: the asset's own file, or its small JPEG preview (images and videos). */
export type MediaLinkKind = "file" | "thumbnail";

const MEDIA_PARTS: Record<MediaLinkKind, { purpose: string; suffix: string }> = {
  file: { purpose: "media-file", suffix: "" },
  thumbnail: { purpose: "media-thumbnail", suffix: "/thumbnail" },
};

/**
 * A link to a media-library file (or its thumbnail) that `<img>`, `<video>` and `<audio>` can
 * load without an Authorization header. It lives at least `ttlSeconds` and at most twice that:
 * the expiry is rounded up to a multiple of `ttlSeconds`, so every listing within one window hands
 * out the same URL and the browser's cache keeps serving the file instead of fetching it again.
 */
export const signMediaUrl = (jwtSecret: Uint8Array, mediaId: string, ttlSeconds: number, kind: MediaLinkKind = "file"): { path: string; expiresAt: Date } => {
  const now = Math.floor(Date.now() / 1000);
  const expires = Math.ceil((now + ttlSeconds) / ttlSeconds) * ttlSeconds;
  const { purpose, suffix } = MEDIA_PARTS[kind];
  return { path: `/v1/files/media/${mediaId}${suffix}?expires=${expires}&signature=${mac(jwtSecret, [purpose, mediaId], expires)}`, expiresAt: new Date(expires * 1000) };
};

/** True when a media link's signature matches and has not expired; a file link never opens a thumbnail, nor the reverse. */
export const verifyMediaSignature = (jwtSecret: Uint8Array, mediaId: string, expires: number, signature: string, kind: MediaLinkKind = "file"): boolean =>
  matches(jwtSecret, [MEDIA_PARTS[kind].purpose, mediaId], expires, signature);

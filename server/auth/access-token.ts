import { jwtVerify, SignJWT } from "jose";
import { ReelgenError } from "../../script/reelgen-error";

const ISSUER = "reelgen";
const AUDIENCE = "reelgen-api";

/** A short-lived HS256 access token naming the user and the session (refresh-token family) it belongs to. */
export const signAccessToken = async (options: { secret: Uint8Array; userId: string; sessionId: string; ttlSeconds: number }): Promise<string> =>
  new SignJWT({ sid: options.sessionId })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(options.userId)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds}s`)
    .sign(options.secret);

/** Verifies signature (HS256 only: `alg: none` and key confusion are refused), issuer, audience and expiry. */
export const verifyAccessToken = async (token: string, secret: Uint8Array): Promise<{ userId: string; sessionId: string }> => {
  try {
    const { payload } = await jwtVerify(token, secret, { algorithms: ["HS256"], issuer: ISSUER, audience: AUDIENCE, requiredClaims: ["exp", "sub", "sid"] });
    if (typeof payload.sub !== "string" || typeof payload.sid !== "string") throw new Error("claims");
    return { userId: payload.sub, sessionId: payload.sid };
  } catch (error) {
    const expired = (error as { code?: string }).code === "ERR_JWT_EXPIRED";
    throw new ReelgenError({ code: "UNAUTHENTICATED", message: expired ? "access token expired; refresh it" : "invalid access token" });
  }
};

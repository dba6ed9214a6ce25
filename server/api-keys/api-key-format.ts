import { randomBytes } from "node:crypto";
import { crc32 } from "node:zlib";

const PREFIX = "rk_live_";
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

const base62 = (value: bigint, width: number): string => {
  let out = "";
  for (let i = 0; i < width; i++) {
    out = ALPHABET[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out;
};

/**
 * A new API key: `rk_live_` + 160 random bits (27 base62 characters) + a 6-character CRC32
 * checksum (as GitHub's tokens do), so a mistyped or truncated key is refused without a lookup
 * and secret scanners can recognise leaked keys.
 */
export const newApiKey = (): string => {
  const body = base62(BigInt(`0x${randomBytes(20).toString("hex")}`), 27);
  return `${PREFIX}${body}${checksum(body)}`;
};

const checksum = (body: string): string => base62(BigInt(crc32(`${PREFIX}${body}`)), 6);

/** True when the text has the key shape and its checksum matches. */
export const isWellFormedApiKey = (key: string): boolean => {
  if (!key.startsWith(PREFIX) || key.length !== PREFIX.length + 33) return false;
  const body = key.slice(PREFIX.length, -6);
  return /^[0-9A-Za-z]+$/.test(body) && checksum(body) === key.slice(-6);
};

export const looksLikeApiKey = (token: string): boolean => token.startsWith(PREFIX);

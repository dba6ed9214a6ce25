import { hash, verify } from "@node-rs/argon2";
import { dictionary } from "@zxcvbn-ts/language-common";
import { ReelgenError } from "../../script/reelgen-error";

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB memory, 2 iterations, 1 lane.
// `algorithm: 2` is Argon2id (the package's const enum cannot be imported under isolatedModules).
const ARGON2 = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 8;
/** Long passphrases are welcome (NIST 800-63B: allow at least 64); the cap only bounds hashing work. */
export const PASSWORD_MAX = 256;

let common: Set<string> | null = null;
const commonPasswords = (): Set<string> => (common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase())));

/** Throws WEAK_PASSWORD naming the rule a new password breaks. */
export const checkPasswordPolicy = (password: string, email: string): void => {
  const fail = (message: string) => {
    throw new ReelgenError({ code: "WEAK_PASSWORD", message, problems: [{ path: "password", message }] });
  };
  if ([...password].length < PASSWORD_MIN) fail(`password must be at least ${PASSWORD_MIN} characters`);
  if (password.length > PASSWORD_MAX) fail(`password must be at most ${PASSWORD_MAX} characters`);
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) fail("password is too common (it appears in lists of breached passwords)");
  if (lower === email.toLowerCase() || lower === email.toLowerCase().split("@")[0]) fail("password must not be your email address");
};

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

export const verifyPassword = async (passwordHash: string, password: string): Promise<boolean> => {
  try {
    return await verify(passwordHash, password);
  } catch {
    // A malformed stored hash is a failed check, not a crash of the login route.
    return false;
  }
};

/** A hash of a random password, verified against when an email is unknown so both paths take as long. */
let decoy: Promise<string> | null = null;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword(crypto.randomUUID()));

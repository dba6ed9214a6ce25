import type { Transaction } from "kysely";
import { ReelgenError } from "../../script/reelgen-error";
import type { Config, TierLimits } from "../config";
import type { Role, Tables } from "../db/tables";

/** The tier limits on what a user holds (as opposed to rates and render sizes). */
export type HeldLimit = "maxMediaFiles" | "maxMediaMegabytes" | "maxProjects" | "maxProjectVersions" | "maxApiKeys" | "maxWebhooks" | "maxEventStreams" | "maxShares";

const MEGABYTE = 1024 * 1024;

/** How each limit reads in an error, and what the caller can do about it. */
const WORDING: Record<HeldLimit, { what: string; advice: string }> = {
  maxMediaFiles: { what: "media files", advice: "delete some first" },
  maxMediaMegabytes: { what: "MB of media files", advice: "delete some first" },
  maxProjects: { what: "projects", advice: "delete one first" },
  maxProjectVersions: { what: "saved versions per project", advice: "save into a new project instead" },
  maxApiKeys: { what: "API keys not revoked", advice: "revoke one first" },
  maxWebhooks: { what: "webhook endpoints", advice: "delete one first" },
  maxEventStreams: { what: "open render event streams", advice: "close one first" },
  maxShares: { what: "shares", advice: "revoke one first" },
};

/** LIMIT_EXCEEDED (422) naming the limit, its value and the tier, e.g. "the standard tier allows at most 20 webhook endpoints (maxWebhooks); delete one first". */
export const limitExceeded = (options: { config: Config; role: Role; limit: HeldLimit; detail?: string }): ReelgenError => {
  const max = options.config.TIERS[options.role][options.limit];
  const { what, advice } = WORDING[options.limit];
  return new ReelgenError({
    code: "LIMIT_EXCEEDED",
    message: `the ${options.role} tier allows at most ${max} ${what} (${options.limit})${options.detail ? `: ${options.detail}` : ""}; ${advice}`,
  });
};

/**
 * Enforces a per-user tier limit race-free: locks the user's row (`for no key update`, which
 * queues every other limit check of this user but not inserts that merely reference the user),
 * then asks `used` what the user holds now and throws LIMIT_EXCEEDED if `adding` more would pass
 * the limit. Call it inside the transaction that then inserts, so count and insert are one step:
 * 30 parallel creates against a limit of 20 make exactly 20. Calling it again in the same
 * transaction (for a second limit) takes no further lock.
 *
 * `maxMediaMegabytes` is counted in bytes (`used` and `adding` are bytes).
 */
export const enforceUserLimit = async (
  trx: Transaction<Tables>,
  options: { user: { id: string; role: Role }; config: Config; limit: Exclude<HeldLimit, "maxProjectVersions" | "maxEventStreams">; used: (trx: Transaction<Tables>) => Promise<number>; adding?: number },
): Promise<void> => {
  await trx.selectFrom("users").select("id").where("id", "=", options.user.id).forNoKeyUpdate().execute();
  const used = await options.used(trx);
  const adding = options.adding ?? 1;
  const limits: TierLimits = options.config.TIERS[options.user.role];
  if (options.limit === "maxMediaMegabytes") {
    if (used + adding > limits.maxMediaMegabytes * MEGABYTE) {
      const mb = (bytes: number) => (bytes < MEGABYTE ? `${Math.ceil(bytes / 1024)} KB` : `${(bytes / MEGABYTE).toFixed(1)} MB`);
      throw limitExceeded({ config: options.config, role: options.user.role, limit: options.limit, detail: `the library holds ${mb(used)} and this file is ${mb(adding)}` });
    }
    return;
  }
  if (used + adding > limits[options.limit]) throw limitExceeded({ config: options.config, role: options.user.role, limit: options.limit });
};

import path from "node:path";
import { z } from "zod";
import { PROJECT_ROOT } from "../renderer/project-paths";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .default("0")
  .transform((v) => v === "1" || v === "true");

const TierLimits = z.object({
  requestsPerMinute: z.number().int().positive(),
  concurrentRenders: z.number().int().positive(),
  renderMinutesPerMonth: z.number().nonnegative(),
  generationsPerDay: z.number().int().nonnegative(),
});
export type TierLimits = z.infer<typeof TierLimits>;

export const DEFAULT_TIERS = {
  standard: { requestsPerMinute: 120, concurrentRenders: 2, renderMinutesPerMonth: 30, generationsPerDay: 50 },
  premium: { requestsPerMinute: 600, concurrentRenders: 4, renderMinutesPerMonth: 600, generationsPerDay: 1000 },
  admin: { requestsPerMinute: 6000, concurrentRenders: 8, renderMinutesPerMonth: 100_000, generationsPerDay: 100_000 },
} satisfies Record<string, TierLimits>;

const Tiers = z.object({ standard: TierLimits.partial(), premium: TierLimits.partial(), admin: TierLimits.partial() }).partial();

/** Every setting the server and worker read from the environment, parsed once. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Loopback by default; set `0.0.0.0` to serve other machines. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** The address clients reach this server at, used in signed download links. */
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, "data")),
  DATABASE_URL: z.url().optional(),
  REDIS_URL: z.url().optional(),
  JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  WEBHOOK_ALLOW_LOOPBACK: flag,
  /** Trust `X-Forwarded-For` from this many proxies in front (Express `trust proxy`). */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Renders one worker runs at once (each renders its frames in one browser tab). */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** Start the in-process worker with `npm run server` (set 0 for an API-only node). */
  START_WORKER: z.enum(["0", "1"]).default("1").transform((v) => v === "1"),
  /** How long a worker's lock on a job lasts without renewal; a killed worker's job is retried after it. */
  RENDER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Prefix of every Redis key (queues, rate limits, throttles); installs sharing one Redis need different ones. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/).default("reelgen"),
  /** How long SIGTERM waits for an active render before handing it back to the queue. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  RENDER_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  ACCESS_TOKEN_SECONDS: z.coerce.number().int().min(10).default(900),
  REFRESH_TOKEN_DAYS: z.coerce.number().int().min(1).default(30),
  SIGNED_URL_SECONDS: z.coerce.number().int().min(10).default(3600),
  MAX_UPLOAD_MB: z.coerce.number().positive().default(200),
  /** JSON overriding per-tier limits, e.g. `{"standard":{"requestsPerMinute":60}}`. */
  TIERS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (!text) return {};
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "is not JSON" });
        return z.NEVER;
      }
    })
    .pipe(Tiers),
  /** Requests per minute per address for unauthenticated routes (sign-up, sign-in, refresh). */
  ANONYMOUS_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** How long an endpoint may keep failing before it is disabled. */
  WEBHOOK_DISABLE_AFTER_HOURS: z.coerce.number().positive().default(72),
  // Script generation: the same variables as the CLI (read by chatProviderFromEnv / moderationFromEnv).
  LLM_BASE_URL: z.url().optional(),
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().optional(),
  LLM_TIMEOUT_MS: z.string().regex(/^\d+$/, "must be a number of milliseconds").optional(),
  LLM_STRUCTURED_OUTPUT: z.enum(["auto", "json_schema", "json_object"]).optional(),
  LLM_MODERATION: z.enum(["0", "1"]).optional(),
  MODERATION_BLOCKLIST: z.string().optional(),
  /** Processing cost per render-minute, for the admin cost estimate. */
  COST_PER_RENDER_MINUTE: z.coerce.number().nonnegative().default(0.02),
});

export type Config = Omit<z.infer<typeof EnvSchema>, "TIERS"> & { TIERS: Record<"standard" | "premium" | "admin", TierLimits> };

export class ConfigError extends Error {}

/** Parses an environment (default `process.env`); a bad value throws a message naming it. */
export const parseConfig = (env: Record<string, string | undefined> = process.env): Config => {
  const known = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, env[k] === "" ? undefined : env[k]]));
  const parsed = EnvSchema.safeParse(known);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const tiers = parsed.data.TIERS;
  return {
    ...parsed.data,
    DATA_DIR: path.resolve(parsed.data.DATA_DIR),
    TIERS: {
      standard: { ...DEFAULT_TIERS.standard, ...tiers.standard },
      premium: { ...DEFAULT_TIERS.premium, ...tiers.premium },
      admin: { ...DEFAULT_TIERS.admin, ...tiers.admin },
    },
  };
};

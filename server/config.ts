import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { CONFIGURED_VOICE, DEFAULT_CACHE_DIR, PROJECT_ROOT } from "../renderer/index";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .default("0")
  .transform((v) => v === "1" || v === "true");

/**
 * What one user of a tier (their role) may use. Every per-user limit of the server is here, so
 * `TIERS` can change any of them and the README lists them in one table.
 */
const TierLimits = z.object({
  /** API requests per minute. */
  requestsPerMinute: z.number().int().positive(),
  /** Renders running at once; more wait in the queue. */
  concurrentRenders: z.number().int().positive(),
  /** Render-minutes a month: output length weighted by resolution and format (see `renderCost`). */
  renderMinutesPerMonth: z.number().nonnegative(),
  /** Script generations a day (UTC). */
  generationsPerDay: z.number().int().nonnegative(),
  /** Longest video one output may be, in seconds (checked on the estimate at submit and on the voiced length before the first frame). */
  maxVideoSeconds: z.number().positive(),
  /** Wall time one render attempt may take before it is stopped and failed. */
  renderTimeoutSeconds: z.number().positive(),
  /** Renders (rows) in one batch request. */
  maxBatchRows: z.number().int().positive(),
  /** Files in the media library, and their total size. */
  maxMediaFiles: z.number().int().nonnegative(),
  maxMediaMegabytes: z.number().nonnegative(),
  /** Projects, and saved versions per project. */
  maxProjects: z.number().int().nonnegative(),
  maxProjectVersions: z.number().int().positive(),
  /** API keys not revoked. */
  maxApiKeys: z.number().int().nonnegative(),
  /** Webhook endpoints. */
  maxWebhooks: z.number().int().nonnegative(),
  /** Render event streams (`GET /v1/renders/:id/events`) open at once. */
  maxEventStreams: z.number().int().positive(),
  /** Public shares (published projects and renders) held at once. */
  maxShares: z.number().int().nonnegative(),
  /** Lines the editor's voice preview may synthesise a day (UTC); previews served from the speech cache are free. */
  voicePreviewsPerDay: z.number().int().nonnegative(),
});
export type TierLimits = z.infer<typeof TierLimits>;

export const DEFAULT_TIERS = {
  standard: {
    requestsPerMinute: 120,
    concurrentRenders: 2,
    renderMinutesPerMonth: 30,
    generationsPerDay: 50,
    maxVideoSeconds: 180,
    renderTimeoutSeconds: 1200,
    maxBatchRows: 500,
    maxMediaFiles: 500,
    maxMediaMegabytes: 2048,
    maxProjects: 100,
    maxProjectVersions: 200,
    maxApiKeys: 20,
    maxWebhooks: 20,
    maxEventStreams: 10,
    maxShares: 50,
    voicePreviewsPerDay: 200,
  },
  premium: {
    requestsPerMinute: 600,
    concurrentRenders: 4,
    renderMinutesPerMonth: 600,
    generationsPerDay: 1000,
    maxVideoSeconds: 900,
    renderTimeoutSeconds: 3600,
    maxBatchRows: 5000,
    maxMediaFiles: 5000,
    maxMediaMegabytes: 20_480,
    maxProjects: 1000,
    maxProjectVersions: 1000,
    maxApiKeys: 50,
    maxWebhooks: 20,
    maxEventStreams: 50,
    maxShares: 500,
    voicePreviewsPerDay: 2000,
  },
  admin: {
    requestsPerMinute: 6000,
    concurrentRenders: 8,
    renderMinutesPerMonth: 100_000,
    generationsPerDay: 100_000,
    maxVideoSeconds: 3600,
    renderTimeoutSeconds: 7200,
    maxBatchRows: 5000,
    maxMediaFiles: 100_000,
    maxMediaMegabytes: 1_000_000,
    maxProjects: 100_000,
    maxProjectVersions: 10_000,
    maxApiKeys: 200,
    maxWebhooks: 50,
    maxEventStreams: 200,
    maxShares: 10_000,
    voicePreviewsPerDay: 100_000,
  },
} satisfies Record<string, TierLimits>;

/**
 * Limits on one request, the same for every tier: what the server will parse and how much work
 * one request may create.
 */
export const REQUEST_LIMITS = {
  /** A JSON body, in bytes. */
  jsonBodyBytes: 5 * 1024 * 1024,
  /** Nesting of arrays and objects in a JSON body (a script needs about 6). */
  jsonDepth: 64,
  /** A batch's script template, counted in JSON values (strings, numbers, objects, arrays…). */
  batchTemplateValues: 20_000,
  /** A batch's rows × its template's values: the work one batch may create. */
  batchWork: 2_000_000,
  /** One CSV record (a batch row before filling), in characters. */
  csvRecordChars: 100_000,
  /** One filled batch row, in characters of JSON (a script cannot be valid beyond that). */
  batchRowChars: 2_000_000,
  /** A render's script, counted in JSON values: validating far more would cost seconds and gigabytes (a long script holds a few thousand). */
  scriptValues: 50_000,
  /** Problems one error lists; past that it says how many more there were. */
  problemsListed: 100,
  /** Problems listed for one rejected batch row (a batch of thousands of bad rows stays a small answer). */
  batchRowProblems: 5,
  /** Days one `GET /v1/usage` may span (it lists every day). */
  usageDays: 366,
} as const;

const Tiers = z.object({ standard: TierLimits.partial(), premium: TierLimits.partial(), admin: TierLimits.partial() }).partial();

/** Every setting the server and worker read from the environment, parsed once. */
const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Loopback by default; set `0.0.0.0` to serve other machines. */
  HOST: z.string().min(1).default("127.0.0.1"),
  /** The address clients reach this server at, used in signed download links. */
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, "data")),
  /** The built web app `npm run server` serves at `/` (`bin/setup.sh` builds it there). */
  WEB_DIST_DIR: z.string().min(1).default(path.join(PROJECT_ROOT, "web", "dist")),
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
  /**
   * API processes serving one port (node:cluster), or `auto` for one per CPU. More than one needs
   * DATABASE_URL (PGlite is one process's own); the first process alone runs the in-process worker.
   */
  API_PROCESSES: z
    .union([z.literal("auto"), z.coerce.number().int().min(1).max(64)])
    .default(1)
    .transform((v) => (v === "auto" ? os.availableParallelism() : v)),
  /** How long a worker's lock on a job lasts without renewal; a killed worker's job is retried after it. */
  RENDER_LOCK_MS: z.coerce.number().int().min(1000).default(30_000),
  /** Prefix of every Redis key (queues, rate limits, throttles); installs sharing one Redis need different ones. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9:_-]+$/).default("reelgen"),
  /** How long SIGTERM waits for an active render before handing it back to the queue. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(30_000),
  RENDER_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(3),
  /**
   * Split every mp4 output longer than this many frames into chunk jobs that any worker takes (a
   * BullMQ flow with a finalize job); 0 (the default) renders each output whole on one worker.
   */
  RENDER_CHUNK_FRAMES: z.coerce
    .number()
    .int()
    .min(0)
    .default(0)
    .refine((n) => n === 0 || n >= 10, "0 (off) or at least 10 frames"),
  /** Where video outputs render: `local` (this worker's browser, or chunk jobs with RENDER_CHUNK_FRAMES) or `lambda` (Remotion Lambda, `LAMBDA_*`). */
  RENDER_BACKEND: z.enum(["local", "lambda"]).default("local"),
  /** The deployed render function (`reelgen lambda deploy` prints it); AWS credentials come from the AWS SDK's chain. */
  LAMBDA_FUNCTION: z.string().regex(/^remotion-render-[a-z0-9-]+$/, "must be a Remotion render function name (remotion-render-…)").optional(),
  LAMBDA_REGION: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, "must be an AWS region such as us-east-1").optional(),
  /** The render bucket; the plan's assets and speech go there too, fetched by the functions through presigned URLs. */
  LAMBDA_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)").optional(),
  /** The deployed site's `index.html` URL (`reelgen lambda deploy` prints it). */
  LAMBDA_SERVE_URL: z.url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" }).optional(),
  /** An S3-compatible endpoint for the bucket instead of AWS's (tests: s3rver). */
  LAMBDA_S3_ENDPOINT: z.url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" }).optional(),
  LAMBDA_FORCE_PATH_STYLE: flag,
  /** Frames each renderer function takes; unset lets Remotion choose. */
  LAMBDA_FRAMES_PER_LAMBDA: z.coerce.number().int().min(4, "at least 4 (Remotion's minimum)").optional(),
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
  /** Password-reset emails one email address can be sent per hour (further requests answer the same 202 and send nothing). */
  PASSWORD_RESET_MAILS_PER_HOUR: z.coerce.number().int().min(1).default(3),
  /** Bearer token Prometheus must send to read `GET /metrics`; without it set, `/metrics` answers 404. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
  /** Requests per minute per address for unauthenticated routes (sign-up, sign-in, refresh). */
  ANONYMOUS_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /**
   * Requests per minute per address for what anonymous viewers of shares fetch (a share's JSON, its
   * files, oEmbed): one video is a few dozen files, and many viewers can share one address.
   */
  VIEWER_REQUESTS_PER_MINUTE: z.coerce.number().int().positive().default(1200),
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
  // Text-to-speech: the same variables as the CLI. Without TTS_BASE_URL, espeak-ng speaks.
  /** An OpenAI-compatible speech endpoint's base URL including `/v1`. */
  TTS_BASE_URL: z.url().optional(),
  TTS_API_KEY: z.string().optional(),
  /** Default `tts-1`. */
  TTS_MODEL: z.string().optional(),
  /** The endpoint's voices, comma-separated, when not OpenAI's documented ones (self-hosted servers); scripts may name only these. */
  TTS_VOICES: z
    .string()
    .optional()
    .transform((text) => (text ?? "").split(",").map((v) => v.trim()).filter(Boolean))
    .refine((voices) => voices.every((v) => CONFIGURED_VOICE.test(v)), "each voice must be letters, digits, _ . + or -, at most 80 characters"),
  /** Where bundles, voices and the unpacked browser are cached. */
  REELGEN_CACHE_DIR: z.string().min(1).default(DEFAULT_CACHE_DIR),
  /** A Chromium to render with instead of the one inside `@sparticuz/chromium`. */
  REELGEN_BROWSER: z.string().min(1).optional(),
  /** Where render outputs, media and shares are kept: `local` (DATA_DIR/storage) or `s3` (an S3-compatible bucket, `S3_*`). */
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (3-63 lower-case letters, digits, dots and hyphens)").optional(),
  /** An S3-compatible endpoint (MinIO, R2, Ceph…); AWS S3 itself without it. */
  S3_ENDPOINT: z.url({ protocol: /^https?$/, message: "must be an http:// or https:// URL" }).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  /** Both or neither; without them the AWS SDK's default chain (environment, profile, instance role) applies. */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Address the bucket as `endpoint/bucket` rather than `bucket.endpoint` (most self-hosted servers need it). */
  S3_FORCE_PATH_STYLE: flag,
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
  const storageProblems = [
    parsed.data.STORAGE_DRIVER === "s3" && !parsed.data.S3_BUCKET && "S3_BUCKET: required when STORAGE_DRIVER=s3",
    !parsed.data.S3_ACCESS_KEY_ID !== !parsed.data.S3_SECRET_ACCESS_KEY && `${parsed.data.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"}: required with ${parsed.data.S3_ACCESS_KEY_ID ? "S3_ACCESS_KEY_ID" : "S3_SECRET_ACCESS_KEY"} (set both, or neither for the AWS SDK's default credentials)`,
    ...(parsed.data.RENDER_BACKEND === "lambda" ? (["LAMBDA_FUNCTION", "LAMBDA_REGION", "LAMBDA_BUCKET", "LAMBDA_SERVE_URL"] as const).filter((k) => !parsed.data[k]).map((k) => `${k}: required when RENDER_BACKEND=lambda`) : []),
  ].filter((p): p is string => typeof p === "string");
  if (storageProblems.length) throw new ConfigError(`invalid configuration:\n${storageProblems.map((p) => `  ${p}`).join("\n")}`);
  const tiers = parsed.data.TIERS;
  return {
    ...parsed.data,
    DATA_DIR: path.resolve(parsed.data.DATA_DIR),
    REELGEN_CACHE_DIR: path.resolve(parsed.data.REELGEN_CACHE_DIR),
    TIERS: {
      standard: { ...DEFAULT_TIERS.standard, ...tiers.standard },
      premium: { ...DEFAULT_TIERS.premium, ...tiers.premium },
      admin: { ...DEFAULT_TIERS.admin, ...tiers.admin },
    },
  };
};

import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Redis } from "ioredis";
import pino, { type Logger } from "pino";
import { ConfigError, type Config } from "./config";
import type { RedisConnection, ServerContext } from "./context";
import { openDatabase } from "./db/database";
import { outboxMailer } from "./mail/outbox-mailer";
import { createMetrics } from "./metrics";
import { startPrivateRedis, type PrivateRedis } from "./redis/start-private-redis";
import { serializeError } from "./serialize-error";
import { LocalStorage, ReelgenError, S3Storage, speechProviderFromConfig, type Storage } from "../renderer/index";

/** ioredis options from a `redis://`, `rediss://` or `unix:///path/redis.sock` URL (BullMQ takes options, not URLs). */
const connectionFromUrl = (text: string): RedisConnection => {
  const url = new URL(text);
  if (url.protocol === "unix:") return { path: decodeURIComponent(url.pathname) };
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    username: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    db: url.pathname.length > 1 ? Number(url.pathname.slice(1)) : undefined,
    tls: url.protocol === "rediss:" ? {} : undefined,
  };
};

/**
 * The JWT secret from config, else the one kept in DATA_DIR (created on first start, never
 * logged). A kept secret shorter than 32 characters stops the start rather than being replaced:
 * a new secret would silently end every session and invalidate every signed link.
 */
const loadJwtSecret = async (config: Config): Promise<Uint8Array> => {
  if (config.JWT_SECRET) return new TextEncoder().encode(config.JWT_SECRET);
  const file = path.join(config.DATA_DIR, "jwt-secret");
  const read = async () => {
    const secret = (await readFile(file, "utf8")).trim();
    if (secret.length < 32) throw new ConfigError(`${file}: the JWT secret must be at least 32 characters (it has ${secret.length}); fix the file, or remove it to have a new one made (which ends every session)`);
    return new TextEncoder().encode(secret);
  };
  try {
    return await read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  try {
    // `wx`: if two processes start at once, one writes and both read the same secret.
    await writeFile(file, randomBytes(48).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return read();
};

/** The storage `STORAGE_DRIVER` names: `DATA_DIR/storage` (the layout the server has always used), or the bucket of `S3_*`. */
export const storageFromConfig = (config: Config): Storage =>
  config.STORAGE_DRIVER === "s3"
    ? new S3Storage({
        bucket: config.S3_BUCKET!,
        endpoint: config.S3_ENDPOINT ?? null,
        region: config.S3_REGION,
        credentials: config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY } : null,
        forcePathStyle: config.S3_FORCE_PATH_STYLE,
      })
    : new LocalStorage({ root: path.join(config.DATA_DIR, "storage") });

/** `postgres://user:secret@host:5432/db` → `postgres://host:5432/db`: where, without the credentials (the message reaches logs). */
const withoutCredentials = (url: string) => {
  const u = new URL(url);
  u.username = "";
  u.password = "";
  return u.toString();
};

/**
 * Opens everything the server and the workers share: the data folder, the database (migrated),
 * Redis (the configured one, or a private `redis-server` child) and the logger. `close` undoes it.
 */
export const createContext = async (config: Config, options: { logger?: Logger; privateRedis?: boolean } = {}): Promise<{ ctx: ServerContext; close(): Promise<void> }> => {
  // Written asynchronously (lines that arrive while one write is under way go out together, and pino flushes at exit):
  // a synchronous write per line was a fifteenth of a render submission's CPU.
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL, base: { service: "reelgen" }, serializers: { err: serializeError } }, pino.destination({ dest: 1, sync: false }));
  await mkdir(config.DATA_DIR, { recursive: true });
  // Before Redis and the database: a bad secret must not leave them open.
  const jwtSecret = await loadJwtSecret(config);
  const speechProvider = speechProviderFromConfig({ baseUrl: config.TTS_BASE_URL, apiKey: config.TTS_API_KEY, model: config.TTS_MODEL, voices: config.TTS_VOICES });

  let privateRedis: PrivateRedis | null = null;
  let redisConnection: RedisConnection;
  if (config.REDIS_URL) {
    redisConnection = connectionFromUrl(config.REDIS_URL);
  } else {
    privateRedis = await startPrivateRedis({
      dir: path.join(config.DATA_DIR, "redis"),
      logger: { info: (m) => logger.info(m), warn: (m) => logger.warn(m) },
    });
    redisConnection = privateRedis.connection;
    logger.info({ socket: privateRedis.connection.path }, "started a private redis-server");
  }
  // Fail fast while Redis is down (no offline queue): callers answer 503 instead of hanging.
  const redis = new Redis({ ...redisConnection, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000, lazyConnect: true });
  redis.on("error", (error) => logger.warn({ err: error }, "redis connection error"));
  try {
    await redis.connect();
  } catch (error) {
    await privateRedis?.stop();
    const where = config.REDIS_URL ? withoutCredentials(config.REDIS_URL) : privateRedis?.url;
    throw new ReelgenError({ code: "SERVICE_UNAVAILABLE", message: `cannot reach Redis at ${where}: ${(error as Error).message}`, cause: error });
  }

  let db;
  try {
    db = await openDatabase({
      databaseUrl: config.DATABASE_URL ?? null,
      dataDir: config.DATABASE_URL ? null : config.DATA_DIR,
      onError: (error) => logger.warn({ err: error }, "idle database connection failed"),
    });
  } catch (error) {
    redis.disconnect();
    await privateRedis?.stop();
    if (!config.DATABASE_URL) throw error;
    throw new ReelgenError({ code: "SERVICE_UNAVAILABLE", message: `cannot reach PostgreSQL at ${withoutCredentials(config.DATABASE_URL)}: ${(error as Error).message}`, cause: error });
  }

  // Last, so a worker that cannot reach the bucket says so after Redis and PostgreSQL answered.
  const storage = storageFromConfig(config);
  try {
    await storage.check();
  } catch (error) {
    storage.close();
    redis.disconnect();
    await db.destroy();
    await privateRedis?.stop();
    throw error;
  }

  const ctx: ServerContext = {
    config,
    db,
    redis,
    redisConnection,
    logger,
    mailer: outboxMailer(path.join(config.DATA_DIR, "outbox"), logger),
    jwtSecret,
    storage,
    metrics: createMetrics(),
    speechProvider,
  };
  return {
    ctx,
    async close() {
      redis.disconnect();
      storage.close();
      await db.destroy();
      await privateRedis?.stop();
    },
  };
};

import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Config } from "./config";
import type { Database } from "./db/database";
import type { Mailer } from "./mail/outbox-mailer";
import type { Metrics } from "./metrics";
import type { SpeechProvider, Storage } from "../renderer/index";

/**
 * What every service gets: built once by `startServer` / `startWorker` (or a test) and passed
 * down, never read from module state.
 */
export type ServerContext = {
  config: Config;
  db: Database;
  /** Shared connection for rate limits, login throttles and pub/sub publishing. Commands fail fast while Redis is down. */
  redis: Redis;
  /** How BullMQ connects (it opens its own connections). */
  redisConnection: RedisConnection;
  logger: Logger;
  mailer: Mailer;
  /** The JWT signing secret (from config or generated into DATA_DIR). */
  jwtSecret: Uint8Array;
  /** Where media, render outputs and shares are kept (`STORAGE_DRIVER`): a local folder or an S3-compatible bucket. */
  storage: Storage;
  metrics: Metrics;
  /** The text-to-speech engine from `TTS_*` (espeak-ng without `TTS_BASE_URL`): the worker speaks with it and submit checks voices against its list. */
  speechProvider: SpeechProvider;
};

export type RedisConnection = { host?: string; port?: number; path?: string; username?: string; password?: string; db?: number; tls?: object };

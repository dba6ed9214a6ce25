import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { Redis } from "ioredis";
import pg from "pg";

const run = promisify(execFile);

/** The machine's shared Redis, which {@link ensureLocalServices} starts when it is down. */
export const REDIS_TEST_URL = "redis://127.0.0.1:6379";
const POSTGRES_ROOT = "postgres://postgres@127.0.0.1:5432";
/** An existing database to connect to for CREATE/DROP DATABASE. */
const ADMIN_URL = `${POSTGRES_ROOT}/test`;

/** A fresh name per test, for BullMQ queue names and key prefixes on the shared Redis. */
export const uniquePrefix = (): string => `test-${randomUUID()}`;

let ensured: Promise<void> | null = null;

/**
 * Makes sure the machine's Redis (127.0.0.1:6379) and PostgreSQL (127.0.0.1:5432) are up,
 * starting whichever is down (CI may begin with both stopped). Never stops or restarts a running
 * one. Cheap after the first call in a test file: the result is remembered, unless it failed.
 */
export const ensureLocalServices = (): Promise<void> => {
  ensured ??= Promise.all([ensureRedis(), ensurePostgres()]).then(
    () => undefined,
    (error: unknown) => {
      ensured = null;
      throw error;
    },
  );
  return ensured;
};

const ensureRedis = async () => {
  if (await redisAnswers()) return;
  // No persistence: this Redis holds only throwaway test queues.
  await run("redis-server", ["--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", "", "--appendonly", "no"]);
  await waitFor("Redis on 127.0.0.1:6379", 10_000, redisAnswers);
};

const redisAnswers = async () => {
  const redis = new Redis(REDIS_TEST_URL, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, connectTimeout: 1000 });
  // ioredis reports a refused connection on 'error' as well as by rejecting; the rejection is what we read.
  redis.on("error", () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
};

const ensurePostgres = async () => {
  if (await postgresAnswers()) return;
  // Debian's wrapper; the one cluster is named after the installed major version.
  await run("bash", ["-c", "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"]).catch(async (error: Error) => {
    // A cluster that was starting already makes pg_ctlcluster fail; only a still-dead server is an error.
    if (!(await postgresAnswers())) throw error;
  });
  await waitFor("PostgreSQL on 127.0.0.1:5432", 30_000, postgresAnswers);
};

const postgresAnswers = async () => {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 2000 });
  // A refused or dropped connection also surfaces as an 'error' event; the rejected query says the same.
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {}); // ending a client that never connected can reject; nothing to clean up then
  }
};

const waitFor = async (what: string, timeoutMs: number, check: () => Promise<boolean>) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
};

/**
 * Creates an empty PostgreSQL database `reelgen_test_<hex>` on the machine's server and returns
 * its URL; `drop()` ends its connections and removes it (PostgreSQL 13 or later, for FORCE).
 */
export const createTestDatabase = async (): Promise<{ url: string; drop(): Promise<void> }> => {
  const name = `reelgen_test_${randomBytes(8).toString("hex")}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  return {
    url: `${POSTGRES_ROOT}/${name}`,
    // FORCE terminates the database's sessions and drops it in one step, so a pool cannot reconnect in between.
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
};

const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

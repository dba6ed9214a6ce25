import { spawnSync } from "node:child_process";
import { existsSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { startPrivateRedis, type PrivateRedis } from "../../server/redis/start-private-redis";
import { tempDir } from "../renderer/fixtures";
import { createTestDatabase, ensureLocalServices, REDIS_TEST_URL } from "./services";

const started: PrivateRedis[] = [];
const clients: Redis[] = [];

const start = async (dir: string, options: Partial<Parameters<typeof startPrivateRedis>[0]> = {}) => {
  const redis = await startPrivateRedis({ dir, ...options });
  started.push(redis);
  return redis;
};

const connect = (redis: PrivateRedis) => {
  const client = new Redis(redis.connection);
  clients.push(client);
  return client;
};

const isGone = (pid: number) => {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
};

/** A pid that belonged to a process which has exited. */
const deadPid = () => spawnSync("true").pid;

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  await Promise.all(started.splice(0).map((redis) => redis.stop()));
});

describe("startPrivateRedis", () => {
  it("listens only on a private socket, with AOF and noeviction", async () => {
    const dir = tempDir();
    const redis = await start(dir);
    expect(redis.connection.path).toBe(path.join(dir, "redis.sock"));
    expect(redis.url).toBe(`unix://${redis.connection.path}`);
    expect(statSync(redis.connection.path).mode & 0o777).toBe(0o700);
    const client = connect(redis);
    expect(await client.config("GET", "maxmemory-policy")).toEqual(["maxmemory-policy", "noeviction"]);
    expect(await client.config("GET", "appendonly")).toEqual(["appendonly", "yes"]);
    expect(await client.config("GET", "port")).toEqual(["port", "0"]);
    expect(await client.config("GET", "dir")).toEqual(["dir", dir]);
    // The url form works too (ioredis reads unix:// as a socket path).
    const viaUrl = new Redis(redis.url);
    clients.push(viaUrl);
    expect(await viaUrl.ping()).toBe("PONG");
  });

  it("keeps data across a stop and a restart on the same folder, and leaves no process behind", async () => {
    const dir = tempDir();
    const first = await start(dir);
    const client = connect(first);
    await client.set("greeting", "hello");
    await client.rpush("jobs", "a", "b", "c");
    client.disconnect();
    await first.stop();
    expect(isGone(first.pid)).toBe(true);
    expect(existsSync(first.connection.path)).toBe(false);
    await first.stop(); // a second stop is a no-op

    const second = await start(dir);
    expect(second.pid).not.toBe(first.pid);
    const again = connect(second);
    expect(await again.get("greeting")).toBe("hello");
    expect(await again.lrange("jobs", 0, -1)).toEqual(["a", "b", "c"]);
    await second.stop();
    expect(isGone(second.pid)).toBe(true);
  });

  it("explains a missing binary", async () => {
    const dir = tempDir();
    await expect(startPrivateRedis({ dir, binary: "reelgen-no-such-redis-server" })).rejects.toThrow(
      /redis-server .*was not found: install Debian's redis-server .* or set REDIS_URL/,
    );
    expect(existsSync(path.join(dir, "redis.owner.json"))).toBe(false);
  });

  it("moves a socket path that is too long to a short one under the temp folder", async () => {
    const dir = path.join(tempDir(), "x".repeat(60), "y".repeat(60));
    const warnings: string[] = [];
    const redis = await start(dir, { logger: { info: () => {}, warn: (msg) => warnings.push(msg) } });
    expect(redis.connection.path).toMatch(/^\/.*reelgen-redis-[0-9a-f]{16}\.sock$/);
    expect(Buffer.byteLength(redis.connection.path)).toBeLessThanOrEqual(107);
    expect(warnings.join("\n")).toMatch(/too long/);
    expect(await connect(redis).ping()).toBe("PONG");
    expect(existsSync(path.join(dir, "appendonlydir"))).toBe(true);
  });

  it("refuses a folder whose redis-server belongs to a live process", async () => {
    const dir = tempDir();
    const first = await start(dir);
    await expect(startPrivateRedis({ dir })).rejects.toThrow(/belongs to process \d+, which is still running/);
    // The refusal left the running one alone.
    expect(await connect(first).ping()).toBe("PONG");
  });

  it("shuts down an orphan whose owner died and takes over its data", async () => {
    const dir = tempDir();
    const orphan = await start(dir);
    await connect(orphan).set("kept", "yes");
    writeFileSync(path.join(dir, "redis.owner.json"), JSON.stringify({ ownerPid: deadPid(), redisPid: orphan.pid, socket: orphan.connection.path }));
    const warnings: string[] = [];
    const redis = await start(dir, { logger: { info: () => {}, warn: (msg) => warnings.push(msg) } });
    expect(isGone(orphan.pid)).toBe(true);
    expect(warnings.join("\n")).toMatch(/shutting down redis-server pid \d+ left running/);
    expect(await connect(redis).get("kept")).toBe("yes");
  });

  it("removes a stale socket left by a killed redis-server", async () => {
    const dir = tempDir();
    const killed = await start(dir);
    process.kill(killed.pid, "SIGKILL");
    await expect.poll(() => isGone(killed.pid)).toBe(true);
    expect(existsSync(killed.connection.path)).toBe(true);
    const redis = await start(dir);
    expect(await connect(redis).ping()).toBe("PONG");
  });

  it("refuses a socket answered by a Redis it did not start", async () => {
    const dir = tempDir();
    const socket = path.join(dir, "redis.sock");
    const pidFile = path.join(os.tmpdir(), `reelgen-stranger-${process.pid}.pid`);
    const stranger = spawnSync("redis-server", ["--port", "0", "--unixsocket", socket, "--daemonize", "yes", "--save", "", "--appendonly", "no", "--pidfile", pidFile]);
    expect(stranger.status).toBe(0);
    const cli = (...args: string[]) => spawnSync("redis-cli", ["-s", socket, ...args], { encoding: "utf8" }).stdout.trim();
    try {
      await expect.poll(() => cli("ping"), { timeout: 10_000 }).toBe("PONG");
      await expect(startPrivateRedis({ dir })).rejects.toThrow(/not started by reelgen is answering/);
      expect(cli("ping")).toBe("PONG");
    } finally {
      cli("shutdown", "nosave");
    }
  });
});

describe("test services", () => {
  it("brings up Redis and PostgreSQL, and creates and drops a throwaway database", async () => {
    await ensureLocalServices();
    await ensureLocalServices(); // cheap and harmless the second time

    const redis = new Redis(REDIS_TEST_URL);
    clients.push(redis);
    expect(await redis.ping()).toBe("PONG");

    const database = await createTestDatabase();
    const name = new URL(database.url).pathname.slice(1);
    expect(name).toMatch(/^reelgen_test_[0-9a-f]+$/);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    expect((await client.query("select 1 as one")).rows).toEqual([{ one: 1 }]);
    // Left open on purpose: drop() must end it.
    client.on("error", () => {}); // the forced termination arrives as an error on this idle client
    await database.drop();

    const check = new pg.Client({ connectionString: "postgres://postgres@127.0.0.1:5432/test" });
    await check.connect();
    try {
      expect((await check.query("select 1 from pg_database where datname = $1", [name])).rowCount).toBe(0);
    } finally {
      await check.end();
    }
  });
});

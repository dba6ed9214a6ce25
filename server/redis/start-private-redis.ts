import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdir, open, readFile, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** A `redis-server` this process started and owns; see {@link startPrivateRedis}. */
export type PrivateRedis = {
  /**
   * `unix:///…/redis.sock`, which `new Redis(url)` (ioredis) understands. The socket path never
   * needs URL escaping (see {@link startPrivateRedis}), so this string is always exact.
   */
  url: string;
  /** ioredis connection options for the socket; hand these to BullMQ's `connection`. */
  connection: { path: string };
  /** SIGTERM (Redis then fsyncs the AOF, as `SHUTDOWN` would) and wait for exit. Idempotent. */
  stop(): Promise<void>;
  pid: number;
};

export type StartPrivateRedisOptions = {
  /** Where the AOF, log and (usually) the socket live; created when missing. */
  dir: string;
  logger?: { info(msg: string): void; warn(msg: string): void };
  /** Aborting while starting stops the child and rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The executable, `redis-server` on PATH unless set (tests pass a missing one). */
  binary?: string;
  /** How long to wait for the first PING answer; time spent answering `LOADING` (replaying a large AOF) does not count. */
  readyTimeoutMs?: number;
};

/** Who started the server on a socket, so a later start can tell a live owner from an orphan. */
type OwnerRecord = { ownerPid: number; redisPid: number; socket: string };

/** sun_path is 108 bytes including the terminating NUL; Redis silently truncates longer paths. */
const MAX_SOCKET_PATH_BYTES = 107;
/** Characters that survive ioredis's `url.parse` unescaped, so `url` points at the real socket. */
const URL_SAFE_PATH = /^[A-Za-z0-9._~/+-]+$/;
const STOP_GRACE_MS = 30_000;
const silentLogger = { info: () => {}, warn: () => {} };

/**
 * Starts a private `redis-server` child (Redis 7 as Debian ships it) that listens on a unix
 * socket only (`--port 0`, mode 700), keeps its data in `dir` with the AOF on (fsync every
 * second) and `maxmemory-policy noeviction` (BullMQ must never lose keys), and resolves once it
 * answers PING.
 *
 * The socket is `<dir>/redis.sock`, unless that path is longer than the 107 bytes a unix socket
 * address holds or contains characters a URL would escape: then it is
 * `<os.tmpdir()>/reelgen-redis-<hash of dir>.sock` (or the same under `/tmp` when even that is
 * too long). The data stays in `dir` either way.
 *
 * A server left running on that socket by a previous owner that has since died (a SIGKILLed
 * server process) is shut down cleanly and replaced; one whose owner is still alive, or one this
 * code did not start, makes the start fail with a message saying so, because two Redis servers
 * writing one AOF would corrupt it. A stale socket file with nobody listening is removed.
 *
 * The child is killed when this process exits (an `exit` hook), so it never outlives the server;
 * that hook cannot run on SIGKILL or on a signal the process does not handle, so the server's
 * signal handlers should call `stop()`, and the next start cleans up any orphan.
 */
export const startPrivateRedis = async (options: StartPrivateRedisOptions): Promise<PrivateRedis> => {
  const { signal, binary = "redis-server", readyTimeoutMs = 10_000 } = options;
  const logger = options.logger ?? silentLogger;
  signal?.throwIfAborted();
  const dir = path.resolve(options.dir);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const socket = socketPathFor(dir, logger);
  const files = { log: path.join(dir, "redis.log"), pid: path.join(dir, "redis.pid"), owner: path.join(dir, "redis.owner.json") };

  await clearTheWay(dir, socket, files, logger);
  signal?.throwIfAborted();

  const args = [
    "--port", "0",
    "--unixsocket", socket,
    "--unixsocketperm", "700",
    "--dir", dir,
    "--appendonly", "yes",
    "--appendfsync", "everysec",
    "--save", "",
    "--maxmemory-policy", "noeviction",
    "--daemonize", "no",
    "--logfile", files.log,
    "--pidfile", files.pid,
  ];
  logger.info(`starting private redis-server on ${socket} (data in ${dir})`);
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "pipe"] });
  // Before the log file is open, Redis reports bad arguments on stdout/stderr; keep the tail.
  let earlyOutput = "";
  const keep = (chunk: Buffer) => {
    earlyOutput = (earlyOutput + chunk.toString("utf8")).slice(-2000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);

  let stopping = false;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const spawned = new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", (error: NodeJS.ErrnoException) => reject(spawnError(error, binary)));
  });
  const killOnExit = () => {
    if (isRunning(child)) child.kill("SIGTERM");
  };
  process.on("exit", killOnExit);

  const terminate = async () => {
    stopping = true;
    if (isRunning(child)) {
      // While stopping the parent must stay alive to see the exit (it was unref'd once ready).
      child.ref();
      child.kill("SIGTERM");
      let timer: NodeJS.Timeout | undefined;
      const tooSlow = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(resolve, STOP_GRACE_MS, true)))]);
      clearTimeout(timer);
      if (tooSlow) {
        logger.warn(`redis-server (pid ${child.pid}) did not exit ${STOP_GRACE_MS / 1000} s after SIGTERM; killing it`);
        child.kill("SIGKILL");
        await exited;
      }
    }
    process.off("exit", killOnExit);
    // Only our own record: an orphan's successor has already written its own in its place.
    if ((await readJson<OwnerRecord>(files.owner))?.redisPid === child.pid) await rm(files.owner, { force: true });
  };

  try {
    await spawned;
    // Later errors (a failed kill) are worth a line in the log, not a crash of the server.
    child.on("error", (error) => logger.warn(`private redis-server: ${error.message}`));
    await writeFile(files.owner, JSON.stringify({ ownerPid: process.pid, redisPid: child.pid!, socket } satisfies OwnerRecord));
    await waitUntilReady({ child, socket, readyTimeoutMs, signal, logger, describe: async () => tail(files.log, earlyOutput) });
  } catch (error) {
    process.off("exit", killOnExit);
    if (child.pid !== undefined) await terminate();
    throw error;
  }

  child.on("exit", (code, sig) => {
    if (!stopping) logger.warn(`private redis-server (pid ${child.pid}) exited unexpectedly (${sig ?? `code ${code}`}); see ${files.log}`);
  });
  // A forgotten stop() must not keep the process alive; the exit hook still kills the child.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as net.Socket | null)?.unref();
  logger.info(`private redis-server ready (pid ${child.pid})`);

  let stopped: Promise<void> | null = null;
  return {
    url: `unix://${socket}`,
    connection: { path: socket },
    pid: child.pid!,
    stop: () => (stopped ??= terminate()),
  };
};

const socketPathFor = (dir: string, logger: { warn(msg: string): void }): string => {
  const preferred = path.join(dir, "redis.sock");
  if (fits(preferred)) return preferred;
  const hash = createHash("sha256").update(dir).digest("hex").slice(0, 16);
  const name = `reelgen-redis-${hash}.sock`;
  const fallback = [path.join(os.tmpdir(), name), path.join("/tmp", name)].find(fits);
  if (!fallback) throw new Error(`no usable unix socket path for the private redis-server (tried ${preferred} and ${os.tmpdir()})`);
  logger.warn(`${preferred} is too long for a unix socket or needs URL escaping; using ${fallback}`);
  return fallback;
};

const fits = (p: string) => Buffer.byteLength(p) <= MAX_SOCKET_PATH_BYTES && URL_SAFE_PATH.test(p);

/**
 * Makes sure nothing else serves this socket or data folder: shuts down an orphan whose owner
 * died, refuses a live one, and removes stale socket and pid files.
 */
const clearTheWay = async (
  dir: string,
  socket: string,
  files: { pid: string; owner: string },
  logger: { info(msg: string): void; warn(msg: string): void },
) => {
  const owner = await readJson<OwnerRecord>(files.owner);
  const redisPid = (await readPid(files.pid)) ?? owner?.redisPid ?? null;
  if ((await ping(socket)) !== "down") {
    if (!owner) {
      throw new Error(`a Redis server not started by reelgen is answering on ${socket}; stop it, or set REDIS_URL to use it instead of a private one`);
    }
    if (isAlive(owner.ownerPid)) {
      throw new Error(
        `the private redis-server for ${dir} (pid ${redisPid ?? owner.redisPid}) belongs to process ${owner.ownerPid}, which is still running; ` +
          `two servers cannot share one data folder — stop that one, or give this one its own DATA_DIR or a REDIS_URL`,
      );
    }
    const pid = redisPid ?? owner.redisPid;
    logger.warn(`shutting down redis-server pid ${pid} left running on ${socket} by process ${owner.ownerPid}, which has exited`);
    await stopOrphan(pid, socket);
  } else if (redisPid !== null && isAlive(redisPid) && (await looksLikeRedis(redisPid))) {
    throw new Error(`redis-server pid ${redisPid} still runs on ${dir} but does not answer on ${socket}; stop it (kill ${redisPid}) and start again`);
  }
  await rm(files.pid, { force: true });
  const existing = await stat(socket).catch(ifMissing(null));
  if (existing) {
    if (!existing.isSocket()) throw new Error(`${socket} exists and is not a socket; move it away so the private redis-server can listen there`);
    logger.info(`removing stale socket ${socket} (nobody is listening)`);
    await rm(socket, { force: true });
  }
  await rm(files.owner, { force: true });
};

const stopOrphan = async (pid: number, socket: string) => {
  // SIGTERM makes Redis fsync the AOF and exit, exactly as SHUTDOWN would.
  try {
    process.kill(pid, "SIGTERM");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
  const deadline = Date.now() + STOP_GRACE_MS;
  while (isAlive(pid) || (await ping(socket)) !== "down") {
    if (Date.now() > deadline) throw new Error(`redis-server pid ${pid} on ${socket} did not exit ${STOP_GRACE_MS / 1000} s after SIGTERM; stop it by hand`);
    await sleep(50);
  }
};

const waitUntilReady = async (o: {
  child: ChildProcess;
  socket: string;
  readyTimeoutMs: number;
  signal: AbortSignal | undefined;
  logger: { info(msg: string): void };
  describe: () => Promise<string>;
}) => {
  let deadline = Date.now() + o.readyTimeoutMs;
  let saidLoading = false;
  for (;;) {
    o.signal?.throwIfAborted();
    if (!isRunning(o.child)) {
      throw new Error(`redis-server exited while starting (${o.child.signalCode ?? `code ${o.child.exitCode}`}):\n${await o.describe()}`);
    }
    const state = await ping(o.socket);
    if (state === "pong") return;
    if (state === "loading") {
      // Replaying a big AOF takes as long as it takes; the server is alive and making progress.
      deadline = Date.now() + o.readyTimeoutMs;
      if (!saidLoading) o.logger.info("private redis-server is loading its AOF");
      saidLoading = true;
    }
    if (Date.now() > deadline) {
      throw new Error(`redis-server did not answer PING on ${o.socket} within ${o.readyTimeoutMs / 1000} s:\n${await o.describe()}`);
    }
    await sleep(50);
  }
};

/**
 * Sends an inline `PING` over the socket. "down" means nobody listens (no file, or a stale one);
 * "other" is any other reply, or silence, from something that accepted the connection.
 */
const ping = (socket: string, timeoutMs = 1000) =>
  new Promise<"pong" | "loading" | "other" | "down">((resolve) => {
    const conn = net.connect(socket);
    let reply = "";
    const done = (state: "pong" | "loading" | "other" | "down") => {
      clearTimeout(timer);
      conn.destroy();
      resolve(state);
    };
    const timer = setTimeout(() => done("other"), timeoutMs);
    conn.on("connect", () => conn.write("PING\r\n"));
    conn.on("data", (chunk) => {
      reply += chunk.toString("latin1");
      const end = reply.indexOf("\r\n");
      if (end === -1) return;
      const line = reply.slice(0, end);
      done(line === "+PONG" ? "pong" : line.startsWith("-LOADING") ? "loading" : "other");
    });
    conn.on("error", (error: NodeJS.ErrnoException) => done(error.code === "ENOENT" || error.code === "ECONNREFUSED" ? "down" : "other"));
    conn.on("close", () => done("other"));
  });

const spawnError = (error: NodeJS.ErrnoException, binary: string) => {
  const named = binary === "redis-server" ? "redis-server" : `redis-server (${binary})`;
  if (error.code === "ENOENT") {
    return new Error(`${named} was not found: install Debian's redis-server (apt-get install redis-server, or run bin/setup.sh) or set REDIS_URL to use an existing Redis`, { cause: error });
  }
  return new Error(`could not start ${named}: ${error.message}`, { cause: error });
};

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Guards against a pid file outliving a reboot and its number going to an unrelated process. */
const looksLikeRedis = async (pid: number) => {
  const comm = await readFile(`/proc/${pid}/comm`, "utf8").catch(ifMissing(null));
  // Without /proc (not Linux) there is no telling; assume it is Redis rather than risk two on one AOF.
  return comm === null || comm.startsWith("redis");
};

const readPid = async (file: string) => {
  const text = await readFile(file, "utf8").catch(ifMissing(null));
  const pid = Number(text?.trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
};

const readJson = async <T>(file: string): Promise<T | null> => {
  const text = await readFile(file, "utf8").catch(ifMissing(null));
  if (text === null) return null;
  try {
    return JSON.parse(text) as T;
  } catch {
    // A torn write from a crash; treat it as no record, which errs towards refusing to touch a live server.
    return null;
  }
};

/** The end of the Redis log (and anything printed before the log opened), for error messages. */
const tail = async (logFile: string, earlyOutput: string) => {
  let log = "";
  const handle = await open(logFile, "r").catch(ifMissing(null));
  if (handle) {
    try {
      const { size } = await handle.stat();
      const length = Math.min(size, 2000);
      const { buffer } = await handle.read(Buffer.alloc(length), 0, length, size - length);
      log = buffer.toString("utf8");
    } finally {
      await handle.close();
    }
  }
  return [earlyOutput.trim(), log.trim()].filter(Boolean).join("\n") || "(redis-server wrote nothing)";
};

/** For `.catch`: a missing file (or process entry) becomes `fallback`; anything else still throws. */
const ifMissing =
  <T>(fallback: T) =>
  (error: NodeJS.ErrnoException): T => {
    if (error.code === "ENOENT") return fallback;
    throw error;
  };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../renderer/project-paths";
import { tempDir } from "../renderer/fixtures";
import { renderBody } from "./render-helpers";
import { createTestDatabase, ensureLocalServices, REDIS_TEST_URL, uniquePrefix } from "./services";

/** `npm run server` as a child process; `output()` is everything it printed so far. */
const runServer = (env: Record<string, string>) => {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, PORT: "0", HOST: "127.0.0.1", START_WORKER: "0", LOG_LEVEL: "warn", JWT_SECRET: "test-secret-test-secret-test-secret-0123", ANONYMOUS_REQUESTS_PER_MINUTE: "100000", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exit, output: () => output };
};

/** The pids of a process's API processes (children running server/main.ts; tsx also starts esbuild), from /proc. */
const childrenOf = (pid: number): number[] =>
  readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .filter((e) => {
      try {
        const stat = readFileSync(`/proc/${e}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid && readFileSync(`/proc/${e}/cmdline`, "utf8").includes("server/main.ts");
      } catch {
        return false;
      }
    })
    .map(Number);

const until = async <T>(what: string, check: () => T | null | undefined | false, timeoutMs = 90_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe("API_PROCESSES", () => {
  it("refuses more than one process on PGlite, naming DATABASE_URL", async () => {
    const dataDir = tempDir();
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const server = runServer({ API_PROCESSES: "2", DATA_DIR: dataDir, DATABASE_URL: "", REDIS_URL: REDIS_TEST_URL, REDIS_PREFIX: uniquePrefix() });
    expect(await server.exit).toBe(1);
    expect(server.output()).toContain("API_PROCESSES=2 needs DATABASE_URL (PostgreSQL): the embedded PGlite database belongs to one process");
  });

  it("refuses a value that is neither a count nor auto", async () => {
    const dataDir = tempDir();
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    const server = runServer({ API_PROCESSES: "many", DATA_DIR: dataDir });
    expect(await server.exit).toBe(1);
    expect(server.output()).toMatch(/invalid configuration:\n\s+API_PROCESSES: /);
  });

  it("serves one port from two processes, replaces one that dies, and stops them all on SIGTERM", async () => {
    await ensureLocalServices();
    const db = await createTestDatabase();
    const dataDir = tempDir();
    cleanups.push(async () => {
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    });
    const server = runServer({ API_PROCESSES: "2", DATA_DIR: dataDir, DATABASE_URL: db.url, REDIS_URL: REDIS_TEST_URL, REDIS_PREFIX: uniquePrefix() });
    cleanups.push(async () => {
      if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
    });
    const url = await until("the server prints its address", () => /listening on (http:\/\/\S+) .*2 API processes/.exec(server.output())?.[1]);
    const workers = childrenOf(server.child.pid!);
    expect(workers).toHaveLength(2);

    // Each request on a new connection: the primary hands connections to the processes in turn.
    const call = async (path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${url}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { connection: "close", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as any };
    };
    const email = `cluster-${Date.now()}@example.com`;
    const password = "correct horse battery staple";
    expect((await call("/v1/auth/register", { email, password })).status).toBe(201);
    const login = await call("/v1/auth/login", { email, password });
    expect(login.status).toBe(200);
    const auth = { authorization: `Bearer ${login.body.accessToken}` };
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const submitted = await call("/v1/renders", renderBody(), auth);
      expect(submitted.status).toBe(202);
      ids.push(submitted.body.id);
    }
    for (const id of ids) expect((await call(`/v1/renders/${id}`, undefined, auth)).body).toMatchObject({ id, status: "queued" });

    // A process that dies is replaced; the port keeps answering (connections go only to processes that listen).
    process.kill(workers[0]!, "SIGKILL");
    const replaced = await until("a replacement process", () => {
      const now = childrenOf(server.child.pid!);
      return now.length === 2 && !now.includes(workers[0]!) ? now : null;
    });
    expect(replaced).toContain(workers[1]);
    expect((await call(`/v1/renders/${ids[0]}`, undefined, auth)).status).toBe(200);

    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
    for (const pid of replaced) expect(() => process.kill(pid, 0), `process ${pid} still runs`).toThrow();
  });
});

import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import pg from "pg";
import { PROJECT_ROOT } from "../../renderer/project-paths";
import { tempDir } from "../renderer/fixtures";
import { createTestDatabase, ensureLocalServices, REDIS_TEST_URL, uniquePrefix } from "./services";

export type ServerChild = {
  url: string;
  child: ChildProcess;
  /** Resident memory of the server process now (`VmRSS`) and at its peak so far (`VmHWM`), in MB; null once it has exited. */
  memory(): { rssMb: number; peakMb: number } | null;
  /** Everything the server wrote to stdout and stderr. */
  output(): string;
  /** Registers and signs in a user with the given role (set in the server's PostgreSQL database); returns its Authorization header. */
  user(role?: "standard" | "premium" | "admin"): Promise<{ authorization: string }>;
  close(): Promise<void>;
};

/**
 * `npm run server` (API only, no worker) in a child process with a capped V8 heap, on a fresh
 * PostgreSQL database: a request that exhausts memory kills the child, not the test runner, and
 * the child's resident memory can be read from /proc.
 */
export const startServerChild = async (options: { maxOldSpaceMb: number; env?: Record<string, string> }): Promise<ServerChild> => {
  await ensureLocalServices();
  const db = await createTestDatabase();
  const dataDir = tempDir();
  const child = spawn(process.execPath, [`--max-old-space-size=${options.maxOldSpaceMb}`, "--import", "tsx", "server/main.ts"], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: db.url,
      REDIS_URL: REDIS_TEST_URL,
      REDIS_PREFIX: uniquePrefix(),
      START_WORKER: "0",
      LOG_LEVEL: "warn",
      ANONYMOUS_REQUESTS_PER_MINUTE: "100000",
      JWT_SECRET: "test-secret-test-secret-test-secret-0123",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    const look = () => {
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on("data", look);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  let users = 0;
  return {
    url,
    child,
    output: () => output,
    memory() {
      if (child.exitCode !== null || child.signalCode !== null) return null;
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
        const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)![1]);
        return { rssMb: kb("VmRSS") / 1024, peakMb: kb("VmHWM") / 1024 };
      } catch {
        return null;
      }
    },
    async user(role = "standard") {
      const email = `child${++users}-${Date.now()}@example.com`;
      const password = "correct horse battery staple";
      const post = (path: string, body: unknown) => fetch(`${url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      const reg = await post("/v1/auth/register", { email, password });
      if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${await reg.text()}`);
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        await client.query("update users set role = $1 where email = $2", [role, email]);
      } finally {
        await client.end();
      }
      const login = await post("/v1/auth/login", { email, password });
      if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
      return { authorization: `Bearer ${((await login.json()) as { accessToken: string }).accessToken}` };
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(killer);
      }
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

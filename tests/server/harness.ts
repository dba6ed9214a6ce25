import { rmSync } from "node:fs";
import type { Logger } from "pino";
import { startServer, type RunningServer } from "../../server/start-server";
import type { Role } from "../../server/db/tables";
import { tempDir } from "../renderer/fixtures";
import { createTestDatabase, ensureLocalServices, REDIS_TEST_URL, uniquePrefix } from "./services";

export type TestUser = { id: string; email: string; password: string; accessToken: string; refreshToken: string; auth: { authorization: string } };

export type TestServer = RunningServer & {
  dataDir: string;
  /** fetch against the server; JSON bodies are encoded, JSON answers decoded into `body`. */
  api(path: string, init?: { method?: string; body?: unknown; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  /** Registers and signs in a new user with the given role (set directly in the database). */
  user(role?: Role): Promise<TestUser>;
};

let counter = 0;

/**
 * A real server on loopback (port 0) with the machine's Redis (own key prefix) and PGlite in a
 * temp folder, or a fresh PostgreSQL database with `database: "postgres"`. No worker unless asked.
 */
export const startTestServer = async (
  options: { database?: "pglite" | "postgres"; worker?: boolean; env?: Record<string, string>; /** Replaces the server's own (silent) logger, e.g. to capture log lines. */ logger?: Logger } = {},
): Promise<TestServer> => {
  await ensureLocalServices();
  const dataDir = tempDir();
  const pgDb = options.database === "postgres" ? await createTestDatabase() : null;
  const server = await startServer({
    env: {
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      REDIS_URL: REDIS_TEST_URL,
      REDIS_PREFIX: uniquePrefix(),
      DATABASE_URL: pgDb?.url,
      START_WORKER: options.worker ? "1" : "0",
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
      WEBHOOK_ALLOW_LOOPBACK: "1",
      ANONYMOUS_REQUESTS_PER_MINUTE: "100000",
      VIEWER_REQUESTS_PER_MINUTE: "100000",
      JWT_SECRET: "test-secret-test-secret-test-secret-0123",
      ...options.env,
    },
    logger: options.logger,
  });
  const api: TestServer["api"] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    let body: BodyInit | undefined;
    if (init.body !== undefined) {
      if (typeof init.body === "string" || init.body instanceof FormData || init.body instanceof Uint8Array) body = init.body as BodyInit;
      else {
        body = JSON.stringify(init.body);
        headers["content-type"] ??= "application/json";
      }
    }
    const res = await fetch(`${server.url}${path}`, { method: init.method ?? (init.body === undefined ? "GET" : "POST"), headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get("content-type") ?? "").includes("json") && text) parsed = JSON.parse(text);
    return { status: res.status, body: parsed, headers: res.headers };
  };
  const user: TestServer["user"] = async (role = "standard") => {
    const email = `user${++counter}-${Date.now()}@example.com`;
    const password = "correct horse battery staple";
    const reg = await api("/v1/auth/register", { body: { email, password } });
    if (reg.status !== 201) throw new Error(`register failed: ${reg.status} ${JSON.stringify(reg.body)}`);
    await server.ctx.db.updateTable("users").set({ role }).where("id", "=", reg.body.id).execute();
    const login = await api("/v1/auth/login", { body: { email, password } });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
    return { id: reg.body.id, email, password, accessToken: login.body.accessToken, refreshToken: login.body.refreshToken, auth: { authorization: `Bearer ${login.body.accessToken}` } };
  };
  return {
    ...server,
    dataDir,
    api,
    user,
    async close() {
      await server.close();
      await pgDb?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};

import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { PROJECT_ROOT } from "../../renderer/project-paths";
import { tempDir } from "../renderer/fixtures";
import { waitFor } from "../server/render-helpers";

// What `npm run server` does on a fresh clone: embedded PGlite and a private redis-server, no other set-up.
it("npm run server serves the API on the embedded defaults and stops cleanly on SIGTERM", async () => {
  const dataDir = tempDir();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "warn" };
  for (const key of ["REDIS_URL", "DATABASE_URL", "JWT_SECRET"]) delete env[key];
  const child = spawn("npm", ["run", "--silent", "server"], { cwd: PROJECT_ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout.on("data", (c) => (output += c));
  child.stderr.on("data", (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    const url = await waitFor("the server to listen", async () => /listening on (http:\/\/\S+)/.exec(output)?.[1], 120_000);
    const health = await fetch(`${url}/healthz`);
    expect(await health.json()).toEqual({ status: "ok", database: "ok", redis: "ok" });
    const json = { "content-type": "application/json" };
    expect((await fetch(`${url}/v1/auth/register`, { method: "POST", headers: json, body: JSON.stringify({ email: "first@example.com", password: "fresh clone passphrase" }) })).status).toBe(201);
    const login = await (await fetch(`${url}/v1/auth/login`, { method: "POST", headers: json, body: JSON.stringify({ email: "first@example.com", password: "fresh clone passphrase" }) })).json();
    const templates = await (await fetch(`${url}/v1/templates`, { headers: { authorization: `Bearer ${login.accessToken}` } })).json();
    expect(templates.templates.map((t: { id: string }) => t.id)).toContain("minidrama");
    expect((await fetch(`${url}/openapi.json`)).status).toBe(200);

    // Everything lives in DATA_DIR: the database, the queue's AOF, the generated JWT secret.
    expect(readFileSync(path.join(dataDir, "jwt-secret"), "utf8").length).toBeGreaterThanOrEqual(32);
    const redisPid = Number(readFileSync(path.join(dataDir, "redis", "redis.pid"), "utf8"));
    expect(readFileSync(`/proc/${redisPid}/cmdline`, "utf8")).toContain("redis-server");

    // SIGTERM to the server process itself (npm and tsx sit between it and us), as a supervisor would.
    const serverPids = readdirSync("/proc")
      .filter((e) => /^\d+$/.test(e))
      .filter((pid) => {
        try {
          const argv = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
          return path.basename(argv[0]!) === "node" && argv.some((a) => a.endsWith("server/main.ts")) && readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[2] === String(child.pid);
        } catch {
          return false;
        }
      });
    expect(serverPids.length).toBeGreaterThan(0);
    for (const pid of serverPids) process.kill(Number(pid), "SIGTERM");
    expect(await exited, output).toBe(0);
    await waitFor("the private redis-server to stop", async () => {
      try {
        process.kill(redisPid, 0);
        return false;
      } catch {
        return true;
      }
    }, 15_000);
  } finally {
    if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
  }
}, 180_000);

/**
 * API throughput: render submissions (`POST /v1/renders`) per second and their latency, against
 * `npm run server` (API only, no worker consuming) on a fresh PostgreSQL database and the
 * machine's Redis under a key prefix of its own, from a keep-alive load generator on loopback.
 * Target (issue 11, d): ≥ 500 submissions/s with p99 < 50 ms.
 *
 * Each row is one server configuration (API processes), one way of spreading the load (every
 * client on one user's key, or one user per client as real traffic would be) and one concurrency,
 * measured for `--seconds` after a warm-up. One user is capped by its own quota row (each
 * submission locks it until commit) far above any tier's request rate (admin: 100/s); the target is
 * read on the many-users rows. Further API processes run with many users only. The server's CPU
 * per request (from /proc, its processes together) is steadier than requests/s on a busy machine. The server logs at its default level (info) into a
 * file, as a deployment would. Afterwards it checks that every 202 made exactly one render row and
 * one queued job, then removes its jobs and keys from Redis and drops its database.
 *
 *   npx tsx bench/api-throughput.ts [--seconds 10] [--concurrency 8,32] [--processes 1,2] [--users 1,32]
 *   npx tsx bench/api-throughput.ts --profile     (one short run with `node --cpu-prof` in the server; prints the top functions)
 *
 * Also run at the end of `npm run bench`; results in bench/results/api-throughput.json.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, openSync, closeSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import pg from "pg";
import { PROJECT_ROOT } from "../renderer/project-paths";
import { createTestDatabase, ensureLocalServices, REDIS_TEST_URL } from "../tests/server/services";

const { values: args } = parseArgs({
  options: {
    seconds: { type: "string", default: "10" },
    warmup: { type: "string", default: "2" },
    concurrency: { type: "string", default: "8,32" },
    processes: { type: "string", default: "1,2" },
    users: { type: "string", default: "32,1" },
    profile: { type: "boolean", default: false },
  },
});
const list = (text: string) => text.split(",").map((v) => Number(v.trim())).filter((n) => Number.isInteger(n) && n > 0);
const SECONDS = Number(args.seconds);
const WARMUP_SECONDS = Number(args.warmup);
const CONCURRENCY = list(args.concurrency!);
const PROCESSES = args.profile ? [1] : list(args.processes!);
const USERS = args.profile ? [32] : list(args.users!);
const TARGET = { perSecond: 500, p99Ms: 50 };

/** A 2.5-second two-scene script at 480p: what tests submit (tests/renderer/fixtures.ts `shortScript`). */
const BODY = JSON.stringify({
  template: "minidrama",
  script: {
    title: "Short",
    characters: [{ id: "ana", name: "Ana", color: "#f43f5e" }],
    scenes: [
      { id: "one", background: { type: "color", value: "#2563eb" }, lines: [{ speaker: "ana", text: "Hello there, friend!", durationSec: 1 }] },
      { id: "two", transition: "fade", background: { type: "gradient", colors: ["#111827", "#7c3aed"] }, lines: [{ speaker: "narrator", text: "And then it ended.", durationSec: 1.5 }] },
    ],
  },
  outputs: [{ format: "mp4", resolution: "480p" }],
});

type Row = { processes: number; users: number; concurrency: number; seconds: number; requests: number; perSecond: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number; serverCpuMs: number; errors: number; errorKinds: Record<string, number>; errorSample: string | null };

/** One keep-alive POST; resolves with the status and body text. */
const post = (agent: http.Agent, url: URL, pathname: string, body: string, headers: Record<string, string>) =>
  new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request({ agent, host: url.hostname, port: url.port, path: pathname, method: "POST", headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });

type Server = { url: URL; child: ChildProcess; log: string; stop(): Promise<void> };

/** CPU seconds (user + system) used so far by a process and its children still running (a cluster's workers), from /proc. */
const treeCpuSeconds = (pid: number): number => {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(entry) === pid || Number(fields[1]) === pid) total += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // The process ended while we read.
    }
  }
  return total;
};

/** `npm run server` with API_PROCESSES processes, no worker, logging at info into a file. */
const startServer = async (options: { processes: number; env: Record<string, string>; dir: string; nodeArgs: string[] }): Promise<Server> => {
  const log = path.join(options.dir, `server-${options.processes}.log`);
  const fd = openSync(log, "w");
  const child = spawn(process.execPath, [...options.nodeArgs, "--import", "tsx", "server/main.ts"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...options.env, API_PROCESSES: String(options.processes) },
    stdio: ["ignore", fd, fd],
  });
  closeSync(fd);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 60_000;
  let url: URL | null = null;
  while (!url) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${readFileSync(log, "utf8")}`);
    if (Date.now() > deadline) throw new Error(`server did not start within 60 s:\n${readFileSync(log, "utf8")}`);
    const text = readFileSync(log, "utf8");
    const ready = /listening on (http:\/\/\S+)/.exec(text);
    if (ready) url = new URL(ready[1]!);
    else await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    child,
    log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const killer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
};

/** Registers `count` users (their limits are the env's TIERS) and makes each an API key with renders:write. */
const makeKeys = async (server: Server, count: number): Promise<string[]> => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const call = async (pathname: string, body: unknown, headers: Record<string, string> = {}) => {
    const res = await post(agent, server.url, pathname, JSON.stringify(body), headers);
    if (res.status >= 300) throw new Error(`${pathname} answered ${res.status}: ${res.text}`);
    return JSON.parse(res.text) as Record<string, unknown>;
  };
  const keys = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const email = `bench${i}-${randomUUID()}@example.com`;
      const password = "correct horse battery staple";
      await call("/v1/auth/register", { email, password });
      const { accessToken } = await call("/v1/auth/login", { email, password });
      const { key } = await call("/v1/api-keys", { name: "bench", scopes: ["renders:write", "renders:read"] }, { authorization: `Bearer ${accessToken as string}` });
      return key as string;
    }),
  );
  agent.destroy();
  return keys;
};

/** `concurrency` clients, each sending one request after another on its own keep-alive connection, for `seconds`. */
const load = async (server: Server, keys: string[], concurrency: number, seconds: number) => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let errorSample: string | null = null;
  const errorKinds: Record<string, number> = {};
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  const cpuBefore = treeCpuSeconds(server.child.pid!);
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      const headers = { authorization: `Bearer ${keys[client % keys.length]!}` };
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const res = await post(agent, server.url, "/v1/renders", BODY, headers);
          if (res.status === 202) latencies.push(performance.now() - t0);
          else {
            errors++;
            const code = /"code":"(\w+)"/.exec(res.text)?.[1] ?? "";
            errorKinds[`${res.status} ${code}`] = (errorKinds[`${res.status} ${code}`] ?? 0) + 1;
            errorSample ??= `${res.status} ${res.text.slice(0, 200)}`;
          }
        } catch (error) {
          errors++;
          const kind = (error as NodeJS.ErrnoException).code ?? String(error);
          errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
          errorSample ??= String(error);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const cpuMsPerRequest = ((treeCpuSeconds(server.child.pid!) - cpuBefore) * 1000) / Math.max(1, latencies.length + errors);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { seconds: elapsed, requests: latencies.length, perSecond: latencies.length / elapsed, p50Ms: at(0.5), p90Ms: at(0.9), p99Ms: at(0.99), maxMs: latencies.at(-1) ?? NaN, serverCpuMs: cpuMsPerRequest, errors, errorKinds, errorSample };
};

/** The hottest functions of a `.cpuprofile` by self time. */
const topFunctions = (file: string, count: number) => {
  const profile = JSON.parse(readFileSync(file, "utf8")) as { nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[]; samples: number[]; timeDeltas: number[] };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byName = new Map<string, number>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${url.replace(/^file:\/\//, "").replace(`${PROJECT_ROOT}/`, "")}:${lineNumber + 1}` : "";
    const name = `${functionName || "(anonymous)"} ${where}`;
    byName.set(name, (byName.get(name) ?? 0) + (self.get(node.id) ?? 0));
  }
  const total = [...byName.values()].reduce((a, b) => a + b, 0);
  return [...byName.entries()].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, us]) => ({ name, percent: (100 * us) / total }));
};

await ensureLocalServices();
const work = mkdtempSync(path.join(os.tmpdir(), "reelgen-bench-api-"));
const prefix = `bench-${randomUUID()}`;
const rows: Row[] = [];
const redis = new Redis(REDIS_TEST_URL);
let profileTop: { name: string; percent: number }[] | null = null;
let check: { accepted: number; rows: number; jobs: number; reservedSeconds: number } | null = null;
let accepted = 0;
const db = await createTestDatabase();
try {
  const env = {
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: path.join(work, "data"),
    DATABASE_URL: db.url,
    REDIS_URL: REDIS_TEST_URL,
    REDIS_PREFIX: prefix,
    START_WORKER: "0",
    LOG_LEVEL: "info",
    JWT_SECRET: "bench-secret-bench-secret-bench-secret-0123",
    ANONYMOUS_REQUESTS_PER_MINUTE: "100000",
    // Room for tens of thousands of submissions a minute per user: the bench measures the API, not the limits.
    // Every tier: the first user to register becomes the admin.
    TIERS: JSON.stringify(Object.fromEntries(["standard", "premium", "admin"].map((tier) => [tier, { requestsPerMinute: 10_000_000, renderMinutesPerMonth: 10_000_000 }]))),
  };
  const keysNeeded = Math.max(...USERS);
  let keys: string[] | null = null;
  for (const processes of PROCESSES) {
    const profileDir = path.join(work, "profile");
    const server = await startServer({ processes, env, dir: work, nodeArgs: args.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [] });
    try {
      keys ??= await makeKeys(server, keysNeeded);
      // Every way of spreading the load on the first configuration; the most users on the others.
      for (const users of processes === PROCESSES[0] ? USERS : [Math.max(...USERS)]) {
        for (const concurrency of CONCURRENCY) {
          // Warm-up: JIT, the pool's connections, the voice list.
          accepted += (await load(server, keys.slice(0, users), concurrency, WARMUP_SECONDS)).requests;
          const measured = await load(server, keys.slice(0, users), concurrency, args.profile ? Math.min(SECONDS, 5) : SECONDS);
          accepted += measured.requests;
          const row = { processes, users, concurrency, ...measured };
          rows.push(row);
          console.log(
            `  ${processes} proc  ${String(users).padStart(2)} user(s)  c=${String(concurrency).padStart(2)}  ${row.perSecond.toFixed(0).padStart(5)}/s  p50 ${row.p50Ms.toFixed(1)} ms  p99 ${row.p99Ms.toFixed(1)} ms  server CPU ${row.serverCpuMs.toFixed(2)} ms/req  errors ${row.errors}${row.errorSample ? ` (${row.errorSample})` : ""}`,
          );
        }
      }
    } finally {
      await server.stop();
    }
    if (args.profile) {
      const files = readdirSync(profileDir).filter((f) => f.endsWith(".cpuprofile"));
      if (process.env.BENCH_KEEP_PROFILE) writeFileSync(process.env.BENCH_KEEP_PROFILE, readFileSync(path.join(profileDir, files[0]!)));
      profileTop = topFunctions(path.join(profileDir, files[0]!), 40);
      console.log("\nServer CPU profile, self time:");
      for (const f of profileTop) console.log(`  ${f.percent.toFixed(1).padStart(5)}%  ${f.name}`);
    }
  }
  // Every 202 made one render row, one queued job and its reservation.
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const count = Number((await client.query("select count(*) as n from renders")).rows[0].n);
    const reserved = Number((await client.query("select coalesce(sum(reserved_seconds), 0) as s from quota_usage")).rows[0].s);
    const jobs = await redis.llen(`${prefix}:renders:wait`);
    check = { accepted, rows: count, jobs, reservedSeconds: reserved };
  } finally {
    await client.end();
  }
} finally {
  // Its queue and every other key under its prefix (rate limits), then its database.
  let cursor = "0";
  do {
    const [next, found] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    if (found.length) await redis.unlink(...found);
    cursor = next;
  } while (cursor !== "0");
  redis.disconnect();
  await db.drop();
  rmSync(work, { recursive: true, force: true });
}

console.log(`\nLoad average now ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} on ${os.cpus().length} CPUs (other work on the machine lowers these figures)`);
console.log(`POST /v1/renders on loopback (PostgreSQL + Redis, no worker), ${SECONDS} s per row after ${WARMUP_SECONDS} s warm-up; target ≥ ${TARGET.perSecond}/s with p99 < ${TARGET.p99Ms} ms`);
console.log("  processes  users  clients   req/s    p50 ms   p99 ms   server CPU ms/req   errors");
for (const r of rows) {
  const met = r.perSecond >= TARGET.perSecond && r.p99Ms < TARGET.p99Ms ? "  ✓" : "";
  console.log(`  ${String(r.processes).padStart(9)}  ${String(r.users).padStart(5)}  ${String(r.concurrency).padStart(7)}  ${r.perSecond.toFixed(0).padStart(6)}  ${r.p50Ms.toFixed(1).padStart(8)}  ${r.p99Ms.toFixed(1).padStart(7)}  ${r.serverCpuMs.toFixed(2).padStart(17)}  ${String(r.errors).padStart(7)}${met}${r.errors ? `  (${Object.entries(r.errorKinds).map(([k, n]) => `${n}× ${k}`).join(", ")})` : ""}`);
}
if (check) {
  const ok = check.accepted === check.rows && check.rows === check.jobs;
  console.log(`  check: ${check.accepted} accepted, ${check.rows} render rows, ${check.jobs} queued jobs, ${(check.reservedSeconds / 60).toFixed(1)} render-minutes reserved${ok ? "" : "  MISMATCH"}`);
}
if (args.profile) process.exit(0);
const resultsDir = path.join(PROJECT_ROOT, "bench", "results");
mkdirSync(resultsDir, { recursive: true });
writeFileSync(
  path.join(resultsDir, "api-throughput.json"),
  `${JSON.stringify({ bench: "api-throughput", at: new Date().toISOString(), cpus: os.cpus().length, loadAverageAfter: os.loadavg(), node: process.version, target: TARGET, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, rows, check, profileTop }, null, 2)}\n`,
);

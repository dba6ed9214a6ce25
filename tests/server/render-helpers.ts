import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { createParser, type EventSourceMessage } from "eventsource-parser";
import { PROJECT_ROOT } from "../../renderer/project-paths";
import { shortScript } from "../renderer/fixtures";
import { descendants } from "../process-tree";
import type { TestServer } from "./harness";
import { REDIS_TEST_URL } from "./services";

/** A 2.5-second script; at 480p it renders in a few seconds. */
export const renderScript = (overrides: Record<string, unknown> = {}) => shortScript(overrides);
export const SCRIPT_SECONDS = 2.5;
/** What it costs in render-seconds as one 480p MP4: 2.5 s × 0.25 (frames smaller than 1080p weigh at least a quarter; see `renderCost`). */
export const SCRIPT_COST = 0.625;

export const renderBody = (overrides: Record<string, unknown> = {}) => ({
  template: "minidrama",
  script: renderScript(),
  outputs: [{ format: "mp4", resolution: "480p" }],
  ...overrides,
});

/** Reads a Server-Sent Events stream until `until` says stop (or the stream ends). */
export const readEvents = async (url: string, headers: Record<string, string>, until: (e: EventSourceMessage) => boolean, timeoutMs = 120_000): Promise<EventSourceMessage[]> => {
  const events: EventSourceMessage[] = [];
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`no end of events within ${timeoutMs} ms: ${JSON.stringify(events.map((e) => e.event))}`)), timeoutMs);
  try {
    const res = await fetch(url, { headers, signal: controller.signal });
    if (res.status !== 200) throw new Error(`events answered ${res.status}: ${await res.text()}`);
    let done = false;
    const parser = createParser({
      onEvent: (e) => {
        events.push(e);
        if (until(e)) done = true;
      },
    });
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      parser.feed(decoder.decode(chunk, { stream: true }));
      if (done) break;
    }
    return events;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
};

export type ReceivedWebhook = { headers: http.IncomingHttpHeaders; body: string };

/** A loopback webhook receiver that answers 204 and records what it got. */
export const startReceiver = async () => {
  const received: ReceivedWebhook[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, close: () => new Promise<void>((r) => server.close(() => r())) };
};

/** `npm run worker` as a child process with the given environment. */
/**
 * A stopped render's encoder (and speech engine) have exited and its browser tabs are closed. The
 * worker's browser itself stays open for the next render (an idle one has one renderer process,
 * its blank start page).
 */
export const renderingStopped = async () => {
  const procs = descendants(process.pid);
  return !procs.some((p) => /ffmpeg|remotion|espeak|festival|text2wave|flite|sox|fluidsynth/i.test(p.cmd)) && procs.filter((p) => /chrom/i.test(p.cmd) && p.cmd.includes("--type=renderer")).length <= 1;
};

/** The environment of a `npm run worker` sharing this test server's database, Redis prefix and storage. */
export const workerEnv = (server: TestServer, extra: Record<string, string> = {}) => ({
  DATABASE_URL: server.ctx.config.DATABASE_URL!,
  REDIS_URL: REDIS_TEST_URL,
  REDIS_PREFIX: server.ctx.config.REDIS_PREFIX,
  DATA_DIR: server.dataDir,
  JWT_SECRET: "test-secret-test-secret-test-secret-0123",
  LOG_LEVEL: "warn",
  ...extra,
});

export const spawnWorker = (env: Record<string, string>): ChildProcess & { output: () => string } => {
  const child = spawn(process.execPath, ["--import", "tsx", "server/worker-main.ts"], { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (c) => (output += c));
  child.stderr!.on("data", (c) => (output += c));
  return Object.assign(child, { output: () => output });
};

export const waitFor = async <T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 120_000, everyMs = 200): Promise<T> => {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
};

/** A completed render of `userId` with one output `mp4` holding `bytes`, written straight to the database and storage (no worker needed). */
export const storeCompletedRender = async (server: TestServer, userId: string, bytes: Uint8Array): Promise<string> => {
  const id = randomUUID();
  await server.ctx.storage.put(`renders/${id}/mp4.mp4`, bytes);
  await server.ctx.db
    .insertInto("renders")
    .values({
      id,
      user_id: userId,
      batch_id: null,
      project_id: null,
      template: "minidrama",
      script: JSON.stringify(renderScript()),
      outputs: JSON.stringify([{ name: "mp4", format: "mp4", file: "mp4.mp4" }]),
      status: "completed",
      progress: 1,
      result: JSON.stringify({ outputs: [{ name: "mp4", file: "mp4.mp4", format: "mp4", bytes: bytes.length, durationSec: 1, width: 480, height: 854 }] }),
      error: null,
      used_seconds: 1,
      idempotency_key: null,
      request_hash: null,
      finished_at: new Date(),
    })
    .execute();
  return id;
};

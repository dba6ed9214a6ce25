import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chownSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ReelgenError } from "../../script/reelgen-error";
import { unavailableError } from "../../server/db/unavailable-error";
import { serializeError } from "../../server/serialize-error";
import { startTestServer, type TestServer, type TestUser } from "./harness";
import { renderScript } from "./render-helpers";
import { ensureLocalServices } from "./services";
import { mountSmallFilesystem, type SmallFilesystem } from "./small-filesystem";

const POSTGRES_ADMIN = "postgres://postgres@127.0.0.1:5432/test";

const admin = async (statement: string) => {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
};

/** Lines the server logged, parsed. */
const captureLogs = () => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { lines, logger: pino({ level: "info" }, stream) };
};

// A disk that fills up is the machine's state, not the caller's mistake and not a bug: the save
// is refused with 503 and Retry-After, nothing is half-written, and the log says so in one short
// line (it used to be a 500 and a 3.3 MB line holding the statement and the whole script).
describe.each(["pglite", "postgres"] as const)("a full disk on %s", (database) => {
  let fs: SmallFilesystem;
  let s: TestServer;
  let user: TestUser;
  let logs: ReturnType<typeof captureLogs>;
  const tablespace = `reelgen_small_${randomBytes(6).toString("hex")}`;

  beforeAll(async () => {
    await ensureLocalServices();
    // PGlite keeps its whole cluster (about 40 MB) in DATA_DIR; PostgreSQL only the test database's files, in a tablespace.
    fs = await mountSmallFilesystem({ megabytes: database === "pglite" ? 96 : 48 });
    logs = captureLogs();
    if (database === "pglite") {
      s = await startTestServer({ env: { DATA_DIR: fs.dir }, logger: logs.logger });
    } else {
      const location = path.join(fs.dir, "tablespace");
      mkdirSync(location);
      const postgresUser = execFileSync("id", ["-u", "postgres"]).toString().trim();
      chownSync(location, Number(postgresUser), Number(postgresUser));
      await admin(`CREATE TABLESPACE ${tablespace} LOCATION '${location}'`);
      await admin(`CREATE DATABASE ${tablespace} TABLESPACE ${tablespace}`);
      s = await startTestServer({ env: { DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${tablespace}` }, logger: logs.logger });
    }
    user = await s.user();
  });
  afterAll(async () => {
    await s?.close();
    if (database === "postgres") {
      await admin(`DROP DATABASE IF EXISTS ${tablespace} WITH (FORCE)`);
      await admin(`DROP TABLESPACE IF EXISTS ${tablespace}`);
    }
    await fs?.unmount();
  });

  it("refuses a project save with 503 SERVICE_UNAVAILABLE and Retry-After, saves nothing, logs one short line, and saves again once there is room", async () => {
    const created = await s.api("/v1/projects", { headers: user.auth, body: { name: "full disk", template: "minidrama", script: renderScript() } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    // Random text does not compress, so every save needs new pages on disk.
    const options = () => ({ notes: randomBytes(45_000).toString("base64") });
    expect(fs.fill()).toBeGreaterThan(0);

    let refused: Awaited<ReturnType<TestServer["api"]>> | null = null;
    let sent: ReturnType<typeof options> | null = null;
    // The first save may still fit in pages the database had already allocated.
    for (let attempt = 0; attempt < 20 && !refused; attempt++) {
      sent = options();
      const res = await s.api(`/v1/projects/${id}`, { method: "PUT", headers: user.auth, body: { script: renderScript(), options: sent, message: `try ${attempt}` } });
      if (res.status !== 201) refused = res;
    }
    expect(refused, "no save failed on the full disk").not.toBeNull();
    expect(refused!.status, JSON.stringify(refused!.body.error)).toBe(503);
    expect(refused!.headers.get("retry-after")).toBe("60");
    expect(refused!.body.error).toEqual({ code: "SERVICE_UNAVAILABLE", message: "the server is out of storage space; try again later", requestId: refused!.headers.get("x-request-id") });

    // Nothing half-written: the latest version is the last one that was saved, and it is whole.
    const project = await s.api(`/v1/projects/${id}`, { headers: user.auth });
    expect(project.status).toBe(200);
    const latest = project.body.latestVersion as number;
    const versions = await s.api(`/v1/projects/${id}/versions?limit=100`, { headers: user.auth });
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual(Array.from({ length: latest }, (_, i) => latest - i));
    expect(project.body.latest.options).not.toEqual(sent);

    // The log: one short line for the failure, with the SQLSTATE, never the statement or the values.
    const requestId = refused!.headers.get("x-request-id")!;
    const lines = logs.lines.filter((line) => line.includes(requestId));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.length).toBeLessThan(4096);
      expect(line).not.toMatch(/insert into|project_versions/i);
      expect(line).not.toContain(sent!.notes.slice(0, 200));
    }
    const failed = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === "request failed");
    expect(failed.err).toMatchObject({ code: "53100", message: expect.stringMatching(/No space left on device/) });
    expect(Object.keys(failed.err).sort()).toEqual(expect.arrayContaining(["type", "message", "code"]));
    expect(failed.err).not.toHaveProperty("query");
    expect(failed.err).not.toHaveProperty("params");

    fs.free();
    const again = await s.api(`/v1/projects/${id}`, { method: "PUT", headers: user.auth, body: { script: renderScript(), options: options(), message: "after" } });
    expect(again.status, JSON.stringify(again.body.error)).toBe(201);
    expect(again.body.latestVersion).toBe(latest + 1);
  });
});

// The same mapping and log shape for the raw errors, captured for real on a full tmpfs: Node's
// ENOSPC (uploads, storage) and PGlite's own error object, which carries the statement and its
// parameters as properties.
describe("the errors a full disk raises", () => {
  let fs: SmallFilesystem;
  let db: PGlite;
  beforeAll(async () => {
    fs = await mountSmallFilesystem({ megabytes: 64 });
    db = await PGlite.create(path.join(fs.dir, "pglite"));
    await db.exec("create table notes (body jsonb)");
    fs.fill();
  });
  afterAll(async () => {
    await db?.close();
    await fs?.unmount();
  });

  it("maps Node's ENOSPC and PGlite's 53100, also as a cause, to 503 SERVICE_UNAVAILABLE with Retry-After", async () => {
    const fsError = (() => {
      try {
        writeFileSync(path.join(fs.dir, "more"), randomBytes(1024 * 1024));
      } catch (error) {
        return error;
      }
    })();
    expect(fsError).toMatchObject({ code: "ENOSPC" });
    const value = JSON.stringify({ notes: randomBytes(1024 * 1024).toString("base64") });
    const dbError = await db.query("insert into notes (body) values ($1)", [value]).then(
      () => null,
      (error: unknown) => error,
    );
    expect(dbError).toMatchObject({ code: "53100", query: expect.stringMatching(/insert into notes/), params: [value] });

    for (const error of [fsError, dbError, new Error("saving failed", { cause: dbError })]) {
      const mapped = unavailableError(error);
      expect(mapped).toBeInstanceOf(ReelgenError);
      expect(mapped).toMatchObject({ code: "SERVICE_UNAVAILABLE", status: 503, retryAfterSeconds: 60, message: "the server is out of storage space; try again later" });
    }
    expect(unavailableError(new Error("something else"))).toBeNull();

    // What the log keeps of it: a few hundred characters, not the megabyte of parameters.
    const logged = JSON.stringify(serializeError(new Error("saving failed", { cause: dbError })));
    expect(logged.length).toBeLessThan(4096);
    expect(logged).not.toMatch(/insert into|notes \(body\)/);
    expect(logged).not.toContain(value.slice(2, 200));
    expect(JSON.parse(logged)).toMatchObject({ type: "Error", message: "saving failed", cause: { code: "53100", message: expect.stringMatching(/No space left on device/) } });
  });
});

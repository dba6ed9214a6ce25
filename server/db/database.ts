import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { Kysely, Migrator, PostgresDialect, type Migration } from "kysely";
import { PGliteDialect } from "kysely-pglite-dialect";
import pg from "pg";
import * as initial from "./migrations/0001-initial";
import * as shares from "./migrations/0002-shares";
import type { Tables } from "./tables";

export type Database = Kysely<Tables>;

/** Versioned migrations, in order. Add a file under `migrations/` and a line here; never edit a shipped one. */
const MIGRATIONS: Record<string, Migration> = {
  "0001-initial": initial,
  "0002-shares": shares,
};

/**
 * Opens the database: PostgreSQL when `databaseUrl` is set, otherwise PGlite (embedded
 * PostgreSQL, one process) in `<dataDir>/pglite`; then brings the schema up to date. Both speak
 * the same SQL, so the queries are one code path.
 */
export const openDatabase = async (options: { databaseUrl: string | null; dataDir: string | null; onError?: (error: Error) => void }): Promise<Database> => {
  const db = new Kysely<Tables>({ dialect: await dialectFor(options) });
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
};

const dialectFor = async ({ databaseUrl, dataDir, onError }: { databaseUrl: string | null; dataDir: string | null; onError?: (error: Error) => void }) => {
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: 10_000 });
    // An idle connection dropped by the server (restart, failover) is reported here; without a
    // listener Node would treat it as an uncaught error and stop the process.
    pool.on("error", (error) => onError?.(error));
    return new PostgresDialect({ pool });
  }
  // In memory when there is no data folder (tests); otherwise on disk.
  let dir: string | undefined;
  if (dataDir) {
    dir = path.join(dataDir, "pglite");
    await mkdir(dir, { recursive: true });
  }
  const pglite = await PGlite.create(dir);
  return new PGliteDialect(pglite);
};

export const migrateToLatest = async (db: Database): Promise<void> => {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: "reelgen_migrations",
    migrationLockTableName: "reelgen_migrations_lock",
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error) throw new Error(`database migration ${failed?.migrationName ?? ""} failed: ${(error as Error).message ?? error}`, { cause: error });
};

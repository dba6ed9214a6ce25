import { randomUUID } from "node:crypto";
import jsonPatch from "fast-json-patch";
import { sql, type Transaction } from "kysely";
import { checkRenderInput } from "../../renderer/index";
import { scriptInputError } from "../http/script-input-error";
import { refuseOversizedScript } from "../renders/count-json-values";
import { ReelgenError, type Problem } from "../../script/reelgen-error";
import type { ServerContext } from "../context";
import type { Tables, User } from "../db/tables";
import { containsPattern } from "../db/contains-pattern";
import { afterListCursor, toListPage } from "../http/list-cursor";
import { enforceUserLimit, limitExceeded } from "../quotas/enforce-user-limit";

/** Largest `options` object, as UTF-8 JSON. */
export const MAX_OPTIONS_BYTES = 64 * 1024;

/** One saved version: the content is immutable once written. */
export type ProjectVersionView = {
  projectId: string;
  version: number;
  template: string;
  script: Record<string, unknown>;
  options: Record<string, unknown>;
  message: string | null;
  createdAt: string;
};

/** A version in a history listing: no script, just enough to tell versions apart. */
export type ProjectVersionSummaryView = {
  version: number;
  template: string;
  message: string | null;
  createdAt: string;
  summary: { title: string | null; scenes: number; lines: number; optionsBytes: number };
};

export type ProjectSummaryView = { id: string; name: string; template: string; latestVersion: number; createdAt: string; updatedAt: string };

/** A project with its latest version. */
export type ProjectView = ProjectSummaryView & { latest: ProjectVersionView };

export type PatchOperation = { op: string; path: string; value?: unknown; from?: string };

export type ProjectDiffView = {
  from: number;
  to: number;
  /** RFC 6902 operations turning version `from`'s `{ template, script, options }` into version `to`'s. */
  patch: PatchOperation[];
  summary: { added: number; removed: number; replaced: number };
};

export type CreateProjectInput = { name: string; template: string; script: unknown; options?: Record<string, unknown>; message?: string };

export type SaveProjectInput = {
  script?: unknown;
  template?: string;
  options?: Record<string, unknown>;
  name?: string;
  message?: string;
  /** The version the caller edited; when it is no longer the latest, the save is a CONFLICT. */
  baseVersion?: number;
};

type ProjectRow = { id: string; name: string; template: string; latest_version: number; created_at: Date; updated_at: Date };
type VersionRow = { project_id: string; version: number; template: string; script: unknown; options: Record<string, unknown>; message: string | null; created_at: Date };
type Content = { template: string; script: unknown; options: Record<string, unknown> };

const summaryView = (row: ProjectRow): ProjectSummaryView => ({
  id: row.id,
  name: row.name,
  template: row.template,
  latestVersion: row.latest_version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString(),
});

const versionView = (row: VersionRow): ProjectVersionView => ({
  projectId: row.project_id,
  version: row.version,
  template: row.template,
  script: row.script as Record<string, unknown>,
  options: row.options,
  message: row.message,
  createdAt: row.created_at.toISOString(),
});

const validationFailed = (problems: Problem[]) =>
  new ReelgenError({ code: "VALIDATION_FAILED", message: `invalid project: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems });

/**
 * Checks a script against its template pack, reporting problems as request paths
 * (`body.script.scenes[0].lines[0].speaker`, `body.template`) like the render routes do.
 */
const checkScript = (script: unknown, template: string): void => {
  refuseOversizedScript(script, "body.script");
  try {
    checkRenderInput(script, template);
  } catch (error) {
    throw scriptInputError(error) ?? error;
  }
};

const checkOptionsSize = (options: Record<string, unknown> | undefined): void => {
  if (options && Buffer.byteLength(JSON.stringify(options)) > MAX_OPTIONS_BYTES) {
    throw validationFailed([{ path: "body.options", message: `must be at most ${MAX_OPTIONS_BYTES} bytes of JSON` }]);
  }
};

const notFound = (id: string) => new ReelgenError({ code: "NOT_FOUND", message: `project ${id} not found` });

/**
 * Projects: a named script + template + options owned by one user, saved as a history of
 * immutable, numbered versions. Saving, and rolling back, append a version; nothing rewrites one.
 * Another user's project is NOT_FOUND (never FORBIDDEN), so ids do not leak.
 *
 * Scripts are stored as sent (after validation), not normalized, so a project reads back — and
 * diffs — as its author wrote it; renders validate and fill defaults again.
 */
export const createProjectService = (ctx: ServerContext) => {
  const { db } = ctx;

  const owned = async (user: User, id: string): Promise<ProjectRow> => {
    const row = await db.selectFrom("projects").selectAll().where("id", "=", id).where("user_id", "=", user.id).executeTakeFirst();
    if (!row) throw notFound(id);
    return row;
  };

  const versionRow = async (trx: Transaction<Tables> | typeof db, id: string, version: number): Promise<VersionRow> => {
    const row = await trx.selectFrom("project_versions").selectAll().where("project_id", "=", id).where("version", "=", version).executeTakeFirst();
    if (!row) throw new ReelgenError({ code: "NOT_FOUND", message: `project ${id} has no version ${version}` });
    return row;
  };

  /**
   * Appends version N+1. The `update … set latest_version = latest_version + 1 … returning`
   * takes the project's row lock, so concurrent saves queue behind each other and each gets its
   * own number; the previous version is read after that, under the lock, so no save is lost.
   * Past the tier's `maxProjectVersions` the save is refused (the count is the version number).
   */
  const appendVersion = async (
    user: User,
    id: string,
    options: { baseVersion?: number; name?: string; template?: string; message: string | null },
    contentOf: (previous: VersionRow, trx: Transaction<Tables>) => Promise<Content>,
  ): Promise<ProjectView> =>
    db.transaction().execute(async (trx) => {
      let update = trx
        .updateTable("projects")
        .set((eb) => ({
          latest_version: eb("latest_version", "+", 1),
          updated_at: new Date(),
          ...(options.name !== undefined ? { name: options.name } : {}),
          ...(options.template !== undefined ? { template: options.template } : {}),
        }))
        .where("id", "=", id)
        .where("user_id", "=", user.id);
      if (options.baseVersion !== undefined) update = update.where("latest_version", "=", options.baseVersion);
      const project = await update.returningAll().executeTakeFirst();
      if (!project) {
        const current = await trx.selectFrom("projects").select("latest_version").where("id", "=", id).where("user_id", "=", user.id).executeTakeFirst();
        if (!current) throw notFound(id);
        throw new ReelgenError({
          code: "CONFLICT",
          message: `project ${id} is at version ${current.latest_version}, not ${options.baseVersion}; load the latest version and apply your changes to it`,
        });
      }
      // The update above holds the project's row lock, so the number is exact: no two saves both pass at the limit.
      if (project.latest_version > ctx.config.TIERS[user.role].maxProjectVersions) {
        throw limitExceeded({ config: ctx.config, role: user.role, limit: "maxProjectVersions" });
      }
      const previous = await versionRow(trx, id, project.latest_version - 1);
      const content = await contentOf(previous, trx);
      const row = await trx
        .insertInto("project_versions")
        .values({
          project_id: id,
          version: project.latest_version,
          template: content.template,
          script: JSON.stringify(content.script),
          options: JSON.stringify(content.options),
          message: options.message,
          created_at: project.updated_at,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { ...summaryView(project), latest: versionView(row) };
    });

  const get = async (user: User, id: string): Promise<ProjectView> => {
    const project = await owned(user, id);
    return { ...summaryView(project), latest: versionView(await versionRow(db, id, project.latest_version)) };
  };

  return {
    /** Creates a project at version 1 after validating the script against the template; at most the tier's `maxProjects`. */
    async create(user: User, input: CreateProjectInput): Promise<ProjectView> {
      checkOptionsSize(input.options);
      checkScript(input.script, input.template);
      const id = randomUUID();
      // Set here, not by the database: list cursors carry JavaScript (millisecond) dates.
      const now = new Date();
      return db.transaction().execute(async (trx) => {
        await enforceUserLimit(trx, {
          user,
          config: ctx.config,
          limit: "maxProjects",
          used: async (t) => Number((await t.selectFrom("projects").select((eb) => eb.fn.countAll<string>().as("count")).where("user_id", "=", user.id).executeTakeFirstOrThrow()).count),
        });
        const project = await trx
          .insertInto("projects")
          .values({ id, user_id: user.id, name: input.name, template: input.template, latest_version: 1, created_at: now, updated_at: now })
          .returningAll()
          .executeTakeFirstOrThrow();
        const version = await trx
          .insertInto("project_versions")
          .values({
            project_id: id,
            version: 1,
            template: input.template,
            script: JSON.stringify(input.script),
            options: JSON.stringify(input.options ?? {}),
            message: input.message ?? null,
            created_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        return { ...summaryView(project), latest: versionView(version) };
      });
    },

    /** The user's projects, newest first; keyset pagination on (created_at, id); `q`: only names containing it (case-insensitive). */
    async list(user: User, options: { q?: string; cursor?: string; limit: number }): Promise<{ projects: ProjectSummaryView[]; nextCursor: string | null }> {
      let query = db.selectFrom("projects").selectAll().where("user_id", "=", user.id);
      if (options.q) query = query.where(sql<boolean>`name ilike ${containsPattern(options.q)}`);
      if (options.cursor) query = query.where(afterListCursor(options.cursor));
      const rows = await query.orderBy("created_at", "desc").orderBy("id", "desc").limit(options.limit + 1).execute();
      const { page, nextCursor } = toListPage(rows, options.limit);
      return { projects: page.map(summaryView), nextCursor };
    },

    get,

    /**
     * Saves version N+1. Fields left out are carried over from version N; the script (new or
     * carried over) is validated against the template (new or carried over). Only `name` given:
     * the project is renamed and no version is added (`created: false`).
     */
    async save(user: User, id: string, input: SaveProjectInput): Promise<{ project: ProjectView; created: boolean }> {
      checkOptionsSize(input.options);
      if (input.script === undefined && input.template === undefined && input.options === undefined) {
        if (input.name === undefined) throw validationFailed([{ path: "body", message: "give at least one of script, template, options or name" }]);
        let update = db.updateTable("projects").set({ name: input.name, updated_at: new Date() }).where("id", "=", id).where("user_id", "=", user.id);
        if (input.baseVersion !== undefined) update = update.where("latest_version", "=", input.baseVersion);
        const renamed = await update.returning("id").executeTakeFirst();
        if (!renamed) {
          const project = await owned(user, id);
          throw new ReelgenError({ code: "CONFLICT", message: `project ${id} is at version ${project.latest_version}, not ${input.baseVersion}` });
        }
        return { project: await get(user, id), created: false };
      }
      // Validate what can be validated before taking the lock; the rest needs version N.
      if (input.script !== undefined && input.template !== undefined) checkScript(input.script, input.template);
      const project = await appendVersion(user, id, { baseVersion: input.baseVersion, name: input.name, template: input.template, message: input.message ?? null }, async (previous) => {
        const content = {
          template: input.template ?? previous.template,
          script: input.script ?? previous.script,
          options: input.options ?? previous.options,
        };
        if (input.script === undefined || input.template === undefined) checkScript(content.script, content.template);
        return content;
      });
      return { project, created: true };
    },

    /** The version history, newest first, without scripts; keyset pagination on the version number. */
    async versions(user: User, id: string, options: { cursor?: string; limit: number } = { limit: 50 }): Promise<{ versions: ProjectVersionSummaryView[]; nextCursor: string | null }> {
      await owned(user, id);
      let before: number | null = null;
      if (options.cursor) {
        before = parseVersionNumber(options.cursor);
        if (before === null) throw new ReelgenError({ code: "VALIDATION_FAILED", message: "cursor is not one this API returned", problems: [{ path: "query.cursor", message: "invalid cursor" }] });
      }
      let query = db
        .selectFrom("project_versions")
        .select(["version", "template", "message", "created_at"])
        .select([
          sql<string | null>`script->>'title'`.as("title"),
          // Validated scripts have these arrays; the guards keep one odd row from failing the list.
          sql<number>`(case when jsonb_typeof(script->'scenes') = 'array' then jsonb_array_length(script->'scenes') else 0 end)::int`.as("scenes"),
          sql<number>`(select coalesce(sum(case when jsonb_typeof(s->'lines') = 'array' then jsonb_array_length(s->'lines') else 0 end), 0)::int
            from jsonb_array_elements(case when jsonb_typeof(script->'scenes') = 'array' then script->'scenes' else '[]'::jsonb end) as s)`.as("lines"),
          sql<number>`octet_length(options::text)::int`.as("options_bytes"),
        ])
        .where("project_id", "=", id);
      if (before !== null) query = query.where("version", "<", before);
      const rows = await query.orderBy("version", "desc").limit(options.limit + 1).execute();
      const page = rows.slice(0, options.limit);
      const last = page[page.length - 1];
      return {
        versions: page.map((r) => ({
          version: r.version,
          template: r.template,
          message: r.message,
          createdAt: r.created_at.toISOString(),
          summary: { title: r.title, scenes: Number(r.scenes), lines: Number(r.lines), optionsBytes: Number(r.options_bytes) },
        })),
        nextCursor: rows.length > options.limit && last ? String(last.version) : null,
      };
    },

    /** One version, with its script and options. */
    async version(user: User, id: string, version: number): Promise<ProjectVersionView> {
      await owned(user, id);
      return versionView(await versionRow(db, id, version));
    },

    /** RFC 6902 patch from version `from` to version `to` over `{ template, script, options }`. */
    async diff(user: User, id: string, from: number, to: number): Promise<ProjectDiffView> {
      await owned(user, id);
      const [a, b] = await Promise.all([versionRow(db, id, from), versionRow(db, id, to)]);
      const content = (v: VersionRow) => ({ template: v.template, script: v.script, options: v.options });
      const patch = jsonPatch.compare(content(a), content(b)) as PatchOperation[];
      const count = (op: string) => patch.filter((p) => p.op === op).length;
      return { from, to, patch, summary: { added: count("add"), removed: count("remove"), replaced: count("replace") } };
    },

    /**
     * Appends a version whose content (template, script, options) equals version `toVersion`:
     * history is never rewritten, so the rollback itself can be undone. The old content is
     * restored as it was, not validated again.
     */
    async rollback(user: User, id: string, toVersion: number, options: { message?: string; baseVersion?: number } = {}): Promise<ProjectView> {
      await owned(user, id);
      // Versions are immutable, so reading the target outside the save's transaction is safe.
      const target = await versionRow(db, id, toVersion);
      return appendVersion(
        user,
        id,
        { baseVersion: options.baseVersion, template: target.template, message: options.message ?? `Roll back to version ${toVersion}` },
        async () => ({ template: target.template, script: target.script, options: target.options }),
      );
    },

    /** Deletes a project and all its versions (renders made from it keep their own copy of the script). */
    async remove(user: User, id: string): Promise<void> {
      const result = await db.deleteFrom("projects").where("id", "=", id).where("user_id", "=", user.id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw notFound(id);
    },
  };
};

export type ProjectService = ReturnType<typeof createProjectService>;

/** Largest version number the `integer` column holds. */
const MAX_VERSION = 2_147_483_647;

/** A positive decimal integer that fits a version column, or `null`. */
export const parseVersionNumber = (text: string): number | null => {
  if (!/^[1-9]\d{0,9}$/.test(text)) return null;
  const n = Number(text);
  return n <= MAX_VERSION ? n : null;
};

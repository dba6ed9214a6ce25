import { z } from "zod";
import { ReelgenError } from "../../script/reelgen-error";
import { defineRoute } from "../http/define-route";
import { displayText } from "../http/display-text";
import { MAX_OPTIONS_BYTES, parseVersionNumber } from "../projects/project-service";
import { ErrorBody, uuidParam } from "./shapes";

const ProjectName = displayText(z.string().trim().min(1).max(200));
const TemplateId = z.string().min(1).max(100);
const Message = z.string().max(1000).describe("What changed, like a commit message");
const VersionNumber = z.number().int().min(1).max(2_147_483_647);
const ScriptObject = z.record(z.string(), z.unknown()).describe("A script; validated against the template's schema (GET /v1/templates/{id})");
const ProjectOptions = z
  .record(z.string(), z.unknown())
  .refine((o) => Buffer.byteLength(JSON.stringify(o)) <= MAX_OPTIONS_BYTES, { error: `must be at most ${MAX_OPTIONS_BYTES} bytes of JSON` })
  .describe("Free-form settings saved with the script, e.g. { outputs, voice, look }")
  .meta({ id: "ProjectOptions" });

const ProjectVersion = z
  .object({
    projectId: z.uuid(),
    version: z.number().int(),
    template: z.string(),
    script: z.record(z.string(), z.unknown()),
    options: z.record(z.string(), z.unknown()),
    message: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "ProjectVersion" });

const ProjectSummary = z
  .object({ id: z.uuid(), name: z.string(), template: z.string(), latestVersion: z.number().int(), createdAt: z.string(), updatedAt: z.string() })
  .meta({ id: "ProjectSummary" });

const Project = ProjectSummary.extend({ latest: ProjectVersion }).meta({ id: "Project" });

const ProjectVersionSummary = z
  .object({
    version: z.number().int(),
    template: z.string(),
    message: z.string().nullable(),
    createdAt: z.string(),
    summary: z.object({ title: z.string().nullable(), scenes: z.number().int(), lines: z.number().int(), optionsBytes: z.number().int() }),
  })
  .meta({ id: "ProjectVersionSummary" });

const ProjectDiff = z
  .object({
    from: z.number().int(),
    to: z.number().int(),
    patch: z
      .array(z.object({ op: z.string(), path: z.string(), value: z.unknown().optional(), from: z.string().optional() }))
      .describe("RFC 6902 JSON Patch over { template, script, options }"),
    summary: z.object({ added: z.number().int(), removed: z.number().int(), replaced: z.number().int() }),
  })
  .meta({ id: "ProjectDiff" });

const CreateProjectRequest = z
  .object({ name: ProjectName, template: TemplateId, script: ScriptObject, options: ProjectOptions.optional(), message: Message.optional() })
  .meta({ id: "CreateProjectRequest" });

const SaveProjectRequest = z
  .object({
    script: ScriptObject.optional(),
    template: TemplateId.optional(),
    options: ProjectOptions.optional(),
    name: ProjectName.optional(),
    message: Message.optional(),
    baseVersion: VersionNumber.optional().describe("The version these changes were made to; if another save came first, the answer is 409"),
  })
  .describe("Fields left out are carried over from the latest version. Only `name`: a rename, no new version.")
  .meta({ id: "SaveProjectRequest" });

const RollbackProjectRequest = z
  .object({ version: VersionNumber, message: Message.optional(), baseVersion: VersionNumber.optional() })
  .meta({ id: "RollbackProjectRequest" });

const ListQuery = z.object({
  q: z.string().trim().min(1).max(100).optional().describe("Only projects whose name contains this text (case-insensitive; `%` and `_` match literally)"),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
const VersionsQuery = z.object({ cursor: z.string().max(20).optional(), limit: z.coerce.number().int().min(1).max(200).default(50) });
const DiffQuery = z.object({ from: z.coerce.number().int().min(1).max(2_147_483_647), to: z.coerce.number().int().min(1).max(2_147_483_647) });

const projectId = (params: Record<string, string>) => uuidParam(params, "id", "project");

/** A path version number; anything but a positive integer cannot name a version, so it is a 404. */
const versionParam = (params: Record<string, string>): number => {
  const version = parseVersionNumber(params.version ?? "");
  if (version === null) throw new ReelgenError({ code: "NOT_FOUND", message: `project version ${params.version} not found` });
  return version;
};

const notFound = { description: "No such project (or version) of yours", schema: ErrorBody };

/** Saved scripts with a version history: create, save (new version), diff, roll back. */
export const projectRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/projects",
    summary: "Create a project (version 1); the script is validated against the template",
    tag: "projects",
    access: { kind: "any", scope: "projects:write" },
    body: CreateProjectRequest,
    responses: {
      201: { description: "Created", schema: Project },
      400: { description: "Invalid script or unknown template", schema: ErrorBody },
      422: { description: "The tier's limit of projects (maxProjects) is reached (LIMIT_EXCEEDED)", schema: ErrorBody },
    },
    handler: async ({ body, principal, services }) => ({ status: 201, body: await services.projects.create(principal!.user, body) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/projects",
    summary: "This account's projects, newest first",
    tag: "projects",
    access: { kind: "any", scope: "projects:read" },
    query: ListQuery,
    responses: { 200: { description: "A page of projects", schema: z.object({ projects: z.array(ProjectSummary), nextCursor: z.string().nullable() }) } },
    handler: async ({ query, principal, services }) => ({ body: await services.projects.list(principal!.user, query) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/projects/:id",
    summary: "A project with its latest version",
    tag: "projects",
    access: { kind: "any", scope: "projects:read" },
    responses: { 200: { description: "The project", schema: Project }, 404: notFound },
    handler: async ({ params, principal, services }) => ({ body: await services.projects.get(principal!.user, projectId(params)) }),
  }),
  defineRoute({
    method: "put",
    path: "/v1/projects/:id",
    summary: "Save a new version (201); only a new name renames without a version (200)",
    tag: "projects",
    access: { kind: "any", scope: "projects:write" },
    body: SaveProjectRequest,
    responses: {
      200: { description: "Renamed", schema: Project },
      201: { description: "New version saved", schema: Project },
      400: { description: "Invalid script or unknown template", schema: ErrorBody },
      404: notFound,
      409: { description: "baseVersion is not the latest version", schema: ErrorBody },
      422: { description: "The tier's limit of versions per project (maxProjectVersions) is reached (LIMIT_EXCEEDED)", schema: ErrorBody },
    },
    handler: async ({ params, body, principal, services }) => {
      const { project, created } = await services.projects.save(principal!.user, projectId(params), body);
      return { status: created ? 201 : 200, body: project };
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/projects/:id",
    summary: "Delete a project and its whole history",
    tag: "projects",
    access: { kind: "any", scope: "projects:write" },
    responses: { 204: { description: "Deleted" }, 404: notFound },
    handler: async ({ params, principal, services }) => {
      await services.projects.remove(principal!.user, projectId(params));
      return { status: 204 };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/projects/:id/versions",
    summary: "The version history, newest first (without scripts)",
    tag: "projects",
    access: { kind: "any", scope: "projects:read" },
    query: VersionsQuery,
    responses: { 200: { description: "A page of versions", schema: z.object({ versions: z.array(ProjectVersionSummary), nextCursor: z.string().nullable() }) }, 404: notFound },
    handler: async ({ params, query, principal, services }) => ({ body: await services.projects.versions(principal!.user, projectId(params), query) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/projects/:id/versions/:version",
    summary: "One version with its script and options",
    tag: "projects",
    access: { kind: "any", scope: "projects:read" },
    responses: { 200: { description: "The version", schema: ProjectVersion }, 404: notFound },
    handler: async ({ params, principal, services }) => ({ body: await services.projects.version(principal!.user, projectId(params), versionParam(params)) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/projects/:id/diff",
    summary: "RFC 6902 JSON Patch from one version to another",
    tag: "projects",
    access: { kind: "any", scope: "projects:read" },
    query: DiffQuery,
    responses: { 200: { description: "The patch", schema: ProjectDiff }, 404: notFound },
    handler: async ({ params, query, principal, services }) => ({ body: await services.projects.diff(principal!.user, projectId(params), query.from, query.to) }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/projects/:id/rollback",
    summary: "Save a new version with the content of an earlier one (history is kept)",
    tag: "projects",
    access: { kind: "any", scope: "projects:write" },
    body: RollbackProjectRequest,
    responses: {
      201: { description: "New version saved", schema: Project },
      404: notFound,
      409: { description: "baseVersion is not the latest version", schema: ErrorBody },
      422: { description: "The tier's limit of versions per project (maxProjectVersions) is reached (LIMIT_EXCEEDED)", schema: ErrorBody },
    },
    handler: async ({ params, body, principal, services }) => ({
      status: 201,
      body: await services.projects.rollback(principal!.user, projectId(params), body.version, { message: body.message, baseVersion: body.baseVersion }),
    }),
  }),
];

import { z } from "zod";
import { findTemplatePack, templatePacks, type TemplatePack } from "../../templates/registry";
import { ReelgenError } from "../../script/reelgen-error";
import { defineRoute } from "../http/define-route";
import { ErrorBody } from "./shapes";

const TemplateSummary = z
  .object({ id: z.string(), title: z.string(), description: z.string(), formats: z.array(z.string()), fps: z.number() })
  .meta({ id: "TemplateSummary" });
const TemplateDetail = TemplateSummary.extend({
  jsonSchema: z.record(z.string(), z.unknown()).describe("JSON Schema (2020-12) of the script this template takes"),
  defaultProps: z.record(z.string(), z.unknown()),
}).meta({ id: "Template" });

const summary = (pack: TemplatePack) => ({ id: pack.id, title: pack.title, description: pack.description, formats: [...pack.formats], fps: pack.fps });

// Each pack's JSON Schema is derived once; packs do not change while the server runs.
const jsonSchemas = new Map<string, Record<string, unknown>>();
const jsonSchemaOf = (pack: TemplatePack) => {
  let schema = jsonSchemas.get(pack.id);
  if (!schema) {
    schema = z.toJSONSchema(pack.schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    jsonSchemas.set(pack.id, schema);
  }
  return schema;
};

export const templateRoutes = [
  defineRoute({
    method: "get",
    path: "/v1/templates",
    summary: "Every template pack",
    tag: "templates",
    access: { kind: "any", scope: "templates:read" },
    responses: { 200: { description: "Templates", schema: z.object({ templates: z.array(TemplateSummary) }) } },
    handler: async () => ({ body: { templates: templatePacks.map(summary) } }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/templates/:id",
    summary: "One template with the JSON Schema of its script and its default props",
    tag: "templates",
    access: { kind: "any", scope: "templates:read" },
    responses: { 200: { description: "Template", schema: TemplateDetail }, 404: { description: "Unknown template", schema: ErrorBody } },
    handler: async ({ params }) => {
      const pack = findTemplatePack(params.id ?? "");
      if (!pack) throw new ReelgenError({ code: "NOT_FOUND", message: `template ${params.id} not found` });
      return { body: { ...summary(pack), jsonSchema: jsonSchemaOf(pack), defaultProps: pack.defaultProps as Record<string, unknown> } };
    },
  }),
];

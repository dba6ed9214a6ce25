import { z } from "zod";
import { Scope } from "../auth/principal";
import { defineRoute } from "../http/define-route";
import { displayText } from "../http/display-text";
import { ApiKeyBody, ErrorBody, uuidParam } from "./shapes";

const CreatedKey = z.object({ key: z.string().describe("The secret; shown only in this response"), apiKey: ApiKeyBody }).meta({ id: "CreatedApiKey" });

export const apiKeyRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/api-keys",
    summary: "Create an API key; the secret is in this response only. Keys outlive sign-out everywhere and password changes and resets: revoke with DELETE",
    tag: "api-keys",
    access: { kind: "session" },
    body: z.object({ name: displayText(z.string().trim().min(1).max(100)), scopes: z.array(Scope).min(1).default(["renders:read", "renders:write", "templates:read"]) }),
    responses: {
      201: { description: "Created", schema: CreatedKey },
      400: { description: "Invalid name (e.g. control or bidirectional-formatting characters) or scopes", schema: ErrorBody },
      403: { description: "Keys cannot create keys", schema: ErrorBody },
      422: { description: "The tier's limit of API keys not revoked (maxApiKeys) is reached (LIMIT_EXCEEDED)", schema: ErrorBody },
    },
    handler: async ({ body, principal, services, ip }) => ({ status: 201, body: await services.apiKeys.create(principal!.user, body, ip) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/api-keys",
    summary: "List this account's API keys (never their secrets)",
    tag: "api-keys",
    access: { kind: "session" },
    responses: { 200: { description: "Keys", schema: z.object({ apiKeys: z.array(ApiKeyBody) }) } },
    handler: async ({ principal, services }) => ({ body: { apiKeys: await services.apiKeys.list(principal!.user) } }),
  }),
  defineRoute({
    method: "delete",
    path: "/v1/api-keys/:id",
    summary: "Revoke an API key (the only way a key stops working, besides rolling it)",
    tag: "api-keys",
    access: { kind: "session" },
    responses: { 200: { description: "Revoked", schema: ApiKeyBody }, 404: { description: "Not found", schema: ErrorBody } },
    handler: async ({ params, principal, services, ip }) => ({ body: await services.apiKeys.revoke(principal!.user, uuidParam(params, "id", "API key"), ip) }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/api-keys/:id/roll",
    summary: "Replace a key's secret (same name and scopes); the old secret stops working",
    tag: "api-keys",
    access: { kind: "session" },
    responses: { 201: { description: "The new key", schema: CreatedKey }, 404: { description: "Not found", schema: ErrorBody } },
    handler: async ({ params, principal, services, ip }) => ({ status: 201, body: await services.apiKeys.roll(principal!.user, uuidParam(params, "id", "API key"), ip) }),
  }),
];

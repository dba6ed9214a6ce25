import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import type { Route } from "../http/define-route";

/**
 * The OpenAPI 3.1 document, generated from the same zod schemas that validate requests (route
 * bodies and queries) and shape responses, so the contract cannot drift from the code.
 */
export const buildOpenApi = (routes: Route[], options: { serverUrl?: string } = {}): Record<string, unknown> => {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const openApiPath = route.path.replace(/:([A-Za-z_]+)/g, "{$1}");
    const pathParams = [...route.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1]!);
    const operation: ZodOpenApiOperationObject = {
      summary: route.summary,
      tags: [route.tag],
      operationId: `${route.method}${openApiPath.replace(/[{}]/g, "").replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
      security: route.access.kind === "public" ? [] : route.access.kind === "session" ? [{ accessToken: [] }] : [{ accessToken: [] }, { apiKey: [route.access.scope] }],
      requestParams: {
        ...(pathParams.length ? { path: z.object(Object.fromEntries(pathParams.map((p) => [p, z.string()]))) } : {}),
        ...(route.query ? { query: route.query as z.ZodObject } : {}),
      },
      requestBody: route.body
        ? { required: true, content: { "application/json": { schema: route.body } } }
        : route.rawBody
          ? { required: true, description: route.rawBody.description, content: { [route.rawBody.contentType]: { schema: z.any() } } }
          : undefined,
      responses: Object.fromEntries(
        Object.entries(route.responses).map(([status, r]) => [
          status,
          { description: r.description, ...(r.schema ? { content: { [r.contentType ?? "application/json"]: { schema: r.schema } } } : r.contentType ? { content: { [r.contentType]: {} } } : {}) },
        ]),
      ),
    };
    if (route.access.kind !== "public" && !route.responses[401]) (operation.responses as Record<string, unknown>)["401"] = { description: "Missing or invalid credentials" };
    paths[openApiPath] = { ...paths[openApiPath], [route.method]: operation };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "reelgen API",
      version: "1",
      description:
        "Declarative video-as-code: order renders of AI-written scripts through template packs. Errors are `{ error: { code, message, requestId, problems? } }`. Authenticate with `Authorization: Bearer <access token>` (sign-in) or `Bearer rk_live_…` (API key).",
    },
    servers: options.serverUrl ? [{ url: options.serverUrl }] : undefined,
    components: {
      securitySchemes: {
        accessToken: { type: "http", scheme: "bearer", bearerFormat: "JWT", description: "From POST /v1/auth/login; expires after 15 minutes" },
        apiKey: { type: "http", scheme: "bearer", description: "An API key `rk_live_…` with the scopes the route needs" },
      },
    },
    paths,
  }) as unknown as Record<string, unknown>;
};

import { z } from "zod";
import { ReelgenError } from "../../script/reelgen-error";
import { defineRoute } from "../http/define-route";
import { MESSAGE_ID } from "../webhooks/webhook-service";
import { WebhookDeliveryBody, WebhookEndpointBody, WebhookEndpointWithSecretBody, WebhookEventSchema } from "../webhooks/webhook-view";
import { ErrorBody, uuidParam } from "./shapes";

const WebhookUrl = z.string().trim().min(1).max(2048).describe("http(s) URL on a public address; checked against private and metadata addresses");
const Events = z.array(WebhookEventSchema).min(1).max(10);

const CreateWebhookRequest = z.object({ url: WebhookUrl, events: Events }).meta({ id: "CreateWebhookRequest" });
const UpdateWebhookRequest = z
  .object({ url: WebhookUrl, events: Events, enabled: z.boolean().describe("true re-enables a disabled endpoint (and resets its failure clock)") })
  .partial()
  .meta({ id: "UpdateWebhookRequest" });

/** A path delivery id; a malformed one names nothing, so it is a 404 like an unknown one. */
const deliveryParam = (params: Record<string, string>): string => {
  const value = params.deliveryId ?? "";
  if (!MESSAGE_ID.test(value)) throw new ReelgenError({ code: "NOT_FOUND", message: `webhook delivery ${value} not found` });
  return value;
};

const endpointId = (params: Record<string, string>) => uuidParam(params, "id", "webhook endpoint");

const notFound = { description: "No such endpoint (or not yours)", schema: ErrorBody };
const rejected = { description: "The URL is not allowed (WEBHOOK_URL_REJECTED)", schema: ErrorBody };

export const webhookRoutes = [
  defineRoute({
    method: "post",
    path: "/v1/webhooks",
    summary: "Register a webhook endpoint; its signing secret is in this response only",
    tag: "webhooks",
    access: { kind: "any", scope: "webhooks:write" },
    body: CreateWebhookRequest,
    responses: {
      201: { description: "Created", schema: WebhookEndpointWithSecretBody },
      422: { description: "The URL is not allowed (WEBHOOK_URL_REJECTED), or the tier's limit of endpoints (maxWebhooks) is reached (LIMIT_EXCEEDED)", schema: ErrorBody },
    },
    handler: async ({ body, principal, services }) => ({ status: 201, body: await services.webhooks.create(principal!.user, body) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/webhooks",
    summary: "List this account's webhook endpoints",
    tag: "webhooks",
    access: { kind: "any", scope: "webhooks:read" },
    responses: { 200: { description: "Endpoints, newest first", schema: z.object({ webhooks: z.array(WebhookEndpointBody) }) } },
    handler: async ({ principal, services }) => ({ body: { webhooks: await services.webhooks.list(principal!.user) } }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/webhooks/:id",
    summary: "One webhook endpoint",
    tag: "webhooks",
    access: { kind: "any", scope: "webhooks:read" },
    responses: { 200: { description: "The endpoint", schema: WebhookEndpointBody }, 404: notFound },
    handler: async ({ params, principal, services }) => ({ body: await services.webhooks.get(principal!.user, endpointId(params)) }),
  }),
  defineRoute({
    method: "patch",
    path: "/v1/webhooks/:id",
    summary: "Change an endpoint's URL or events, or disable / re-enable it",
    tag: "webhooks",
    access: { kind: "any", scope: "webhooks:write" },
    body: UpdateWebhookRequest,
    responses: { 200: { description: "The endpoint", schema: WebhookEndpointBody }, 404: notFound, 422: rejected },
    handler: async ({ body, params, principal, services }) => ({ body: await services.webhooks.update(principal!.user, endpointId(params), body) }),
  }),
  defineRoute({
    method: "delete",
    path: "/v1/webhooks/:id",
    summary: "Delete an endpoint and its delivery log",
    tag: "webhooks",
    access: { kind: "any", scope: "webhooks:write" },
    responses: { 204: { description: "Deleted" }, 404: notFound },
    handler: async ({ params, principal, services }) => {
      await services.webhooks.remove(principal!.user, endpointId(params));
      return { status: 204 };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/webhooks/:id/rotate-secret",
    summary: "Replace the signing secret; the previous one also signs deliveries for 24 hours",
    tag: "webhooks",
    access: { kind: "any", scope: "webhooks:write" },
    responses: { 200: { description: "The endpoint with its new secret (shown only here)", schema: WebhookEndpointWithSecretBody }, 404: notFound },
    handler: async ({ params, principal, services, ip }) => ({ body: await services.webhooks.rotateSecret(principal!.user, endpointId(params), ip) }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/webhooks/:id/test",
    summary: "Send a signed `webhook.test` message through the normal delivery path (in the delivery log, retried, redeliverable)",
    tag: "webhooks",
    access: { kind: "any", scope: "webhooks:write" },
    responses: {
      202: { description: "Queued; the dispatcher sends it within a second or so", schema: WebhookDeliveryBody },
      404: notFound,
      409: { description: "The endpoint is disabled", schema: ErrorBody },
    },
    handler: async ({ params, principal, services }) => ({ status: 202, body: await services.webhooks.sendTest(principal!.user, endpointId(params)) }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/webhooks/:id/deliveries",
    summary: "An endpoint's messages, newest first, with every attempt",
    tag: "webhooks",
    access: { kind: "any", scope: "webhooks:read" },
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
    responses: { 200: { description: "Deliveries", schema: z.object({ deliveries: z.array(WebhookDeliveryBody) }) }, 404: notFound },
    handler: async ({ query, params, principal, services }) => ({ body: { deliveries: await services.webhooks.deliveries(principal!.user, endpointId(params), query) } }),
  }),
  defineRoute({
    method: "post",
    path: "/v1/webhooks/:id/deliveries/:deliveryId/redeliver",
    summary: "Send a message again (same webhook-id) on the dispatcher's next round",
    tag: "webhooks",
    access: { kind: "any", scope: "webhooks:write" },
    responses: {
      202: { description: "Queued", schema: WebhookDeliveryBody },
      404: { description: "No such endpoint or delivery", schema: ErrorBody },
      409: { description: "The endpoint is disabled", schema: ErrorBody },
    },
    handler: async ({ params, principal, services }) => ({
      status: 202,
      body: await services.webhooks.redeliver(principal!.user, endpointId(params), deliveryParam(params)),
    }),
  }),
];

import { z } from "zod";
import type { WebhookDelivery, WebhookEndpoint } from "../db/tables";

/** The events an endpoint can subscribe to. */
export const WEBHOOK_EVENTS = ["render.completed", "render.failed"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WebhookEventSchema = z.enum(WEBHOOK_EVENTS).meta({ id: "WebhookEvent" });

/** What a delivery can carry: a subscribed event, or the test message its owner asked for (sent whatever the subscription). */
export const TEST_EVENT = "webhook.test";
export const DELIVERY_EVENTS = [...WEBHOOK_EVENTS, TEST_EVENT] as const;
export type DeliveryEvent = (typeof DELIVERY_EVENTS)[number];
export const DeliveryEventSchema = z.enum(DELIVERY_EVENTS).meta({ id: "WebhookDeliveryEvent" });

export const WebhookEndpointBody = z
  .object({
    id: z.uuid(),
    url: z.string(),
    events: z.array(WebhookEventSchema),
    enabled: z.boolean().describe("False once disabled by its owner or after failing for too long"),
    disabledAt: z.string().nullable(),
    failingSince: z.string().nullable().describe("Start of the current run of failed deliveries; null while deliveries succeed"),
    previousSecretExpiresAt: z.string().nullable().describe("Until then deliveries are also signed with the secret before the last rotation"),
    createdAt: z.string(),
  })
  .meta({ id: "WebhookEndpoint" });
export type WebhookEndpointBody = z.infer<typeof WebhookEndpointBody>;

export const WebhookEndpointWithSecretBody = WebhookEndpointBody.extend({
  secret: z.string().describe("Signing secret `whsec_…` (Standard Webhooks); shown only in this response"),
}).meta({ id: "WebhookEndpointWithSecret" });
export type WebhookEndpointWithSecretBody = z.infer<typeof WebhookEndpointWithSecretBody>;

export const WebhookAttemptBody = z
  .object({
    at: z.string(),
    status: z.number().nullable().describe("The receiver's HTTP status; null when no answer arrived"),
    error: z.string().nullable(),
    durationMs: z.number(),
  })
  .meta({ id: "WebhookAttempt" });

export const WebhookDeliveryBody = z
  .object({
    id: z.string().describe("The `webhook-id` header; the same on every attempt and redelivery"),
    event: DeliveryEventSchema,
    renderId: z.uuid().nullable(),
    status: z.enum(["pending", "succeeded", "failed"]),
    attempts: z.array(WebhookAttemptBody),
    nextAttemptAt: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    payload: z.unknown().describe("The JSON body sent: `{ type, timestamp, data }`"),
  })
  .meta({ id: "WebhookDelivery" });
export type WebhookDeliveryBody = z.infer<typeof WebhookDeliveryBody>;

/** An endpoint as its owner sees it (never with a secret). */
export const webhookEndpointView = (row: WebhookEndpoint): WebhookEndpointBody => ({
  id: row.id,
  url: row.url,
  events: row.events as WebhookEvent[],
  enabled: row.disabled_at === null,
  disabledAt: row.disabled_at?.toISOString() ?? null,
  failingSince: row.failing_since?.toISOString() ?? null,
  // An expired previous secret no longer signs anything; do not suggest otherwise.
  previousSecretExpiresAt: row.previous_secret && row.previous_secret_expires_at && row.previous_secret_expires_at > new Date() ? row.previous_secret_expires_at.toISOString() : null,
  createdAt: row.created_at.toISOString(),
});

/** One delivery with its attempt log. */
export const webhookDeliveryView = (row: WebhookDelivery): WebhookDeliveryBody => ({
  id: row.id,
  event: row.event as DeliveryEvent,
  renderId: row.render_id,
  status: row.status,
  attempts: row.attempts,
  nextAttemptAt: row.status === "pending" ? (row.next_attempt_at?.toISOString() ?? null) : null,
  createdAt: row.created_at.toISOString(),
  deliveredAt: row.delivered_at?.toISOString() ?? null,
  payload: row.payload,
});

import { randomBytes, randomUUID } from "node:crypto";
import { sql, type Kysely } from "kysely";
import { ReelgenError } from "../../script/reelgen-error";
import { recordAudit } from "../audit/record-audit";
import type { ServerContext } from "../context";
import type { Render, Tables, User, WebhookEndpoint } from "../db/tables";
import { enforceUserLimit } from "../quotas/enforce-user-limit";
import { renderView } from "../renders/render-view";
import { checkWebhookUrl } from "./check-webhook-url";
import { generateWebhookSecret } from "./webhook-secret";
import {
  TEST_EVENT,
  WEBHOOK_EVENTS,
  webhookDeliveryView,
  webhookEndpointView,
  type WebhookDeliveryBody,
  type WebhookEndpointBody,
  type WebhookEndpointWithSecretBody,
  type WebhookEvent,
} from "./webhook-view";

export { WEBHOOK_EVENTS, type WebhookEvent };

/** After a rotation the old secret keeps signing (next to the new one) this long, so receivers can switch over. */
export const SECRET_OVERLAP_MS = 24 * 60 * 60 * 1000;

/** A delivery id, also the `webhook-id` header: `msg_` + 24 url-safe characters (144 random bits). */
export const newMessageId = (): string => `msg_${randomBytes(18).toString("base64url")}`;
export const MESSAGE_ID = /^msg_[A-Za-z0-9_-]{1,64}$/;

/** The JSON body of every webhook message: a render event's data is the render; a test message's says which endpoint it tests. */
export type WebhookPayload =
  | { type: WebhookEvent; timestamp: string; data: ReturnType<typeof renderView> }
  | { type: typeof TEST_EVENT; timestamp: string; data: { endpointId: string; message: string } };

/**
 * Marks every pending delivery of an endpoint failed: used when it is disabled (by its owner or
 * after failing too long), so nothing queued while it was broken goes out if it is re-enabled
 * later; the owner can redeliver single messages.
 */
export const failPendingDeliveries = async (db: Kysely<Tables>, endpointId: string): Promise<number> => {
  const result = await db
    .updateTable("webhook_deliveries")
    .set({ status: "failed", next_attempt_at: null })
    .where("endpoint_id", "=", endpointId)
    .where("status", "=", "pending")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
};

/**
 * Webhook endpoints of a user (register, list, update, rotate the secret, inspect and redeliver
 * messages) and {@link recordRenderEvent}, which queues messages for the dispatcher to send.
 */
export const createWebhookService = (ctx: ServerContext) => {
  const { db } = ctx;

  const notFound = (id: string) => new ReelgenError({ code: "NOT_FOUND", message: `webhook endpoint ${id} not found` });

  /** The endpoint if `user` owns it; another user's endpoint is indistinguishable from a missing one. */
  const owned = async (user: User, id: string): Promise<WebhookEndpoint> => {
    const row = await db.selectFrom("webhook_endpoints").selectAll().where("id", "=", id).where("user_id", "=", user.id).executeTakeFirst();
    if (!row) throw notFound(id);
    return row;
  };

  /** The SSRF check; stores the parsed form, so `http://2130706433/` is kept as the address it reaches. */
  const checkedUrl = async (url: string): Promise<string> => (await checkWebhookUrl(url, { allowLoopback: ctx.config.WEBHOOK_ALLOW_LOOPBACK })).url.href;

  const uniqueEvents = (events: WebhookEvent[]): WebhookEvent[] => WEBHOOK_EVENTS.filter((e) => events.includes(e));

  return {
    /**
     * Registers an endpoint; the response is the only time its secret is shown. At most the
     * tier's `maxWebhooks` per user (each render event fans out to all of them).
     */
    async create(user: User, input: { url: string; events: WebhookEvent[] }): Promise<WebhookEndpointWithSecretBody> {
      const url = await checkedUrl(input.url);
      const secret = generateWebhookSecret();
      const row = await db.transaction().execute(async (trx) => {
        await enforceUserLimit(trx, {
          user,
          config: ctx.config,
          limit: "maxWebhooks",
          used: async (t) =>
            Number((await t.selectFrom("webhook_endpoints").select((eb) => eb.fn.countAll<string>().as("count")).where("user_id", "=", user.id).executeTakeFirstOrThrow()).count),
        });
        return trx
          .insertInto("webhook_endpoints")
          .values({ id: randomUUID(), user_id: user.id, url, events: JSON.stringify(uniqueEvents(input.events)), secret })
          .returningAll()
          .executeTakeFirstOrThrow();
      });
      return { ...webhookEndpointView(row), secret };
    },

    async list(user: User): Promise<WebhookEndpointBody[]> {
      const rows = await db.selectFrom("webhook_endpoints").selectAll().where("user_id", "=", user.id).orderBy("created_at", "desc").orderBy("id").execute();
      return rows.map(webhookEndpointView);
    },

    async get(user: User, id: string): Promise<WebhookEndpointBody> {
      return webhookEndpointView(await owned(user, id));
    },

    /**
     * Changes the URL (checked again), the events, or `enabled`. Disabling fails the endpoint's
     * pending deliveries; re-enabling clears `disabled_at` and `failing_since`, so the endpoint
     * gets the full grace period again.
     */
    async update(user: User, id: string, input: { url?: string; events?: WebhookEvent[]; enabled?: boolean }): Promise<WebhookEndpointBody> {
      const current = await owned(user, id);
      if (input.url === undefined && input.events === undefined && input.enabled === undefined) return webhookEndpointView(current);
      const url = input.url === undefined ? undefined : await checkedUrl(input.url);
      return db.transaction().execute(async (trx) => {
        let query = trx.updateTable("webhook_endpoints").where("id", "=", id).where("user_id", "=", user.id);
        if (url !== undefined) query = query.set({ url });
        if (input.events !== undefined) query = query.set({ events: JSON.stringify(uniqueEvents(input.events)) });
        if (input.enabled === true) query = query.set({ disabled_at: null, failing_since: null });
        // Disabling an endpoint that is already disabled keeps when that happened.
        if (input.enabled === false) query = query.set({ disabled_at: sql<Date>`coalesce(disabled_at, now())` });
        const row = await query.returningAll().executeTakeFirst();
        if (!row) throw notFound(id);
        if (input.enabled === false) await failPendingDeliveries(trx, id);
        return webhookEndpointView(row);
      });
    },

    /** Deletes the endpoint and (by cascade) its delivery log; queued messages are never sent. */
    async remove(user: User, id: string): Promise<void> {
      const result = await db.deleteFrom("webhook_endpoints").where("id", "=", id).where("user_id", "=", user.id).executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw notFound(id);
    },

    /**
     * Replaces the signing secret. For {@link SECRET_OVERLAP_MS} deliveries carry signatures with
     * both the new and the previous secret, so a receiver still holding the old one keeps
     * verifying while it is updated. Rotating again inside that window drops the older secret.
     */
    async rotateSecret(user: User, id: string, ip?: string): Promise<WebhookEndpointWithSecretBody> {
      const secret = generateWebhookSecret();
      // `previous_secret = secret` reads the row's value at update time, so two rotations at once cannot lose one.
      const row = await db
        .updateTable("webhook_endpoints")
        .set({ secret, previous_secret: sql<string>`secret`, previous_secret_expires_at: new Date(Date.now() + SECRET_OVERLAP_MS) })
        .where("id", "=", id)
        .where("user_id", "=", user.id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw notFound(id);
      await recordAudit(db, { userId: user.id, event: "webhook.secret_rotated", ip: ip ?? null, details: { endpointId: id } });
      return { ...webhookEndpointView(row), secret };
    },

    /** The endpoint's messages, newest first, each with its attempts. */
    async deliveries(user: User, id: string, options: { limit: number }): Promise<WebhookDeliveryBody[]> {
      await owned(user, id);
      const rows = await db
        .selectFrom("webhook_deliveries")
        .selectAll()
        .where("endpoint_id", "=", id)
        .orderBy("created_at", "desc")
        .orderBy("id", "desc")
        .limit(options.limit)
        .execute();
      return rows.map(webhookDeliveryView);
    },

    /**
     * Sends a message again, as soon as the dispatcher's next round, with the same `webhook-id`
     * (receivers de-duplicate on it). Its attempt log is kept and still counts towards
     * `MAX_DELIVERY_ATTEMPTS`, so a delivery that had used up its retries gets exactly one more
     * attempt; one with retries left keeps its schedule after this attempt.
     *
     * Pressing this while the message is being sent can deliver it twice at once; the shared
     * `webhook-id` is what lets receivers tolerate that.
     */
    async redeliver(user: User, endpointId: string, deliveryId: string): Promise<WebhookDeliveryBody> {
      const endpoint = await owned(user, endpointId);
      if (endpoint.disabled_at) throw new ReelgenError({ code: "CONFLICT", message: "this webhook endpoint is disabled; enable it before redelivering" });
      const row = await db
        .updateTable("webhook_deliveries")
        .set({ status: "pending", next_attempt_at: sql<Date>`now()`, delivered_at: null })
        .where("id", "=", deliveryId)
        .where("endpoint_id", "=", endpointId)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw new ReelgenError({ code: "NOT_FOUND", message: `webhook delivery ${deliveryId} not found` });
      return webhookDeliveryView(row);
    },

    /**
     * Queues a signed `webhook.test` message to the endpoint, whatever events it subscribes to:
     * it goes through the dispatcher like any message, so it is in the delivery log, retried on
     * failure and can be redelivered. A disabled endpoint is refused (CONFLICT), as a redelivery is.
     */
    async sendTest(user: User, endpointId: string): Promise<WebhookDeliveryBody> {
      const endpoint = await owned(user, endpointId);
      if (endpoint.disabled_at) throw new ReelgenError({ code: "CONFLICT", message: "this webhook endpoint is disabled; enable it before sending a test" });
      const payload: WebhookPayload = {
        type: TEST_EVENT,
        timestamp: new Date().toISOString(),
        data: { endpointId, message: "A test message from reelgen: this endpoint receives and verifies webhooks." },
      };
      const row = await db
        .insertInto("webhook_deliveries")
        .values({ id: newMessageId(), endpoint_id: endpointId, event: TEST_EVENT, render_id: null, payload: JSON.stringify(payload), status: "pending", next_attempt_at: sql<Date>`now()` })
        .returningAll()
        .executeTakeFirstOrThrow();
      return webhookDeliveryView(row);
    },

    /**
     * Queues `event` for every enabled endpoint of the render's owner subscribed to it. Call it in
     * the transaction that records the render's outcome, so the message exists exactly when the
     * outcome does. Idempotent per endpoint, event and render: a render that finishes twice (a
     * retried job) still produces one message.
     *
     * @returns how many messages were queued.
     */
    async recordRenderEvent(trx: Kysely<Tables>, render: Render, event: WebhookEvent): Promise<number> {
      const endpoints = await trx
        .selectFrom("webhook_endpoints")
        .select("id")
        .where("user_id", "=", render.user_id)
        .where("disabled_at", "is", null)
        .where(sql<boolean>`events @> ${JSON.stringify([event])}::jsonb`)
        .execute();
      if (endpoints.length === 0) return 0;
      const payload: WebhookPayload = { type: event, timestamp: new Date().toISOString(), data: renderView(render) };
      const body = JSON.stringify(payload);
      const inserted = await trx
        .insertInto("webhook_deliveries")
        .values(
          endpoints.map((endpoint) => ({
            id: newMessageId(),
            endpoint_id: endpoint.id,
            event,
            render_id: render.id,
            payload: body,
            status: "pending" as const,
            next_attempt_at: sql<Date>`now()`,
          })),
        )
        .onConflict((oc) => oc.columns(["endpoint_id", "event", "render_id"]).doNothing())
        // Rows skipped by the conflict are not returned, so this counts only new messages.
        .returning("id")
        .execute();
      return inserted.length;
    },
  };
};

export type WebhookService = ReturnType<typeof createWebhookService>;

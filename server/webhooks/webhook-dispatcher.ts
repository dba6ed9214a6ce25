import { sql } from "kysely";
import { ReelgenError } from "../../script/reelgen-error";
import type { ServerContext } from "../context";
import type { DeliveryAttempt, WebhookDelivery, WebhookEndpoint } from "../db/tables";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "./retry-delay";
import { sendWebhook, WEBHOOK_TIMEOUT_MS, type WebhookDeliveryResult } from "./send-webhook";
import { failPendingDeliveries, type WebhookPayload } from "./webhook-service";

/** Deliveries claimed per round; a full batch starts the next round at once. */
const BATCH_SIZE = 20;
/** Deliveries of one endpoint claimed per round: they are sent one after another, so this bounds a round's time per endpoint. */
const PER_ENDPOINT = 3;
/**
 * How long a claimed delivery is reserved for the process that claimed it: longer than one
 * endpoint's share of a round takes even when every send times out, so only a process that died
 * mid-round lets its claims fall to another.
 */
const LEASE_MS = PER_ENDPOINT * WEBHOOK_TIMEOUT_MS + 60_000;
/** Due deliveries looked at per claim, before taking at most {@link PER_ENDPOINT} of each endpoint. */
const CANDIDATES = 200;
/** Endpoints one process sends to at once; with this many busy, the loop waits before it claims more. */
const MAX_BUSY_ENDPOINTS = 50;

export type WebhookDispatcher = {
  /** Stops the loop and waits for a round in progress to finish. */
  stop(): Promise<void>;
  /** Claims and sends the deliveries due now; resolves with how many it claimed. */
  runOnce(): Promise<number>;
};

/**
 * Sends queued webhook messages: every `intervalMs` (default 1 s) it claims due pending
 * deliveries with a lease (`FOR UPDATE SKIP LOCKED`, then `next_attempt_at` pushed past the lease),
 * so any number of processes can run a dispatcher without sending one message twice at once.
 *
 * Each attempt is appended to the delivery's log. 2xx → succeeded, and the endpoint is healthy
 * again. Anything else → retried after `retryDelayMs`, failed after `MAX_DELIVERY_ATTEMPTS`; the
 * endpoint's `failing_since` starts, and once it is older than `WEBHOOK_DISABLE_AFTER_HOURS` the
 * endpoint is disabled and its pending messages are failed instead of sent.
 */
export const startWebhookDispatcher = (ctx: ServerContext, options: { intervalMs?: number } = {}): WebhookDispatcher => {
  const { db, config, logger, metrics } = ctx;
  const intervalMs = options.intervalMs ?? 1000;
  const log = logger.child({ component: "webhook-dispatcher" });
  /** Rounds claiming, then the sends they started: `stop` waits for both. */
  const rounds = new Set<Promise<unknown>>();
  const sending = new Set<Promise<unknown>>();
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;

  /**
   * Reserves up to a batch of due deliveries, at most {@link PER_ENDPOINT} per endpoint and none of
   * an endpoint this process is still sending to; the new `next_attempt_at` doubles as the lease token.
   */
  const claim = (busyEndpoints: string[]): Promise<WebhookDelivery[]> =>
    db
      .updateTable("webhook_deliveries")
      // Millisecond precision so the value read back into a JavaScript Date still equals the stored one.
      .set({ next_attempt_at: sql<Date>`date_trunc('milliseconds', now() + ${LEASE_MS}::double precision * interval '1 millisecond')` })
      .where("id", "in", (eb) =>
        eb
          .selectFrom(
            // Locking and window functions cannot share a query level: lock the candidates first, then rank them.
            eb
              .selectFrom((inner) => {
                let due = inner
                  .selectFrom("webhook_deliveries")
                  .select(["id", "endpoint_id", "next_attempt_at"])
                  .where("status", "=", "pending")
                  .where("next_attempt_at", "<=", sql<Date>`now()`);
                if (busyEndpoints.length) due = due.where("endpoint_id", "not in", busyEndpoints);
                return due.orderBy("next_attempt_at").limit(CANDIDATES).forUpdate().skipLocked().as("due");
              })
              .select(["id", "next_attempt_at", sql<number>`row_number() over (partition by endpoint_id order by next_attempt_at, id)`.as("place")])
              .as("ranked"),
          )
          .select("id")
          .where("place", "<=", PER_ENDPOINT)
          .orderBy("next_attempt_at")
          .limit(BATCH_SIZE),
      )
      .returningAll()
      .execute();

  const send = async (endpoint: WebhookEndpoint, delivery: WebhookDelivery): Promise<WebhookDeliveryResult> => {
    const previousValid = endpoint.previous_secret && endpoint.previous_secret_expires_at && endpoint.previous_secret_expires_at > new Date();
    // jsonb does not keep key order; send the envelope in its documented order.
    const { type, timestamp, data } = delivery.payload as WebhookPayload;
    try {
      return await sendWebhook({
        url: endpoint.url,
        secret: endpoint.secret,
        extraSecrets: previousValid ? [endpoint.previous_secret!] : [],
        messageId: delivery.id,
        payload: { type, timestamp, data },
        allowLoopback: config.WEBHOOK_ALLOW_LOOPBACK,
      });
    } catch (error) {
      // The URL passed at registration but not now (its DNS changed, or the rules did): a failed attempt like any other.
      if (error instanceof ReelgenError && error.code === "WEBHOOK_URL_REJECTED") return { ok: false, status: null, error: error.message, durationMs: 0 };
      log.error({ err: error, deliveryId: delivery.id }, "unexpected error sending a webhook");
      return { ok: false, status: null, error: "internal error while sending", durationMs: 0 };
    }
  };

  /** Records one attempt's outcome; returns whether the endpoint got disabled by it. */
  const record = async (endpoint: WebhookEndpoint, delivery: WebhookDelivery, at: Date, result: WebhookDeliveryResult): Promise<boolean> => {
    const attempt: DeliveryAttempt = { at: at.toISOString(), status: result.status, error: result.error, durationMs: result.durationMs };
    const attemptNumber = delivery.attempts.length + 1;
    const outcome = result.ok ? "succeeded" : attemptNumber >= MAX_DELIVERY_ATTEMPTS ? "failed" : "retry";
    const appendAttempt = sql<string>`attempts || ${JSON.stringify([attempt])}::jsonb`;
    const disabled = await db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable("webhook_deliveries")
        .set(
          outcome === "succeeded"
            ? { status: "succeeded", delivered_at: sql<Date>`now()`, next_attempt_at: null, attempts: appendAttempt }
            : outcome === "failed"
              ? { status: "failed", next_attempt_at: null, attempts: appendAttempt }
              : { next_attempt_at: sql<Date>`now() + ${retryDelayMs(attemptNumber)}::double precision * interval '1 millisecond'`, attempts: appendAttempt },
        )
        .where("id", "=", delivery.id)
        .where("status", "=", "pending")
        // Still our lease: nobody redelivered or re-claimed it meanwhile.
        .where("next_attempt_at", "=", delivery.next_attempt_at!)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        // Someone else now owns its schedule (a redelivery, or our lease ran out); keep the log complete without touching it.
        log.warn({ deliveryId: delivery.id }, "webhook delivery changed while it was being sent; recorded the attempt only");
        await trx.updateTable("webhook_deliveries").set({ attempts: appendAttempt }).where("id", "=", delivery.id).execute();
      }
      if (result.ok) {
        await trx.updateTable("webhook_endpoints").set({ failing_since: null }).where("id", "=", endpoint.id).execute();
        return false;
      }
      await trx
        .updateTable("webhook_endpoints")
        .set({ failing_since: sql<Date>`coalesce(failing_since, now())` })
        .where("id", "=", endpoint.id)
        .execute();
      const disabledRow = await trx
        .updateTable("webhook_endpoints")
        .set({ disabled_at: sql<Date>`now()` })
        .where("id", "=", endpoint.id)
        .where("disabled_at", "is", null)
        .where("failing_since", "<=", sql<Date>`now() - ${config.WEBHOOK_DISABLE_AFTER_HOURS}::double precision * interval '1 hour'`)
        .returning("id")
        .executeTakeFirst();
      if (!disabledRow) return false;
      const failed = await failPendingDeliveries(trx, endpoint.id);
      log.warn({ endpointId: endpoint.id, userId: endpoint.user_id, failedDeliveries: failed, hours: config.WEBHOOK_DISABLE_AFTER_HOURS }, "disabled a webhook endpoint that kept failing");
      return true;
    });
    metrics.webhookDeliveries.inc({ outcome });
    if (!result.ok) log.info({ deliveryId: delivery.id, endpointId: endpoint.id, attempt: attemptNumber, outcome, status: result.status, error: result.error }, "webhook delivery failed");
    else log.debug({ deliveryId: delivery.id, endpointId: endpoint.id, attempt: attemptNumber }, "webhook delivered");
    return disabled;
  };

  /** One endpoint's claimed deliveries, one after another, so a disable takes effect before the next send. */
  const deliverTo = async (endpoint: WebhookEndpoint, deliveries: WebhookDelivery[]) => {
    for (const delivery of deliveries) {
      if (endpoint.disabled_at) {
        // Disabled since the message was queued: fail what is left rather than send it.
        await failPendingDeliveries(db, endpoint.id);
        return;
      }
      const at = new Date();
      const result = await send(endpoint, delivery);
      if (await record(endpoint, delivery, at, result)) endpoint = { ...endpoint, disabled_at: new Date() };
    }
  };

  /** Endpoints this process is sending to; the next claim leaves their deliveries alone, so each endpoint keeps its order. */
  const busy = new Set<string>();

  const track = <T>(set: Set<Promise<unknown>>, promise: Promise<T>): Promise<T> => {
    set.add(promise);
    const forget = () => set.delete(promise);
    promise.then(forget, forget);
    return promise;
  };

  /** Claims, and starts sending to each endpoint on its own; resolves once claimed, with the sends still running. */
  const claimAndSend = async (): Promise<{ claimed: number; sent: Promise<unknown> }> => {
    const claimed = await claim([...busy]);
    const byEndpoint = new Map<string, WebhookDelivery[]>();
    for (const delivery of claimed) byEndpoint.set(delivery.endpoint_id, [...(byEndpoint.get(delivery.endpoint_id) ?? []), delivery]);
    for (const endpointId of byEndpoint.keys()) busy.add(endpointId);
    let endpoints: Map<string, WebhookEndpoint>;
    try {
      endpoints = new Map((byEndpoint.size ? await db.selectFrom("webhook_endpoints").selectAll().where("id", "in", [...byEndpoint.keys()]).execute() : []).map((e) => [e.id, e]));
    } catch (error) {
      for (const endpointId of byEndpoint.keys()) busy.delete(endpointId);
      throw error;
    }
    const sends = [...byEndpoint].map(async ([endpointId, deliveries]) => {
      try {
        // A deleted endpoint took its deliveries with it (cascade); nothing to do.
        const endpoint = endpoints.get(endpointId);
        if (endpoint) await deliverTo(endpoint, deliveries);
      } catch (error) {
        // The lease expires and another round picks the rest up; other endpoints carry on.
        log.error({ err: error, endpointId }, "webhook dispatch failed for an endpoint");
      } finally {
        busy.delete(endpointId);
      }
    });
    return { claimed: claimed.length, sent: track(sending, Promise.all(sends)) };
  };
  const startRound = () => track(rounds, claimAndSend());

  const runOnce = async (): Promise<number> => {
    if (stopped) return 0;
    const { claimed, sent } = await startRound();
    await sent;
    return claimed;
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      timer = null;
      if (busy.size >= MAX_BUSY_ENDPOINTS) {
        schedule(intervalMs);
        return;
      }
      // The next claim does not wait for this round's sends: one slow endpoint must not hold up the others.
      startRound().then(
        ({ claimed }) => schedule(claimed >= BATCH_SIZE ? 0 : intervalMs),
        (error: unknown) => {
          log.warn({ err: error }, "webhook dispatch round failed; retrying");
          schedule(intervalMs);
        },
      );
    }, delayMs);
    // Never keep a process alive just to poll.
    timer.unref();
  };
  schedule(intervalMs);

  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await Promise.allSettled([...rounds]);
      await Promise.allSettled([...sending]);
    },
  };
};

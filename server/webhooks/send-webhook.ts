import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { performance } from "node:perf_hooks";
import { Webhook } from "standardwebhooks";
import { ReelgenError } from "../../script/reelgen-error";
import { blockedAddressReason, checkWebhookUrl, lookupAll } from "./check-webhook-url";

/** Response bytes read before hanging up; the body carries no meaning for a webhook. */
const MAX_RESPONSE_BYTES = 64 * 1024;
/** How long one delivery may take by default, from connecting to the response's status. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
const USER_AGENT = "reelgen-webhooks/1";

export type WebhookDeliveryResult = {
  /** The receiver answered 2xx. */
  ok: boolean;
  /** The HTTP status, or `null` when no response arrived (DNS, connect, blocked address, timeout). */
  status: number | null;
  /** Why the delivery failed, `null` when ok. Safe to store and show to the endpoint's owner. */
  error: string | null;
  durationMs: number;
};

/**
 * A `lookup` for `http.request` that resolves like `dns.lookup` but fails when any answer is a
 * blocked address. The socket connects to exactly what this returns, so a name that resolved to a
 * public address in `checkWebhookUrl` and to 127.0.0.1 a moment later (DNS rebinding) is refused.
 */
const guardedLookup =
  (lookup: typeof dns.lookup, allowLoopback: boolean): LookupFunction =>
  (hostname, options, callback) => {
    lookupAll(lookup, hostname, { family: options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : options.family, hints: options.hints }).then(
      (addresses) => {
        const reason = addresses.length === 0 ? `${hostname} resolved to no addresses` : addresses.map((a) => blockedAddressReason(a.address, allowLoopback)).find((r) => r !== null);
        if (reason) {
          const error: NodeJS.ErrnoException = new Error(`blocked address: ${reason}`);
          error.code = "WEBHOOK_ADDRESS_BLOCKED";
          callback(error, "", 0);
        } else if (options.all) {
          callback(null, addresses);
        } else {
          callback(null, addresses[0]!.address, addresses[0]!.family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, "", 0),
    );
  };

const describeError = (error: unknown): string => {
  // With autoSelectFamily (Node's default) a failed connect to every address is an AggregateError with an empty message.
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describeError).join("; ");
  const e = error as NodeJS.ErrnoException;
  const message = e?.message ?? String(error);
  return e?.code && !message.includes(e.code) ? `${e.code}: ${message}` : message;
};

/**
 * Delivers one webhook message: a JSON POST signed per Standard Webhooks (`webhook-id`,
 * `webhook-timestamp`, `webhook-signature`). During secret rotation pass the other secret(s) in
 * `extraSecrets`; the signature header then carries one `v1,…` per secret, space-separated, and a
 * receiver holding either secret verifies it.
 *
 * SSRF: the URL is checked with {@link checkWebhookUrl}, and the connection's own DNS lookup
 * re-applies the address rules (DNS rebinding). Redirects are never followed (a 3xx fails), only
 * the first 64 KB of the response is read, and a fresh socket is used per delivery so a pooled
 * connection made under other rules can never be reused.
 *
 * Never throws for DNS, network or HTTP failures — it returns `ok: false` with an `error`, for the
 * caller to retry (see `retryDelayMs`). A timeout (default 10 s) covers the whole exchange.
 *
 * @param options.lookup resolver to use instead of `dns.lookup` (tests).
 * @throws ReelgenError `WEBHOOK_URL_REJECTED` when the URL fails the checks (not retryable).
 */
export const sendWebhook = async (options: {
  url: string;
  /** `whsec_…` */
  secret: string;
  /** Further secrets to sign with, e.g. the previous one during rotation. */
  extraSecrets?: string[];
  messageId: string;
  timestamp?: Date;
  payload: unknown;
  allowLoopback: boolean;
  timeoutMs?: number;
  signal?: AbortSignal;
  lookup?: typeof dns.lookup;
}): Promise<WebhookDeliveryResult> => {
  const started = performance.now();
  const result = (status: number | null, error: string | null): WebhookDeliveryResult => ({
    ok: error === null,
    status,
    error,
    durationMs: Math.round(performance.now() - started),
  });

  const lookup = options.lookup ?? dns.lookup;
  let url: URL;
  try {
    ({ url } = await checkWebhookUrl(options.url, { allowLoopback: options.allowLoopback, lookup }));
  } catch (error) {
    // A host that does not resolve right now is a delivery failure worth retrying, not a bad URL.
    const cause = error instanceof ReelgenError ? (error.cause as NodeJS.ErrnoException | undefined) : undefined;
    if (typeof cause?.code === "string") return result(null, `DNS lookup failed: ${describeError(cause)}`);
    throw error;
  }

  const body = JSON.stringify(options.payload) ?? "null";
  const timestamp = options.timestamp ?? new Date();
  const signature = [options.secret, ...(options.extraSecrets ?? [])].map((secret) => new Webhook(secret).sign(options.messageId, timestamp, body)).join(" ");
  const headers = {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(body)),
    "user-agent": USER_AGENT,
    "webhook-id": options.messageId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signature,
  };

  if (options.signal?.aborted) return result(null, "aborted");
  const timeoutMs = options.timeoutMs ?? WEBHOOK_TIMEOUT_MS;

  return new Promise<WebhookDeliveryResult>((resolve) => {
    let status: number | null = null;
    let settled = false;
    const finish = (error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onAbort);
      request.destroy();
      resolve(result(status, error));
    };
    // Once a status line arrived the receiver has answered; a slow body does not change that.
    const verdict = () => (status === null ? null : status >= 200 && status < 300 ? null : status >= 300 && status < 400 ? "redirects are not followed" : `receiver answered HTTP ${status}`);
    const stop = (why: string) => finish(status === null ? why : verdict());
    const onAbort = () => stop("aborted");

    const request = (url.protocol === "https:" ? https : http).request(
      url,
      {
        method: "POST",
        headers,
        lookup: guardedLookup(lookup, options.allowLoopback),
        // No pooling: a kept-alive socket is keyed by host:port only and could have been opened under other rules.
        agent: false,
      },
      (response) => {
        status = response.statusCode ?? null;
        let received = 0;
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received >= MAX_RESPONSE_BYTES) finish(verdict());
        });
        response.on("end", () => finish(verdict()));
        response.on("error", () => finish(verdict()));
      },
    );
    const timer = setTimeout(() => stop(`timed out after ${timeoutMs} ms`), timeoutMs);
    options.signal?.addEventListener("abort", onAbort, { once: true });
    request.on("error", (error) => stop(describeError(error)));
    request.end(body);
  });
};

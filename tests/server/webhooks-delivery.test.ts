import type dns from "node:dns";
import http from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { Webhook } from "standardwebhooks";
import { afterEach, describe, expect, it } from "vitest";
import { ReelgenError } from "../../script/reelgen-error";
import { checkWebhookUrl, isBlockedAddress } from "../../server/webhooks/check-webhook-url";
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from "../../server/webhooks/retry-delay";
import { sendWebhook } from "../../server/webhooks/send-webhook";
import { generateWebhookSecret } from "../../server/webhooks/webhook-secret";

// Stands in for a public host; there is no internet here, so nothing may ever connect to it.
const PUBLIC_IP = "93.184.215.14";

/** A `dns.lookup` stand-in: `answer(hostname, callNumber)` gives the addresses, or null for ENOTFOUND. */
const fakeLookup = (answer: (hostname: string, call: number) => string[] | null) => {
  let calls = 0;
  const lookup = (hostname: string, _options: unknown, callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void) => {
    const addresses = answer(hostname, ++calls);
    process.nextTick(() => {
      if (addresses === null) callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" }), []);
      else callback(null, addresses.map((address) => ({ address, family: net.isIP(address) })));
    });
  };
  return { lookup: lookup as unknown as typeof dns.lookup, calls: () => calls };
};

const publicLookup = fakeLookup((hostname) => (hostname === "example.com" ? [PUBLIC_IP] : null)).lookup;

type Received = { headers: http.IncomingHttpHeaders; body: string };

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A loopback HTTP server recording every request it gets; `respond` answers once the body is in. */
const startReceiver = async (respond: (req: http.IncomingMessage, res: http.ServerResponse, body: string) => void) => {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: req.headers, body });
      respond(req, res, body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, url: `http://127.0.0.1:${port}/hook`, received };
};

const expectRejected = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReelgenError);
  expect((error as ReelgenError).code).toBe("WEBHOOK_URL_REJECTED");
  expect((error as ReelgenError).message).not.toBe("");
  return error as ReelgenError;
};

const verifyWith = (secret: string, received: Received) => new Webhook(secret).verify(received.body, received.headers as Record<string, string>);

describe("checkWebhookUrl", () => {
  const blocked = [
    "ftp://example.com",
    "file:///etc/passwd",
    "http://user:pw@example.com",
    "http://127.0.0.1/",
    "http://localhost/",
    "http://[::1]/",
    "http://10.1.2.3/",
    "http://172.16.0.1/",
    "http://192.168.1.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fe80::1]/",
    "http://[fc00::1]/",
    "http://0.0.0.0/",
    "http://100.64.0.1/",
    "http://[::ffff:127.0.0.1]/",
    "http://[::ffff:10.0.0.1]/",
    "http://2130706433/",
    "http://0x7f.1/",
    "http://127.1/",
    "http://0177.0.0.1/",
    "http://224.0.0.1/",
    "http://255.255.255.255/",
    "http://240.0.0.1/",
    "http://[::]/",
    "http://[ff02::1]/",
    "http://[2002:7f00:1::]/", // 6to4 around 127.0.0.1
    "http://[64:ff9b::a00:1]/", // NAT64 around 10.0.0.1
    "http://[::7f00:1]/", // IPv4-compatible 127.0.0.1
    "http://[::127.0.0.1]/",
    "http://[::a9fe:a9fe]/", // IPv4-compatible 169.254.169.254 (cloud metadata)
    "http://[::10.0.0.1]/",
    "http://[::2]/", // 0.0.0.2
    "http://metadata.google.internal/computeMetadata/v1/",
    "http://metadata.google.internal./",
    "not a url",
  ];
  it.each(blocked)("rejects %s", async (url) => {
    await expectRejected(checkWebhookUrl(url, { allowLoopback: false }));
  });

  it("says why", async () => {
    expect((await expectRejected(checkWebhookUrl("ftp://example.com", { allowLoopback: false }))).message).toMatch(/http or https/);
    expect((await expectRejected(checkWebhookUrl("http://user:pw@example.com", { allowLoopback: false }))).message).toMatch(/credentials/);
    expect((await expectRejected(checkWebhookUrl("http://2130706433/", { allowLoopback: false }))).message).toMatch(/127\.0\.0\.1.*loopback/);
    expect((await expectRejected(checkWebhookUrl("http://169.254.169.254/", { allowLoopback: true }))).message).toMatch(/linkLocal/);
  });

  it("judges IPv4-compatible addresses (::/96) by the IPv4 inside, even with loopback allowed", async () => {
    expect((await expectRejected(checkWebhookUrl("http://[::7f00:1]/", { allowLoopback: false }))).message).toBe("webhook host ::7f00:1 embeds 127.0.0.1 (127.0.0.1 is a loopback address)");
    expect((await expectRejected(checkWebhookUrl("http://[::a9fe:a9fe]/latest/meta-data/", { allowLoopback: true }))).message).toBe(
      "webhook host ::a9fe:a9fe embeds 169.254.169.254 (169.254.169.254 is not a public address (linkLocal))",
    );
    await expectRejected(checkWebhookUrl("http://[::7f00:1]/", { allowLoopback: true }));
    const viaName = fakeLookup(() => ["::a9fe:a9fe"]).lookup;
    expect((await expectRejected(checkWebhookUrl("https://sneaky.example/", { allowLoopback: false, lookup: viaName }))).message).toMatch(/sneaky\.example resolves to ::a9fe:a9fe embeds 169\.254\.169\.254/);
    // A public IPv4 inside is as public as the IPv4 itself.
    await expect(checkWebhookUrl("http://[::808:808]/", { allowLoopback: false })).resolves.toMatchObject({ addresses: ["::808:808"] });
  });

  it("allows loopback only when asked, and still rejects private and link-local", async () => {
    await expect(checkWebhookUrl("http://127.0.0.1:8080/hook", { allowLoopback: true })).resolves.toMatchObject({ addresses: ["127.0.0.1"] });
    const local = await checkWebhookUrl("http://localhost/hook", { allowLoopback: true });
    expect(local.addresses.length).toBeGreaterThan(0);
    expect(local.url.hostname).toBe("localhost");
    await checkWebhookUrl("http://[::1]/", { allowLoopback: true });
    for (const url of ["http://10.0.0.1/", "http://169.254.169.254/latest/meta-data/", "http://192.168.1.1/", "http://[fd00:ec2::254]/", "http://[::ffff:10.0.0.1]/", "http://[2002:7f00:1::]/"]) {
      await expectRejected(checkWebhookUrl(url, { allowLoopback: true }));
    }
  });

  it("accepts a host whose every address is public, and rejects one with any non-public address", async () => {
    const checked = await checkWebhookUrl("https://example.com/hooks?x=1", { allowLoopback: false, lookup: publicLookup });
    expect(checked.addresses).toEqual([PUBLIC_IP]);
    expect(checked.url.href).toBe("https://example.com/hooks?x=1");
    const mixed = fakeLookup(() => [PUBLIC_IP, "10.0.0.7"]).lookup;
    expect((await expectRejected(checkWebhookUrl("https://mixed.example/", { allowLoopback: false, lookup: mixed }))).message).toMatch(/10\.0\.0\.7/);
  });

  it("rejects a host that does not resolve, keeping the resolver error as the cause", async () => {
    const error = await expectRejected(checkWebhookUrl("https://nowhere.example/", { allowLoopback: false, lookup: publicLookup }));
    expect((error.cause as NodeJS.ErrnoException).code).toBe("ENOTFOUND");
  });

  it("classifies addresses with ipaddr.js ranges, judging embedded IPv4 by the IPv4", () => {
    for (const address of ["8.8.8.8", PUBLIC_IP, "2606:2800:21f:cb07:6820:80da:af6b:8b2c", "::ffff:8.8.8.8", "2002:5db8:d70e::1", "64:ff9b::808:808"]) {
      expect(isBlockedAddress(address, false), address).toBe(false);
    }
    for (const address of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::7f00:1", "::a9fe:a9fe", "::a00:1", "::c0a8:101", "10.0.0.1", "172.31.255.255", "100.127.0.1", "198.18.0.1", "fe80::1%eth0", "fec0::1", "2001:db8::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "64:ff9b:1::1", "not-an-ip"]) {
      expect(isBlockedAddress(address, false), address).toBe(true);
    }
    expect(isBlockedAddress("127.0.0.1", true)).toBe(false);
    expect(isBlockedAddress("::ffff:127.0.0.1", true)).toBe(false);
    expect(isBlockedAddress("10.0.0.1", true)).toBe(true);
  });
});

describe("sendWebhook", () => {
  const secret = generateWebhookSecret();
  const payload = { type: "render.succeeded", data: { renderId: "rnd_1", url: "https://cdn.example/v.mp4", note: "ünïcødé" } };

  it("POSTs a Standard Webhooks signed JSON body that the receiver verifies", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(204).end());
    const result = await sendWebhook({ url: receiver.url, secret, messageId: "msg_1", payload, allowLoopback: true });
    expect(result).toMatchObject({ ok: true, status: 204, error: null });
    expect(result.durationMs).toBeGreaterThanOrEqual(0);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.headers["content-type"]).toBe("application/json");
    expect(got.headers["user-agent"]).toBe("reelgen-webhooks/1");
    expect(got.headers["webhook-id"]).toBe("msg_1");
    expect(Math.abs(Number(got.headers["webhook-timestamp"]) - Date.now() / 1000)).toBeLessThan(10);
    expect(got.headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/=]+$/);
    expect(verifyWith(secret, got)).toEqual(payload);
    expect(() => verifyWith(generateWebhookSecret(), got)).toThrow(/signature/);
  });

  it("signs with every secret during rotation, so a receiver with only the old one verifies", async () => {
    const oldSecret = generateWebhookSecret();
    const receiver = await startReceiver((_req, res) => res.writeHead(200).end("thanks"));
    const result = await sendWebhook({ url: receiver.url, secret, extraSecrets: [oldSecret], messageId: "msg_2", payload, allowLoopback: true });
    expect(result.ok).toBe(true);
    const got = receiver.received[0]!;
    expect(String(got.headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verifyWith(oldSecret, got)).toEqual(payload);
    expect(verifyWith(secret, got)).toEqual(payload);
  });

  it("uses the given timestamp in the signed content", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(200).end());
    const timestamp = new Date(Date.now() - 60_000);
    await sendWebhook({ url: receiver.url, secret, messageId: "msg_t", timestamp, payload, allowLoopback: true });
    const got = receiver.received[0]!;
    expect(got.headers["webhook-timestamp"]).toBe(String(Math.floor(timestamp.getTime() / 1000)));
    expect(verifyWith(secret, got)).toEqual(payload);
  });

  it("throws WEBHOOK_URL_REJECTED for a loopback receiver unless loopback is allowed", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(200).end());
    await expectRejected(sendWebhook({ url: receiver.url, secret, messageId: "msg_3", payload, allowLoopback: false }));
    expect(receiver.received).toHaveLength(0);
  });

  it("re-checks addresses when connecting, so DNS rebinding cannot reach loopback", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(200).end());
    const rebinding = fakeLookup((_hostname, call) => (call === 1 ? [PUBLIC_IP] : ["127.0.0.1"]));
    const result = await sendWebhook({ url: `http://rebind.example:${receiver.port}/hook`, secret, messageId: "msg_4", payload, allowLoopback: false, lookup: rebinding.lookup });
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/blocked address.*127\.0\.0\.1/);
    expect(rebinding.calls()).toBe(2);
    expect(receiver.received).toHaveLength(0);
  });

  it("re-checks addresses when connecting, so a name rebinding to an IPv4-compatible loopback (::7f00:1) is refused", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(200).end());
    const rebinding = fakeLookup((_hostname, call) => (call === 1 ? [PUBLIC_IP] : ["::7f00:1"]));
    const result = await sendWebhook({ url: `http://rebind6.example:${receiver.port}/hook`, secret, messageId: "msg_4b", payload, allowLoopback: true, lookup: rebinding.lookup });
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/blocked address: ::7f00:1 embeds 127\.0\.0\.1/);
    expect(rebinding.calls()).toBe(2);
    expect(receiver.received).toHaveLength(0);
  });

  it("connects through the guarded lookup when the name stays allowed", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(200).end());
    const stable = fakeLookup(() => ["127.0.0.1"]);
    const result = await sendWebhook({ url: `http://hooks.test:${receiver.port}/hook`, secret, messageId: "msg_5", payload, allowLoopback: true, lookup: stable.lookup });
    expect(result.ok).toBe(true);
    expect(stable.calls()).toBe(2);
    expect(receiver.received[0]!.headers.host).toBe(`hooks.test:${receiver.port}`);
  });

  it("returns ok:false (does not throw) when the host does not resolve", async () => {
    const result = await sendWebhook({ url: "https://nowhere.example/hook", secret, messageId: "msg_6", payload, allowLoopback: false, lookup: publicLookup });
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/ENOTFOUND/);
  });

  it("reports a refused connection to every address as ok:false with the reasons", async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const both = fakeLookup(() => ["127.0.0.1", "::1"]).lookup;
    const result = await sendWebhook({ url: `http://gone.test:${port}/hook`, secret, messageId: "msg_r", payload, allowLoopback: true, lookup: both });
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/ECONNREFUSED 127\.0\.0\.1/);
  });

  it("does not follow redirects", async () => {
    const target = await startReceiver((_req, res) => res.writeHead(200).end());
    const redirector = await startReceiver((_req, res) => res.writeHead(302, { location: target.url }).end());
    const result = await sendWebhook({ url: redirector.url, secret, messageId: "msg_7", payload, allowLoopback: true });
    expect(result).toMatchObject({ ok: false, status: 302, error: "redirects are not followed" });
    expect(redirector.received).toHaveLength(1);
    expect(target.received).toHaveLength(0);
  });

  it("treats a non-2xx answer as a failure", async () => {
    const receiver = await startReceiver((_req, res) => res.writeHead(500).end("boom"));
    const result = await sendWebhook({ url: receiver.url, secret, messageId: "msg_8", payload, allowLoopback: true });
    expect(result).toMatchObject({ ok: false, status: 500 });
    expect(result.error).toMatch(/500/);
  });

  it("gives up after timeoutMs on a receiver that never answers", async () => {
    const receiver = await startReceiver(() => {});
    const started = Date.now();
    const result = await sendWebhook({ url: receiver.url, secret, messageId: "msg_9", payload, allowLoopback: true, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result).toMatchObject({ ok: false, status: null });
    expect(result.error).toMatch(/timed out/);
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(receiver.received).toHaveLength(1);
  });

  it("stops when the caller's signal aborts", async () => {
    const receiver = await startReceiver(() => {});
    const result = await sendWebhook({ url: receiver.url, secret, messageId: "msg_10", payload, allowLoopback: true, signal: AbortSignal.timeout(100) });
    expect(result).toMatchObject({ ok: false, status: null, error: "aborted" });
  });

  it("returns without reading all of a huge response body", async () => {
    let written = 0;
    const receiver = await startReceiver((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      let closed = false;
      res.on("close", () => (closed = true));
      // Endless, with backpressure: the sender has to hang up for this to stop.
      const pump = () => {
        while (!closed && written < 1024 ** 3) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
      };
      pump();
    });
    const result = await sendWebhook({ url: receiver.url, secret, messageId: "msg_11", payload, allowLoopback: true, timeoutMs: 5000 });
    expect(result).toMatchObject({ ok: true, status: 200, error: null });
    expect(result.durationMs).toBeLessThan(2000);
    expect(written).toBeLessThan(64 * 1024 * 1024);
  }, 10_000);
});

describe("retryDelayMs", () => {
  const top = () => 1 - Number.EPSILON;
  it("grows with each attempt and is capped at 6 h", () => {
    const delays = Array.from({ length: 10 }, (_, i) => retryDelayMs(i + 1, top));
    for (let i = 1; i < delays.length; i++) expect(delays[i]!, `attempt ${i + 1}`).toBeGreaterThanOrEqual(delays[i - 1]!);
    expect(delays[0]).toBe(5_000);
    expect(delays[1]!).toBeGreaterThan(delays[0]!);
    expect(retryDelayMs(8, top)).toBe(6 * 3600_000);
    expect(retryDelayMs(1000, top)).toBe(6 * 3600_000);
    expect(retryDelayMs(1000, () => 0)).toBe(3 * 3600_000);
  });

  it("is jittered within [half, full] of the nominal delay", () => {
    for (const attempt of [1, 3, 6, 12]) {
      const nominal = retryDelayMs(attempt, top);
      const values = new Set([0, 0.25, 0.5, 0.75].map((r) => retryDelayMs(attempt, () => r)));
      expect(values.size).toBe(4);
      for (const value of values) {
        expect(value).toBeGreaterThanOrEqual(nominal / 2);
        expect(value).toBeLessThanOrEqual(nominal);
      }
      const random = retryDelayMs(attempt);
      expect(random).toBeGreaterThanOrEqual(nominal / 2);
      expect(random).toBeLessThanOrEqual(nominal);
    }
  });

  it("spreads MAX_DELIVERY_ATTEMPTS over more than a day", () => {
    let total = 0;
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS; attempt++) total += retryDelayMs(attempt, top);
    expect(total).toBeGreaterThan(24 * 3600_000);
    expect(total).toBeLessThan(7 * 24 * 3600_000);
  });

  it("rejects attempts below 1", () => {
    expect(() => retryDelayMs(0)).toThrow(RangeError);
    expect(() => retryDelayMs(1.5)).toThrow(RangeError);
  });
});

describe("generateWebhookSecret", () => {
  it("makes distinct whsec_ secrets of 32 random bytes", () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(a.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});

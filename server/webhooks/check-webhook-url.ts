import dns from "node:dns";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { ReelgenError } from "../../script/reelgen-error";

/**
 * Names that reach a cloud provider's instance-metadata service (credentials live there). Their
 * addresses are link-local or private and blocked anyway; naming them gives a clearer message and
 * still holds if a resolver maps them somewhere unexpected.
 */
const METADATA_HOSTNAMES = new Set([
  "metadata",
  "metadata.google.internal",
  "metadata.goog",
  "instance-data",
  "instance-data.ec2.internal",
  "metadata.azure.internal",
]);

/** `.internal` is ICANN's private-use TLD (2024): never a customer's public endpoint. */
const PRIVATE_TLDS = [".internal"];

/**
 * IPv4-compatible addresses (`::a.b.c.d`, deprecated by RFC 4291): ipaddr.js has no range for them
 * and calls them unicast, yet `::7f00:1` is 127.0.0.1 written another way. `::` and `::1` are in
 * it too but have ranges of their own (unspecified, loopback).
 */
const IPV4_COMPATIBLE = ipaddr.IPv6.parseCIDR("::/96");

const isIPv4Compatible = (address: ipaddr.IPv6): boolean => address.range() === "unicast" && address.match(IPV4_COMPATIBLE);

/** IPv6 ranges that carry an IPv4 address inside them; the embedded address is what gets reached. */
const embeddedIPv4 = (address: ipaddr.IPv6): ipaddr.IPv4 | null => {
  const p = address.parts;
  const fromParts = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  // ::a.b.c.d: the last 32 bits.
  if (isIPv4Compatible(address)) return fromParts(p[6]!, p[7]!);
  switch (address.range()) {
    // 2002:AABB:CCDD::/16 tunnels to AA.BB.CC.DD.
    case "6to4":
      return fromParts(p[1]!, p[2]!);
    // Teredo: 2001:0:SSSS:SSSS:flags:port:CCCC:CCCC, client address stored inverted.
    case "teredo":
      return fromParts(p[6]! ^ 0xffff, p[7]! ^ 0xffff);
    // NAT64 well-known prefix 64:ff9b::/96 and SIIT ::ffff:0:0:0/96: last 32 bits.
    case "rfc6052":
    case "rfc6145":
      return fromParts(p[6]!, p[7]!);
    default:
      return null;
  }
};

/**
 * Why `address` must not be connected to, or `null` when it is public unicast. Shared by the
 * registration-time check and the connect-time DNS lookup so both apply exactly the same rules.
 */
export const blockedAddressReason = (address: string, allowLoopback: boolean): string | null => {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  // process() turns IPv4-mapped IPv6 (::ffff:127.0.0.1) into the IPv4 it really reaches.
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (range === "unicast" && !(ip.kind() === "ipv6" && isIPv4Compatible(ip as ipaddr.IPv6))) return null;
  if (range === "loopback") return allowLoopback ? null : `${address} is a loopback address`;
  if (ip.kind() === "ipv6") {
    const v6 = ip as ipaddr.IPv6;
    // NAT64's local-use /48 (64:ff9b:1::/48) has no fixed embedding; only the /96 well-known prefix is decodable.
    const decodable = range !== "rfc6052" || v6.match(ipaddr.IPv6.parseCIDR("64:ff9b::/96"));
    const inner = decodable ? embeddedIPv4(v6) : null;
    if (inner) {
      // A tunnel to loopback is never a dev receiver; judge the inner address strictly.
      const innerReason = blockedAddressReason(inner.toString(), false);
      return innerReason === null ? null : `${address} embeds ${inner.toString()} (${innerReason})`;
    }
  }
  return `${address} is not a public address (${range})`;
};

/** Whether `address` (an IP literal) is anything but public unicast; loopback passes only with `allowLoopback`. */
export const isBlockedAddress = (address: string, allowLoopback: boolean): boolean => blockedAddressReason(address, allowLoopback) !== null;

/** Every address `hostname` resolves to, like the resolver `http.request` uses when connecting. */
export const lookupAll = (lookup: typeof dns.lookup, hostname: string, options: { family?: number; hints?: number } = {}): Promise<dns.LookupAddress[]> =>
  new Promise((resolve, reject) => {
    lookup(hostname, { family: options.family ?? 0, hints: options.hints, all: true }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });

const reject = (message: string, cause?: unknown): never => {
  throw new ReelgenError({ code: "WEBHOOK_URL_REJECTED", message, cause });
};

/**
 * SSRF guard for customer-supplied webhook URLs: only `http:`/`https:` without credentials, not a
 * metadata hostname, and EVERY address the host resolves to must be public unicast (loopback only
 * with `allowLoopback`, for local development). Numeric host forms (`2130706433`, `0x7f.1`, `127.1`)
 * are normalised by the WHATWG URL parser, so the dotted form is what gets checked.
 *
 * This alone cannot stop DNS rebinding (the name may resolve differently when connecting);
 * `sendWebhook` re-applies {@link blockedAddressReason} in its connect-time lookup.
 *
 * @throws ReelgenError `WEBHOOK_URL_REJECTED` saying why. When the host could not be resolved at all
 *   the resolver's error is the `cause` (it has a string `code` such as `ENOTFOUND`), so a caller
 *   can tell a transient DNS failure from a forbidden URL.
 */
export const checkWebhookUrl = async (
  url: string,
  options: { allowLoopback: boolean; lookup?: typeof dns.lookup },
): Promise<{ url: URL; addresses: string[] }> => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return reject("webhook URL is not a valid absolute URL");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return reject(`webhook URL must use http or https, not ${parsed.protocol.replace(/:$/, "")}`);
  if (parsed.username || parsed.password) return reject("webhook URL must not contain credentials");

  // IPv6 literals come bracketed; a trailing dot is the same DNS name.
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "").toLowerCase();
  if (!host) return reject("webhook URL has no host");
  if (METADATA_HOSTNAMES.has(host)) return reject(`webhook host ${host} is a cloud metadata service`);
  if (PRIVATE_TLDS.some((tld) => host.endsWith(tld))) return reject(`webhook host ${host} is in a private-use domain`);

  let addresses: string[];
  if (net.isIP(host)) {
    addresses = [host];
  } else {
    try {
      addresses = (await lookupAll(options.lookup ?? dns.lookup, host)).map((entry) => entry.address);
    } catch (error) {
      return reject(`webhook host ${host} could not be resolved (${(error as NodeJS.ErrnoException).code ?? String(error)})`, error);
    }
    if (addresses.length === 0) return reject(`webhook host ${host} resolved to no addresses`);
  }
  for (const address of addresses) {
    const reason = blockedAddressReason(address, options.allowLoopback);
    if (reason) return reject(net.isIP(host) ? `webhook host ${reason}` : `webhook host ${host} resolves to ${reason}`);
  }
  return { url: parsed, addresses };
};

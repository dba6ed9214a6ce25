import fc from "fast-check";

/**
 * JSON text placed as is into a body: values `JSON.stringify` cannot write (nesting thousands
 * deep overflows its stack) or will not write (`NaN`, `1e400`, duplicate keys, bare `-0`).
 */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Sets an own, enumerable property even for `__proto__` (an object literal would set the prototype instead). */
export const withOwnKey = (target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/**
 * JSON text of a value that may hold {@link RawJson} parts. Lone surrogates come out as `\udXXX`
 * escapes (valid JSON that parses back into the lone surrogate).
 */
export const toJsonText = (value: unknown): string => {
  if (value instanceof RawJson) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(",")}]`;
  if (typeof value === "object" && value !== null) return `{${Object.keys(value).map((k) => `${JSON.stringify(k)}:${toJsonText((value as Record<string, unknown>)[k])}`).join(",")}}`;
  if (value === undefined) return "null";
  return JSON.stringify(value);
};

/** `[[[…1…]]]` or `{"a":{"a":…1…}}`, `depth` levels, as text. */
export const nestedJson = (depth: number, kind: "array" | "object" = "array"): RawJson =>
  new RawJson(kind === "array" ? `${"[".repeat(depth)}1${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`);

/** Text that has broken parsers, validators, databases and file paths before. */
export const HOSTILE_STRINGS: string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\ud800",
  "a\udc00b",
  "\udbff\udbff",
  "\u202egnp.exe",
  "\ufeff",
  "\u200b",
  "👩‍👩‍👧‍👦",
  "e\u0301\u0301\u0301\u0301",
  "ｆｕｌｌｗｉｄｔｈ",
  "日本語のテキスト",
  "مرحبا",
  "\r\n\r\n",
  "\t",
  "../../../../../../etc/passwd",
  "..%2f..%2fetc%2fpasswd",
  "/proc/self/environ",
  "/dev/zero",
  "C:\\Windows\\win.ini",
  "%00",
  "%",
  "%ZZ",
  "{{constructor}}",
  "{{__proto__}}",
  "${process.env}",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "\"; DROP TABLE users; --",
  "media:00000000-0000-0000-0000-000000000000",
  "media:../../etc/passwd",
  "http://169.254.169.254/latest/meta-data/",
  "http://[::7f00:1]/",
  "file:///etc/passwd",
  "javascript:alert(1)",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "NaN",
  "Infinity",
  "-0",
  "1e308",
  "9007199254740993",
  "0x10",
  "true",
  "null",
  "0000-01-01",
  "9999-12-31",
  "275760-09-13",
  "+275760-09-13T00:00:00.000Z",
  "-271821-04-20",
  "2024-02-30",
  "1970-01-01T00:00:00Z",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "x".repeat(10_000),
  "é".repeat(5_000),
];

/** Numbers at the edges, as JSON text: some are not JSON at all (`NaN`), some parse to ±Infinity or lose precision. */
export const HOSTILE_NUMBERS: RawJson[] = [
  "0",
  "-0",
  "1e308",
  "-1e308",
  "1e309",
  "-1e400",
  "5e-324",
  "9007199254740993",
  "-9007199254740993",
  "2147483648",
  "-1",
  "1.5",
  "0.0000001",
  "123456789012345678901234567890",
  "NaN",
  "Infinity",
  "-Infinity",
  "1_000",
  "01",
  ".5",
  "+1",
].map((t) => new RawJson(t));

const prototypeKeyed = fc.constantFrom("__proto__", "constructor", "prototype").chain((key) =>
  fc.constantFrom<unknown>({ admin: true }, { prototype: { polluted: 1 } }, null, 1, "x", []).map((value) => withOwnKey({}, key, value)),
);

/**
 * One hostile JSON value: edge text and numbers, wrong types, prototype keys, nesting far past
 * any limit, duplicate keys, large arrays and strings. `big` adds values near the 5 MB body
 * limit (slow to send, so callers use it sparingly).
 */
export const hostileValue = (options: { big?: boolean } = {}): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
    { weight: 3, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [[]], [null], { "": "" }, "", 0) },
    { weight: 2, arbitrary: prototypeKeyed },
    { weight: 2, arbitrary: fc.constantFrom(300, 3000, 20_000).chain((depth) => fc.constantFrom(nestedJson(depth, "array"), nestedJson(depth, "object"))) },
    { weight: 1, arbitrary: fc.constantFrom(new RawJson('{"a":1,"a":2}'), new RawJson('{"__proto__":{"x":1},"__proto__":2}'), new RawJson("[1,]"), new RawJson("{'a':1}")) },
    { weight: 1, arbitrary: fc.constantFrom(10_000, 100_000).map((n) => new RawJson(`[${new Array(n).fill("0").join(",")}]`)) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: fc.constantFrom("\ud800", "\udfff", "\u0000", "a", "\u202e", "😀"), maxLength: 8 }) },
    { weight: options.big ? 1 : 0, arbitrary: fc.constantFrom(4_900_000, 5_300_000).map((n) => "y".repeat(n)) },
    { weight: options.big ? 1 : 0, arbitrary: fc.constantFrom(2_400_000, 2_700_000).map((n) => new RawJson(`[${new Array(n).fill("0").join(",")}]`)) },
  );

/**
 * `encodeURIComponent`, except that a lone surrogate (which it refuses) becomes the three bytes
 * UTF-8 would give it (`%ED%A0%80`): what a client that does not check sends.
 */
export const encodeUrlText = (text: string): string =>
  text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|[^\ud800-\udfff]+|[\ud800-\udbff][\udc00-\udfff]/g, (part) => {
    const unit = part.charCodeAt(0);
    if (part.length > 1 || unit < 0xd800 || unit > 0xdfff) return encodeURIComponent(part);
    return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
  });

/** A path segment or query value: hostile text, percent-encoded; sometimes a raw, malformed escape. */
export const hostileUrlText: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 2000)).map(encodeUrlText) },
  { weight: 2, arbitrary: fc.constantFrom("%", "%E0%A4%A", "%FF", "%C0%AF", "%ED%A0%80", "%00", "..%2F..%2F", "%2e%2e", "..", ".", "%252e", "a%20b") },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 30 }).map(encodeUrlText) },
  { weight: 1, arbitrary: fc.constantFrom(2000, 5000).map((n) => "z".repeat(n)) },
);

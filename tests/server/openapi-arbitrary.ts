import fc from "fast-check";
import { RawJson, withOwnKey } from "./hostile-values";

/** The subset of JSON Schema (OpenAPI 3.1) that zod-openapi writes for the API. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
};

export type SchemaArbitraryOptions = {
  /** `components.schemas` of the document, for `$ref`. */
  components: Record<string, JsonSchema>;
  /**
   * Values known to mean something to the server, by property name (`script`: a valid script,
   * `template`: a real template id): mixed in so generated requests get past validation and
   * reach the code behind it.
   */
  hints: Record<string, fc.Arbitrary<unknown>>;
};

/** Generated collections stay small: size is what the hostile values test. */
const MAX_ITEMS = 4;
const MAX_TEXT = 40;

const regexArbitrary = (pattern: string): fc.Arbitrary<string> | null => {
  for (const flags of ["u", ""]) {
    try {
      return fc.stringMatching(new RegExp(pattern, flags));
    } catch {
      // Not every pattern compiles under both flags, and fast-check does not read every construct.
    }
  }
  return null;
};

const stringArbitrary = (schema: JsonSchema): fc.Arbitrary<string> => {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? MAX_TEXT, MAX_TEXT));
  switch (schema.format) {
    case "uuid":
      return fc.uuid();
    case "email":
      return fc.emailAddress();
    case "date":
      return fc.date({ min: new Date("1900-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case "date-time":
      return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    case "uri":
      // Loopback only: the server resolves names it is given, and a test must not query DNS.
      return fc.constantFrom("http://127.0.0.1:9/x", "https://127.0.0.1/", "http://localhost/");
  }
  const matching = schema.pattern ? regexArbitrary(schema.pattern) : null;
  if (matching) return matching.filter((s) => s.length >= minLength && (schema.maxLength === undefined || s.length <= schema.maxLength));
  // Mostly ASCII, sometimes any Unicode.
  return fc.oneof({ weight: 3, arbitrary: fc.string({ unit: "grapheme-ascii", minLength, maxLength }) }, { weight: 1, arbitrary: fc.string({ unit: "grapheme", minLength, maxLength }) });
};

const numberArbitrary = (schema: JsonSchema, integer: boolean): fc.Arbitrary<number> => {
  const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-9) : -1e6);
  const high = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-9) : 1e6);
  if (integer) return fc.integer({ min: Math.max(Math.ceil(low), Number.MIN_SAFE_INTEGER), max: Math.min(Math.floor(high), Number.MAX_SAFE_INTEGER) });
  return fc.double({ min: low, max: high, noNaN: true, noDefaultInfinity: true });
};

/**
 * A fast-check arbitrary of values that satisfy `schema` as far as the document says (zod
 * refinements are not in it, so some values are still refused): the "valid-ish" half of the
 * hostile-input test. Unknown constructs generate any JSON value.
 */
export const schemaArbitrary = (schema: JsonSchema, options: SchemaArbitraryOptions, seen: string[] = []): fc.Arbitrary<unknown> => {
  if (schema.$ref) {
    const name = schema.$ref.replace("#/components/schemas/", "");
    const target = options.components[name];
    // A recursive schema ends in any value rather than looping.
    if (!target || seen.includes(name)) return fc.jsonValue({ maxDepth: 2 });
    return schemaArbitrary(target, options, [...seen, name]);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((c) => schemaArbitrary(c, options, seen)));
  if (schema.allOf?.length) {
    const merged: JsonSchema = { type: "object", properties: {}, required: [] };
    for (const part of schema.allOf) {
      const resolved = part.$ref ? (options.components[part.$ref.replace("#/components/schemas/", "")] ?? {}) : part;
      Object.assign(merged.properties!, resolved.properties);
      merged.required!.push(...(resolved.required ?? []));
    }
    return schemaArbitrary(merged, options, seen);
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => schemaArbitrary({ ...schema, type }, options, seen)));
  switch (types[0]) {
    case "string":
      return stringArbitrary(schema);
    case "integer":
      return numberArbitrary(schema, true);
    case "number":
      return numberArbitrary(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? MAX_ITEMS, MAX_ITEMS));
      return fc.array(schema.items ? schemaArbitrary(schema.items, options, seen) : fc.jsonValue({ maxDepth: 2 }), { minLength, maxLength });
    }
    case "object":
    case undefined: {
      if (!schema.properties && types[0] === undefined) return fc.jsonValue({ maxDepth: 3 });
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const fields = Object.fromEntries(
        Object.entries(properties).map(([name, property]) => {
          const generated = schemaArbitrary(property, options, seen);
          const hint = options.hints[name];
          return [name, hint ? fc.oneof({ weight: 3, arbitrary: hint }, { weight: 1, arbitrary: generated }) : generated];
        }),
      );
      const record = fc.record(fields, { requiredKeys: Object.keys(fields).filter((k) => required.has(k)) });
      const extra = schema.additionalProperties;
      if (!extra) return record;
      const values = extra === true ? fc.jsonValue({ maxDepth: 2 }) : schemaArbitrary(extra, options, seen);
      return fc
        .tuple(record, fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }), values, { maxKeys: MAX_ITEMS }))
        .map(([known, more]) => {
          const out: Record<string, unknown> = { ...known };
          for (const [k, v] of Object.entries(more)) if (!(k in out)) withOwnKey(out, k, v);
          return out;
        });
    }
  }
  return fc.jsonValue({ maxDepth: 2 });
};

type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

/** Every place in a value that could hold something else (at most `limit`, breadth first). */
const slotsOf = (value: unknown, limit = 200): Slot[] => {
  const slots: Slot[] = [];
  const queue: unknown[] = [value];
  while (queue.length && slots.length < limit) {
    const node = queue.shift();
    if (Array.isArray(node)) {
      node.forEach((child, i) => {
        slots.push({ parent: node, key: i });
        queue.push(child);
      });
    } else if (typeof node === "object" && node !== null && !(node instanceof RawJson)) {
      for (const key of Object.keys(node)) {
        slots.push({ parent: node as Record<string, unknown>, key });
        queue.push((node as Record<string, unknown>)[key]);
      }
    }
  }
  return slots;
};

/**
 * A valid-ish value with one part made hostile: a field replaced, a hostile key added next to
 * it, or the whole value replaced. The valid rest carries the hostile part past the first
 * checks and into the code that handles that field.
 */
export const mutatedArbitrary = (valid: fc.Arbitrary<unknown>, hostile: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> =>
  fc.tuple(valid, hostile, fc.nat(), fc.constantFrom("replace", "replace", "replace", "add-key", "whole"), fc.constantFrom("__proto__", "constructor", "x\u0000", "", "a".repeat(300), "extra")).map(([base, bad, pick, how, key]) => {
    // fast-check may hand the same generated object to several cases: edit a copy.
    const value = structuredClone(base);
    const slots = slotsOf(value);
    if (how === "whole" || slots.length === 0) return bad;
    const slot = slots[pick % slots.length]!;
    if (how === "add-key" && !Array.isArray(slot.parent)) {
      withOwnKey(slot.parent, key, bad);
      return value;
    }
    (slot.parent as Record<string | number, unknown>)[slot.key] = bad;
    return value;
  });

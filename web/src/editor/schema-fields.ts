/** A JSON Schema node as `z.toJSONSchema` writes the templates' schemas (GET /v1/templates/:id). */
export type SchemaNode = {
  type?: string;
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  description?: string;
  default?: unknown;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
};

/** The schema of the value at a script path (`["scenes", 0, "transition"]`): numbers step into `items`, names into `properties`. */
export const schemaAt = (root: SchemaNode | null | undefined, path: readonly (string | number)[]): SchemaNode | undefined => {
  let node: SchemaNode | undefined = root ?? undefined;
  for (const key of path) {
    if (!node) return undefined;
    node = typeof key === "number" ? node.items : node.properties?.[key];
  }
  return node;
};

/** The allowed values at a path, from the schema, or `fallback` until the schema has loaded. */
export const enumAt = (root: SchemaNode | null | undefined, path: readonly (string | number)[], fallback: readonly string[]): string[] => {
  const values = schemaAt(root, path)?.enum;
  return values?.every((v): v is string => typeof v === "string") ? values : [...fallback];
};

/** The Script's own top-level fields; anything else a pack's schema has is the pack's own (chat, listicle, promo…). */
export const SCRIPT_FIELDS = new Set(["title", "format", "language", "characters", "scenes", "music", "look", "brand"]);

/** A pack's own top-level fields (objects of plain fields), for the generic part of the form. */
export const packFields = (root: SchemaNode | null | undefined): [string, SchemaNode][] =>
  Object.entries(root?.properties ?? {}).filter(([name, node]) => !SCRIPT_FIELDS.has(name) && node.type === "object" && node.properties);

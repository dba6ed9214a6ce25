import { AppError, type Problem } from "../app-error";

// PostgreSQL cannot store NUL in text or jsonb, nor unpaired surrogates in jsonb; JSON allows
// both, so without this check such a body would be a 500 instead of a 400.
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The JSON path of the first string (or key) in `value` that PostgreSQL cannot store, or `null`. */
const findUnstorable = (value: unknown, path: string): string | null => {
  if (typeof value === "string") return UNSTORABLE.test(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (UNSTORABLE.test(key)) return path;
      const found = findUnstorable(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
};

/**
 * Refuses request fields holding a NUL character or an unpaired UTF-16 surrogate anywhere, with
 * VALIDATION_FAILED naming the JSON path of each (`body.script.scenes[0].lines[0].text`).
 * Fields left `undefined` are skipped.
 */
export const checkStorableJson = (fields: Record<string, unknown>, root = "body"): void => {
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(fields)) {
    const path = value === undefined ? null : findUnstorable(value, `${root}.${name}`);
    if (path) problems.push({ path, message: "contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored" });
  }
  if (problems.length) throw new AppError({ code: "VALIDATION_FAILED", message: `invalid request: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`, problems });
};

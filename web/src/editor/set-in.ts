type Json = unknown;

/**
 * A copy of `doc` with the value at `path` replaced (objects and arrays on the way are copied,
 * nothing else is). `undefined` removes an object key, so a cleared optional field leaves the
 * script instead of becoming `""`.
 */
export const setIn = <T,>(doc: T, path: readonly (string | number)[], value: Json): T => {
  if (path.length === 0) return value as T;
  const [head, ...rest] = path;
  const container: Record<string | number, Json> | Json[] = Array.isArray(doc) ? [...doc] : { ...((doc ?? {}) as Record<string, Json>) };
  const next = setIn((container as Record<string | number, Json>)[head!], rest, value);
  if (next === undefined && !Array.isArray(container)) delete (container as Record<string | number, Json>)[head!];
  else (container as Record<string | number, Json>)[head!] = next;
  return container as T;
};

/** The value at `path`, or undefined where the path leads nowhere. */
export const getIn = (doc: Json, path: readonly (string | number)[]): Json => {
  let node = doc;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string | number, Json>)[key];
  }
  return node;
};

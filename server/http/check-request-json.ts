import { formatPath, underPath } from "../../script/validate-script";
import type { Problem } from "../../script/reelgen-error";

// PostgreSQL cannot store NUL in text or jsonb, nor unpaired surrogates in jsonb; JSON allows
// both, so without this check such a value would be a 500 instead of a 400.
const UNSTORABLE = /\0|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSTORABLE_MESSAGE = "contains a NUL character or an unpaired UTF-16 surrogate, which cannot be stored";

type Container = unknown[] | Record<string, unknown>;
type Frame = { container: Container; keys: string[] | null; next: number };

const isContainer = (value: unknown): value is Container => typeof value === "object" && value !== null;
const frameOf = (container: Container): Frame => ({ container, keys: Array.isArray(container) ? null : Object.keys(container), next: 0 });

/**
 * The first thing in a request's parsed JSON (or query, or path parameters) that the API refuses
 * wherever it appears: arrays and objects nested deeper than `maxDepth`, or a string or key holding
 * a NUL character or an unpaired UTF-16 surrogate. `null` when there is none.
 *
 * It walks with an explicit stack, never recursion, and builds a path only for what it reports,
 * so neither deep nesting nor millions of values can overflow the stack or flood the heap; every
 * function that later walks the value recursively can rely on its depth.
 */
export const checkRequestJson = (value: unknown, root: string, maxDepth: number): Problem | null => {
  if (typeof value === "string") return UNSTORABLE.test(value) ? { path: root, message: UNSTORABLE_MESSAGE } : null;
  if (!isContainer(value)) return null;
  const stack: Frame[] = [frameOf(value)];
  const pathTo = (last: string | number) => underPath(root, formatPath([...stack.slice(0, -1).map((f) => (f.keys ? f.keys[f.next - 1]! : f.next - 1)), last]));
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const size = top.keys ? top.keys.length : (top.container as unknown[]).length;
    if (top.next >= size) {
      stack.pop();
      continue;
    }
    const key: string | number = top.keys ? top.keys[top.next]! : top.next;
    top.next++;
    if (typeof key === "string" && UNSTORABLE.test(key)) return { path: pathTo(key), message: `this key ${UNSTORABLE_MESSAGE}` };
    const child = (top.container as Record<string | number, unknown>)[key];
    if (typeof child === "string") {
      if (UNSTORABLE.test(child)) return { path: pathTo(key), message: UNSTORABLE_MESSAGE };
    } else if (isContainer(child)) {
      if (stack.length >= maxDepth) return { path: pathTo(key), message: `nests arrays and objects deeper than ${maxDepth} levels` };
      stack.push(frameOf(child));
    }
  }
  return null;
};

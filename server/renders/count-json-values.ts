import { ReelgenError } from "../../script/reelgen-error";
import { REQUEST_LIMITS } from "../config";

/**
 * How many JSON values `value` holds, itself included (every string, number, boolean, null, array
 * and object counts one), but at most `limit + 1`: it stops as soon as it has seen more than
 * `limit`, so measuring a hostile 2-million-element array costs no more than measuring `limit`
 * values. It walks with an explicit stack (never deeper than `limit` entries), never recursion.
 */
export const countJsonValues = (value: unknown, limit: number): number => {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const next = stack.pop();
    if (++count > limit) return count;
    if (Array.isArray(next)) {
      // Pushing children one by one would allocate per value; their count alone may already be too many.
      if (count + next.length > limit) return limit + 1;
      for (const item of next) stack.push(item);
    } else if (typeof next === "object" && next !== null) {
      const values = Object.values(next);
      if (count + values.length > limit) return limit + 1;
      for (const item of values) stack.push(item);
    }
  }
  return count;
};

/**
 * Refuses (413, naming `path`) a script holding more than `REQUEST_LIMITS.scriptValues` JSON values,
 * before it is validated: validating millions of wrong values takes seconds and gigabytes (one issue each).
 */
export const refuseOversizedScript = (script: unknown, path: string): void => {
  if (countJsonValues(script, REQUEST_LIMITS.scriptValues) <= REQUEST_LIMITS.scriptValues) return;
  const problem = { path, message: `holds more than ${REQUEST_LIMITS.scriptValues} JSON values (strings, numbers, arrays, objects); a script may hold at most that many` };
  throw new ReelgenError({ code: "PAYLOAD_TOO_LARGE", message: `${problem.path}: ${problem.message}`, problems: [problem] });
};

import type { z } from "zod";
import type { Problem } from "./reelgen-error";
import { crossFieldIssues, ScriptSchema, type Script, type ScriptIssue } from "./schema";

/** A problem with a JSON path in the form `scenes[0].lines[1].speaker` (`(root)` for the document itself). */
export type ScriptProblem = Problem;

export type ValidateScriptResult<T = Script> =
  | { ok: true; script: T }
  | { ok: false; problems: ScriptProblem[] };

/**
 * Validates any JSON value against the Script format (or a pack's extension of it) and returns
 * either the script with defaults filled in, or every problem found, each naming its JSON path
 * and what was expected.
 */
export const validateScript = <T extends Script = Script>(input: unknown, schema: z.ZodType<T> = ScriptSchema as unknown as z.ZodType<T>): ValidateScriptResult<T> => {
  const parsed = schema.safeParse(input, { error: describeIssue });
  if (parsed.success) return { ok: true, script: parsed.data };
  const issues: ScriptIssue[] = parsed.error.issues.map((i) => ({
    path: i.path.filter((p): p is string | number => typeof p !== "symbol"),
    message: i.message,
  }));
  // Zod skips refinements once a script has type errors; run the cross-field rules anyway so
  // one pass reports every problem.
  issues.push(...crossFieldIssues(input));
  const seen = new Set<string>();
  const problems: ScriptProblem[] = [];
  for (const issue of issues) {
    const problem = { path: formatPath(issue.path), message: issue.message };
    const key = `${problem.path}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return { ok: false, problems };
};

/** `["scenes", 0, "lines", 1, "speaker"]` → `scenes[0].lines[1].speaker`. */
export const formatPath = (path: readonly (string | number)[]): string => {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || "(root)";
};

/** A path under a prefix: `("body.script", "scenes[0].id")` → `body.script.scenes[0].id`; `(root)` is the prefix itself. */
export const underPath = (prefix: string, path: string): string => (path === "(root)" ? prefix : path.startsWith("[") ? `${prefix}${path}` : `${prefix}.${path}`);

/** One problem per line: `path: message`. */
export const formatProblems = (problems: readonly ScriptProblem[]): string =>
  problems.map((p) => `${p.path}: ${p.message}`).join("\n");

// Default messages for issues whose schema gives none; they name what was expected and what came.
const describeIssue = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return `is required (expected ${issue.expected})`;
      return `expected ${issue.expected}, got ${describeValue(issue.input)}`;
    case "invalid_value":
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(issue.input)}`;
    case "invalid_union": {
      const discriminator = (issue as { discriminator?: string }).discriminator;
      const options = (issue as { options?: unknown[] }).options;
      if (discriminator && options) {
        const value =
          typeof issue.input === "object" && issue.input !== null
            ? (issue.input as Record<string, unknown>)[discriminator]
            : undefined;
        const got = value === undefined ? "nothing" : describeValue(value);
        return `expected one of ${options.map((o) => JSON.stringify(o)).join(", ")}, got ${got}`;
      }
      return undefined;
    }
    default:
      return undefined;
  }
};

const describeValue = (value: unknown): string => {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return JSON.stringify(shown);
  }
  return `${typeof value} ${String(value)}`;
};

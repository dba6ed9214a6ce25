import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "../../renderer/project-paths";

/** Code built from a string, which a page with a strict Content-Security-Policy (no 'unsafe-eval') refuses to run. */
const EVAL = /\bnew\s+Function\s*\(|(?<![\w$])eval\s*\(/;

/** Every source file under a folder. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|jsx|mjs)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name));

describe("what the embeddable player bundles runs under a strict CSP", () => {
  it("the check finds code built from a string, and only that", () => {
    expect(EVAL.test('const f = new Function("line", "console.debug(line)");')).toBe(true);
    expect(EVAL.test("const f = new  Function (x);")).toBe(true);
    expect(EVAL.test("eval(code)")).toBe(true);
    expect(EVAL.test("globalThis.eval (code)")).toBe(true);
    expect(EVAL.test("retrieval(x); medieval(y); const evaluate = 1; x.evalResult()")).toBe(false);
  });

  it("no file under compositions/, templates/ or script/ contains new Function( or eval(", () => {
    const files = ["compositions", "templates", "script"].flatMap((d) => sources(path.join(PROJECT_ROOT, d)));
    expect(files.length).toBeGreaterThan(30);
    const offenders = files.flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (EVAL.test(line) ? [`${path.relative(PROJECT_ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders).toEqual([]);
  });
});

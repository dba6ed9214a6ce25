import { parseTree, printParseErrorCode, type ParseError } from "jsonc-parser";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ReelgenError } from "../script/reelgen-error";

/**
 * Reads a script file as JSON (not yet validated). Errors say what is wrong and where: an
 * unreadable file, or the line and column of broken JSON.
 */
export const loadScriptFile = async (file: string): Promise<{ json: unknown; baseDir: string }> => {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
    throw new ReelgenError({ code: "FILE_NOT_READABLE", message: `Cannot read script ${file}: ${reason}`, cause: err });
  }
  const source = text.replace(/^\uFEFF/, "");
  // Node 20's JSON.parse names no position; jsonc-parser (strict settings) gives the offset.
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, { disallowComments: true, allowTrailingComma: false });
  if (tree && errors.length === 0) return { json: JSON.parse(source), baseDir: path.dirname(path.resolve(file)) };
  const first = errors[0];
  const before = source.slice(0, first?.offset ?? source.length);
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  const message = `not valid JSON (line ${line}, column ${column}): ${first ? printParseErrorCode(first.error) : "empty file"}`;
  throw new ReelgenError({ code: "INVALID_JSON", message: `${file} is ${message}`, problems: [{ path: "(root)", message }] });
};

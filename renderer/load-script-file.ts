import { readFile } from "node:fs/promises";
import path from "node:path";
import { ReelgenError } from "./reelgen-error";

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
  try {
    return { json: JSON.parse(text.replace(/^\uFEFF/, "")), baseDir: path.dirname(path.resolve(file)) };
  } catch (err) {
    const message = (err as Error).message;
    const position = /position (\d+)/.exec(message);
    let where = "";
    if (position) {
      const before = text.slice(0, Number(position[1]));
      const line = before.split("\n").length;
      const column = before.length - before.lastIndexOf("\n");
      where = ` (line ${line}, column ${column})`;
    }
    throw new ReelgenError({
      code: "INVALID_JSON",
      message: `${file} is not valid JSON${where}: ${message}`,
      problems: [{ path: "(root)", message: `not valid JSON${where}: ${message}` }],
      cause: err,
    });
  }
};

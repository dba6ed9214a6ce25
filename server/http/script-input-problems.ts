import { ReelgenError } from "../../renderer/reelgen-error";
import type { Problem } from "../app-error";

/**
 * The request problems behind a renderer input error about a script or its template
 * (`INVALID_SCRIPT` → `<prefix>.script.scenes[0]…`, `TEMPLATE_NOT_FOUND` → `<prefix>.template`),
 * or `null` for any other error. One mapping for renders, batches, projects and the app's
 * error handler.
 */
export const scriptInputProblems = (error: unknown, pathPrefix = "body"): Problem[] | null => {
  if (!(error instanceof ReelgenError)) return null;
  if (error.code === "INVALID_SCRIPT") {
    return error.problems.map((p) => ({ path: `${pathPrefix}.script${p.path === "(root)" ? "" : `.${p.path}`}`, message: p.message }));
  }
  if (error.code === "TEMPLATE_NOT_FOUND") return [{ path: `${pathPrefix}.template`, message: error.message }];
  return null;
};

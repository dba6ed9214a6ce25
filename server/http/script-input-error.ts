import { underPath } from "../../script/validate-script";
import { ReelgenError, type Problem } from "../../script/reelgen-error";

/**
 * The request error behind a renderer input error about a script or its template: VALIDATION_FAILED
 * naming `<prefix>.script.scenes[0]…` for `INVALID_SCRIPT` and `<prefix>.template` for
 * `TEMPLATE_NOT_FOUND`; `null` for any other error. One mapping for renders, batches, projects,
 * script generation and the app's error handler.
 */
export const scriptInputError = (error: unknown, pathPrefix = "body"): ReelgenError | null => {
  if (!(error instanceof ReelgenError)) return null;
  let problems: Problem[];
  if (error.code === "INVALID_SCRIPT") problems = error.problems.map((p) => ({ path: underPath(`${pathPrefix}.script`, p.path), message: p.message }));
  else if (error.code === "TEMPLATE_NOT_FOUND") problems = [{ path: `${pathPrefix}.template`, message: error.message }];
  else return null;
  const message = error.code === "TEMPLATE_NOT_FOUND" ? error.message : `invalid script: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`;
  return new ReelgenError({ code: "VALIDATION_FAILED", message, problems });
};

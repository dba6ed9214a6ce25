import { ReelgenError, type ErrorCode } from "../../script/reelgen-error";
import type { RenderError } from "./fail-render";

/** What a caller is told about a failure that was not their input's fault; the detail goes to the log. */
const SAFE_MESSAGES: Partial<Record<ErrorCode, string>> = {
  SPEECH_FAILED: "text-to-speech failed while voicing the script",
  TIMED_OUT: "a step of the render ran past its time limit",
  SERVICE_UNAVAILABLE: "a service the render needs was unavailable",
};
const INTERNAL_MESSAGE = "the render failed on the server";

/** A loopback address with its port and path: the renderer serves a render's assets from one. */
const LOOPBACK_URL = /\bhttps?:\/\/(?:127(?:\.\d{1,3}){3}|localhost|0\.0\.0\.0|\[::1?\])(?::\d+)?[^\s"'<>)]*/gi;

/**
 * The error a failed render records, shown by `GET /v1/renders/:id`, its event stream and the
 * `render.failed` webhook. Input errors keep their own message and problems (the caller can fix
 * them), with server paths written back as the names the caller used (`media:<id>`) and loopback
 * URLs removed. Anything else (a browser crash, FFmpeg's or espeak-ng's output, an asset URL)
 * becomes its code and a fixed message: log the error itself with the render id.
 *
 * `paths` maps server paths (longest first wins) to what the caller may see.
 */
export const safeRenderError = (error: unknown, options: { attempts: number; paths: ReadonlyMap<string, string> }): RenderError => {
  if (error instanceof ReelgenError && error.isInputError) {
    const pairs = [...options.paths].sort(([a], [b]) => b.length - a.length);
    const clean = (text: string) => pairs.reduce((t, [from, to]) => t.split(from).join(to), text).replace(LOOPBACK_URL, "(an internal address)");
    return {
      code: error.code,
      message: clean(error.message),
      ...(error.problems.length ? { problems: error.problems.map((p) => ({ path: p.path, message: clean(p.message) })) } : {}),
    };
  }
  const code: ErrorCode = error instanceof ReelgenError ? error.code : "RENDER_FAILED";
  const tries = options.attempts === 1 ? "1 attempt" : `${options.attempts} attempts`;
  return { code, message: `${SAFE_MESSAGES[code] ?? INTERNAL_MESSAGE} (${tries}); the server log has the details under this render's id` };
};

import type { Problem } from "../../script/reelgen-error";
import type { Script } from "../../script/schema";
import { scriptSources, type SourceKind } from "../../script/script-sources";
import { formatPath, underPath } from "../../script/validate-script";
import type { Database } from "../db/database";
import type { MediaTable } from "../db/tables";

/** A media-library reference in a script: `media:<uuid>`. */
export const MEDIA_REF = /^media:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

const FONT_ADVICE = "fonts cannot come from the media library yet (it holds images, audio and video); leave out src to use an installed font family";

/** Each kind with its article, for messages. */
const A: Record<SourceKind | MediaTable["kind"], string> = { image: "an image", video: "a video", audio: "audio", font: "a font" };

/**
 * Problems with the sources of a validated script, each at its JSON path under `at`: on the server
 * every source must be a `media:<id>` of the user's own library (never a server path or a URL the
 * server would fetch), of the kind its place needs — an avatar, an image background and a brand
 * logo an image; a video background a video; music and recorded speech audio. A brand font cannot
 * come from the library at all. A render refused here would otherwise be queued, fail in the worker
 * and be retried. Messages name `media:<id>`, never the address the worker serves the file at.
 */
export const checkScriptMedia = async (options: { db: Database; userId: string; script: Script; at: string }): Promise<Problem[]> => {
  const { db, userId, script, at } = options;
  const refs = scriptSources(script).map((ref) => ({ ...ref, id: MEDIA_REF.exec(ref.src)?.[1]!.toLowerCase() ?? null }));
  const ids = [...new Set(refs.flatMap((ref) => (ref.id ? [ref.id] : [])))];
  const kindOf = new Map<string, MediaTable["kind"]>();
  if (ids.length) {
    for (const m of await db.selectFrom("media").select(["id", "kind"]).where("user_id", "=", userId).where("id", "in", ids).execute()) kindOf.set(m.id, m.kind);
  }
  const problems: Problem[] = [];
  for (const ref of refs) {
    const path = underPath(at, formatPath(ref.path));
    const kind = ref.id ? kindOf.get(ref.id) : undefined;
    if (ref.kind === "font") problems.push({ path, message: kind ? `expected a font file, got ${A[kind]} (media:${ref.id}); ${FONT_ADVICE}` : FONT_ADVICE });
    else if (!ref.id) problems.push({ path, message: `"${ref.src}" is not a media-library reference; upload the file with POST /v1/media and use "media:<id>"` });
    else if (kind === undefined) problems.push({ path, message: `media ${ref.id} not found in your library` });
    else if (kind !== ref.kind) problems.push({ path, message: `expected ${A[ref.kind]}, got ${A[kind]} (media:${ref.id})` });
  }
  return problems;
};

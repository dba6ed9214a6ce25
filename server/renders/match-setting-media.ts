import { sql } from "kysely";
import type { Scene, Script } from "../../script/schema";
import type { Database } from "../db/database";

/** A tag as compared with setting and mood names: trimmed, lower case, runs of spaces or underscores as one hyphen ("Living room" → "living-room"). */
const normalTag = (tag: string) => tag.trim().toLowerCase().replace(/[\s_]+/g, "-");

/**
 * The script with each scene that names a `setting` but has no `background` given the user's own
 * image or video tagged with that setting, else with the scene's mood (the newest such upload);
 * other scenes are unchanged, and a setting nothing in the library is tagged with keeps its
 * built-in backdrop. Only the user's own media is looked at, so the result passes
 * `checkScriptMedia` as any `media:<id>` of theirs does.
 */
export const matchSettingMedia = async (options: { db: Database; userId: string; script: Script }): Promise<Script> => {
  const { db, userId, script } = options;
  const open = script.scenes.filter((scene) => scene.setting && !scene.background);
  if (open.length === 0) return script;
  const wanted = [...new Set(open.flatMap((scene) => [scene.setting!, ...(scene.mood ? [scene.mood] : [])]))];
  const rows = await db
    .selectFrom("media")
    .select(["id", "kind", "tags"])
    .where("user_id", "=", userId)
    .where("kind", "in", ["image", "video"])
    .where(sql<boolean>`exists (select 1 from jsonb_array_elements_text(tags) as tag where lower(regexp_replace(btrim(tag), '[[:space:]_]+', '-', 'g')) in (${sql.join(wanted)}))`)
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  const byTag = new Map<string, { id: string; kind: "image" | "video" }>();
  for (const row of rows) {
    for (const tag of row.tags) if (!byTag.has(normalTag(tag))) byTag.set(normalTag(tag), { id: row.id, kind: row.kind as "image" | "video" });
  }
  const scenes = script.scenes.map((scene): Scene => {
    if (!scene.setting || scene.background) return scene;
    const media = byTag.get(scene.setting) ?? (scene.mood ? byTag.get(scene.mood) : undefined);
    return media ? { ...scene, background: { type: media.kind, src: `media:${media.id}` } } : scene;
  });
  return { ...script, scenes };
};

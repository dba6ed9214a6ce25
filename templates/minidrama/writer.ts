import { createOfflineWriter } from "../../script/generate/create-offline-writer";
import { storyTitle, toScenes, writeDrama } from "../../script/generate/offline";
import type { ScriptWriter } from "../../script/generate/script-writer";

/** Minidrama's writer: a three-act drama in dialogue, with a twist and a cliffhanger. */
export const minidramaWriter: ScriptWriter = {
  guide:
    "a short vertical drama: 2–4 named characters in dialogue, the narrator for a line of scene-setting, an emotion on every character line, a twist near the end and a cliffhanger as the last line. Give every scene a setting and a mood that fits its beat (calm or happy set-up, tense middle, dramatic reveal), and a reaction emoji on the one or two strongest lines.",
  writeOffline: createOfflineWriter({
    topic: "story",
    cast: (target, random) => ({ invented: target < 30 ? random.int(2, 3) : target < 90 ? 3 : random.int(3, 4), minimum: 2 }),
    write: (story, size) => writeDrama(story, size, "drama"),
    finish: (story, scenes) => ({ title: storyTitle(story), scenes: toScenes(scenes), extra: {} }),
  }),
};

import { NARRATOR } from "../../script/schema";
import { createOfflineWriter } from "../../script/generate/create-offline-writer";
import { capitalize, storyTitle, toScenes, writeDrama, type Emotion } from "../../script/generate/offline";
import type { ScriptWriter } from "../../script/generate/script-writer";

const SAID: Partial<Record<Emotion, string>> = { angry: "snapped", nervous: "stammered", scared: "whispered", shocked: "gasped", sad: "sighed", happy: "laughed", confused: "frowned", suspicious: "said slowly", excited: "said", annoyed: "muttered", determined: "said firmly", calm: "said quietly" };

const ORDINALS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

/** Narrated-story's writer: the drama told by the narrator; most lines become reported speech, a few stay in voice. */
export const narratedStoryWriter: ScriptWriter = {
  guide:
    "a story told mostly by the narrator in the past tense (most lines are the narrator's, with quoted speech: “…,” Maya said), with a few lines in the characters' own voices at the strongest moments. Headings are numbered parts. Give the story a three-act shape: set-up, rising conflict, a twist, and an ending that makes people want the next part. Give every scene a setting and a mood for its backdrop.",
  writeOffline: createOfflineWriter({
    topic: "story",
    cast: (_, random) => ({ invented: random.int(2, 3), minimum: 2 }),
    write: (story, size) =>
      writeDrama(story, size, "narration").map((scene, s, all) => ({
        ...scene,
        lines: scene.lines.map((line, i) => {
          const last = s === all.length - 1 && i === scene.lines.length - 1;
          const speaker = story.characters.find((c) => c.id === line.speaker);
          if (!speaker || last || line.roll < 220) return line;
          const verb = line.text.endsWith("?") ? "asked" : (SAID[line.emotion as Emotion] ?? "said");
          const quoted = line.text.replace(/\.$/u, ",");
          return { ...line, speaker: NARRATOR, text: `“${quoted}” ${speaker.name} ${verb}.` };
        }),
      })),
    finish: (story, scenes) => {
      // Chapters are numbered after trimming, so the count has no gaps.
      let chapter = 0;
      const numbered = scenes.map((scene) => {
        if (!scene.heading) return scene;
        const number = ORDINALS[chapter] ?? String(chapter + 1);
        chapter++;
        return { ...scene, heading: scene.place ? `Part ${number} — ${capitalize(scene.place)}` : `Part ${number}` };
      });
      return { title: storyTitle(story), scenes: toScenes(numbered), extra: {} };
    },
  }),
};

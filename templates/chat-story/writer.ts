import { NARRATOR } from "../../script/schema";
import { createOfflineWriter } from "../../script/generate/create-offline-writer";
import { capitalize, storyTitle, toScenes, truncate, writeDrama, type Emotion, type PlannedLine } from "../../script/generate/offline";
import type { ScriptWriter } from "../../script/generate/script-writer";

const EMOJI: Partial<Record<Emotion, string>> = { angry: "😤", nervous: "😬", scared: "😰", shocked: "😱", sad: "😢", happy: "😂", confused: "🤨", suspicious: "👀", excited: "🤩", annoyed: "🙄", determined: "💪" };

/** A drama line as a text message: lower-case starts, no full stops, the odd emoji. */
const asMessage = (line: PlannedLine, last: boolean): PlannedLine => {
  if (line.speaker === NARRATOR) return line;
  let text = line.text.replace(/\.$/u, "");
  if (line.roll % 3 === 0 && /^\p{Lu}\p{Ll}/u.test(text)) text = text[0]!.toLowerCase() + text.slice(1);
  if (!last && text.endsWith("?") && line.roll % 4 === 1) text += "?";
  const emoji = line.emotion ? EMOJI[line.emotion as Emotion] : undefined;
  if (!last && emoji && line.roll % 5 < 2) text += ` ${emoji}`;
  return { ...line, text };
};

/** Chat-story's writer: the drama retold as text messages, with typing notes and a group chat's name. */
export const chatStoryWriter: ScriptWriter = {
  guide:
    "a story told as text messages between 2–3 characters: short message lines (one thought each, casual spelling, the odd emoji), the narrator only for notes such as times or \"Maya is typing…\". The first character is the phone's owner. Give the story a three-act shape: set-up, rising conflict, a twist, and an ending that makes people want the next part. Give scenes a setting and mood for the backdrop behind the phone, and a reaction emoji on the most shocking message.",
  writeOffline: createOfflineWriter({
    topic: "story",
    cast: (_, random) => ({ invented: random.int(2, 3), minimum: 2 }),
    write: (story, size) =>
      writeDrama(story, size, "chat").map((scene, s, all) => {
        const lines: PlannedLine[] = [];
        scene.lines.forEach((line, i) => {
          const last = s === all.length - 1 && i === scene.lines.length - 1;
          const speaker = story.characters.find((c) => c.id === line.speaker);
          // A typing note now and then, the way chat apps show a pause before a message.
          if (speaker && line.roll < 110) lines.push({ speaker: NARRATOR, text: `${speaker.name} is typing…`, keep: 1, roll: line.roll });
          lines.push(asMessage(line, last));
        });
        return { ...scene, lines };
      }),
    finish: (story, scenes) => {
      const others = story.characters.slice(1);
      const chat: { me?: string; contact?: string } = {};
      if (story.characters[0]) chat.me = story.characters[0].id;
      if (others.length > 1) chat.contact = truncate(`${capitalize(story.topic.place.name)} crew`, 60);
      return { title: storyTitle(story), scenes: toScenes(scenes), extra: { chat } };
    },
  }),
};

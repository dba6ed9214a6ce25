import type { ChatStoryProps } from "./schema";

export const chatStoryDefaultProps: ChatStoryProps = {
  title: "Who ate my leftovers",
  format: "9:16",
  language: "en",
  characters: [
    { id: "sam", name: "Sam", color: "#0a84ff" },
    { id: "jo", name: "Jo", color: "#30d158" },
  ],
  chat: { me: "sam" },
  scenes: [
    {
      id: "evening",
      heading: "Today 21:14",
      background: { type: "color", value: "#000000" },
      lines: [
        { speaker: "sam", text: "did you eat the lasagna in the fridge" },
        { speaker: "jo", text: "what lasagna" },
        { speaker: "sam", text: "the one with my name on it. in marker." },
        { speaker: "jo", text: "oh THAT lasagna 😬" },
        { speaker: "narrator", text: "Jo is typing for a very long time…" },
        { speaker: "jo", text: "ok so funny story" },
      ],
    },
  ],
};

import type { Script } from "../../script";

/** What Studio opens with: a short two-hander that shows every element of the look. */
export const minidramaDefaultProps: Script = {
  title: "The Last Slice",
  format: "9:16",
  language: "en",
  characters: [
    { id: "maya", name: "Maya", color: "#f43f5e" },
    { id: "leo", name: "Leo", color: "#38bdf8" },
  ],
  scenes: [
    {
      id: "kitchen",
      heading: "Office kitchen, 12:58",
      background: { type: "gradient", colors: ["#1e1b4b", "#7c2d12"] },
      lines: [
        { speaker: "narrator", text: "Someone has been stealing lunches all week." },
        { speaker: "maya", text: "Leo. Where is my pizza?", emotion: "angry" },
        { speaker: "leo", text: "Pizza? I only eat salad.", emotion: "nervous" },
      ],
    },
    {
      id: "reveal",
      heading: "Two minutes later",
      transition: "slide",
      background: { type: "gradient", colors: ["#022c22", "#0f172a"] },
      lines: [{ speaker: "maya", text: "Then why is there cheese on your tie? 🍕", emotion: "triumphant" }],
    },
  ],
};

import type { Script } from "../../script";

export const narratedStoryDefaultProps: Script = {
  title: "The night shift",
  format: "9:16",
  language: "en",
  characters: [],
  scenes: [
    {
      id: "city",
      heading: "Part one",
      background: { type: "gradient", colors: ["#0f172a", "#1e3a8a", "#0f172a"] },
      lines: [
        { speaker: "narrator", text: "Every night at two, the lights on floor nine switched on by themselves." },
        { speaker: "narrator", text: "Nobody worked on floor nine. Not since the flood." },
      ],
    },
    {
      id: "stairs",
      transition: "fade",
      background: { type: "gradient", colors: ["#3f0d12", "#0b0b0f"] },
      lines: [{ speaker: "narrator", text: "So one night, I took the stairs." }],
    },
  ],
};

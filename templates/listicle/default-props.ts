import type { ListicleProps } from "./schema";

export const listicleDefaultProps: ListicleProps = {
  title: "Office lunch facts",
  format: "9:16",
  language: "en",
  characters: [],
  listicle: { countdown: true },
  scenes: [
    {
      id: "facts",
      heading: "3 lunch facts nobody asked for",
      background: { type: "gradient", colors: ["#1e1b4b", "#0f172a"] },
      lines: [
        { speaker: "narrator", text: "The office fridge is cleaned on Fridays. In theory." },
        { speaker: "narrator", text: "Writing your name on a lunch stops nobody." },
        { speaker: "narrator", text: "The most stolen lunch is always the one you were looking forward to." },
      ],
    },
  ],
};

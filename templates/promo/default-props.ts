import type { PromoProps } from "./schema";

export const promoDefaultProps: PromoProps = {
  title: "LunchLock",
  format: "9:16",
  language: "en",
  characters: [],
  brand: { colors: { primary: "#16a34a", secondary: "#052e16" } },
  promo: { product: "LunchLock", cta: "Get yours", url: "lunchlock.example", price: "$19" },
  scenes: [
    {
      id: "problem",
      heading: "Lunch gone again?",
      lines: [{ speaker: "narrator", text: "Someone keeps eating your lunch." }],
    },
    {
      id: "solution",
      transition: "zoom",
      heading: "Meet LunchLock",
      lines: [
        { speaker: "narrator", text: "A lunchbox that only opens for you." },
        { speaker: "narrator", text: "Keep what's yours." },
      ],
    },
  ],
};

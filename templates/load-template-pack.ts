import type { Format } from "../script/schema";
import { ReelgenError } from "../script/reelgen-error";
import { FPS } from "../script/timeline";
import type { TemplatePack } from "./template-pack";

/** What a page can show of a pack before its code is loaded: enough for a gallery or a picker. */
export type TemplatePackInfo = {
  id: string;
  title: string;
  description: string;
  /** The formats the pack lays out for, first the one it was designed for. */
  formats: readonly Format[];
  fps: number;
};

type LazyPack = TemplatePackInfo & { load: () => Promise<TemplatePack> };

// The same packs as `registry.ts`, each behind a dynamic `import()` so a bundler (the embeddable
// player's) splits every pack into its own chunk, fetched only when a video of that pack plays.
// The facts are repeated here so they are known without loading the code; a test holds them
// equal to the packs' own.
const LAZY_PACKS: readonly LazyPack[] = [
  {
    id: "minidrama",
    title: "Mini drama",
    description: "Vertical short drama: scene heading cards, speaker name tags and avatars, animated captions, narrator lines set apart.",
    formats: ["9:16", "1:1", "4:5", "16:9"],
    fps: FPS,
    load: () => import("./minidrama").then((m) => m.minidrama as unknown as TemplatePack),
  },
  {
    id: "chat-story",
    title: "Chat story",
    description: "A text-message conversation appearing bubble by bubble, with typing dots, day separators and narrator notes.",
    formats: ["9:16", "4:5", "1:1", "16:9"],
    fps: FPS,
    load: () => import("./chat-story").then((m) => m.chatStory as unknown as TemplatePack),
  },
  {
    id: "narrated-story",
    title: "Narrated story",
    description: "A narrator over images or video with Ken Burns motion and big word-by-word captions.",
    formats: ["9:16", "16:9", "1:1", "4:5"],
    fps: FPS,
    load: () => import("./narrated-story").then((m) => m.narratedStory as unknown as TemplatePack),
  },
  {
    id: "listicle",
    title: "Listicle",
    description: "Numbered facts or quotes in bold type, counting up or down, with a title card and progress dots.",
    formats: ["9:16", "1:1", "4:5", "16:9"],
    fps: FPS,
    load: () => import("./listicle").then((m) => m.listicle as unknown as TemplatePack),
  },
  {
    id: "promo",
    title: "Promo",
    description: "A product promo in the brand's colours: slam-in headlines, punchy captions and a call-to-action card.",
    formats: ["9:16", "1:1", "4:5", "16:9"],
    fps: FPS,
    load: () => import("./promo").then((m) => m.promo as unknown as TemplatePack),
  },
];

/** Every registered pack's id, title, description, formats and fps, in the registry's order, without loading any pack's code. */
export const templatePackInfos: readonly TemplatePackInfo[] = LAZY_PACKS.map(({ load: _load, ...info }) => info);

/**
 * Loads one pack's code (component, schema, metadata) on demand: the player's way to the packs,
 * where `registry.ts` would pull every pack into one bundle. An unknown id is TEMPLATE_NOT_FOUND
 * naming the known ones, like `requireTemplatePack`. A failed load (the network) rejects with the
 * bundler's own error, so a caller can offer a retry.
 */
export const loadTemplatePack = async (id: string): Promise<TemplatePack> => {
  const lazy = LAZY_PACKS.find((p) => p.id === id);
  if (!lazy) throw new ReelgenError({ code: "TEMPLATE_NOT_FOUND", message: `Unknown template "${id}" (known: ${LAZY_PACKS.map((p) => p.id).join(", ")})` });
  return lazy.load();
};

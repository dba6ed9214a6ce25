import { chatStory } from "./chat-story";
import { listicle } from "./listicle";
import { minidrama } from "./minidrama";
import { narratedStory } from "./narrated-story";
import { promo } from "./promo";
import type { TemplatePack } from "./template-pack";
import { ReelgenError } from "../script/reelgen-error";

/**
 * Every template pack, once. Studio, the renderer, the server and the player read this list and
 * nothing else.
 */
// Each pack's props type is its own schema's; the list holds them under the common shape.
export const templatePacks: readonly TemplatePack[] = [minidrama, chatStory, narratedStory, listicle, promo] as unknown as TemplatePack[];

/** The pack with this id, or `null`. */
export const findTemplatePack = (id: string): TemplatePack | null =>
  templatePacks.find((p) => p.id === id) ?? null;

/** The pack with this id; an unknown id is TEMPLATE_NOT_FOUND naming the known ones. */
export const requireTemplatePack = (id: string): TemplatePack => {
  const pack = findTemplatePack(id);
  if (!pack) throw new ReelgenError({ code: "TEMPLATE_NOT_FOUND", message: `Unknown template "${id}" (known: ${templatePacks.map((p) => p.id).join(", ")})` });
  return pack;
};

export type { TemplatePack } from "./template-pack";

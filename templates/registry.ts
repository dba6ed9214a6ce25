import { chatStory } from "./chat-story";
import { listicle } from "./listicle";
import { minidrama } from "./minidrama";
import { narratedStory } from "./narrated-story";
import { promo } from "./promo";
import type { TemplatePack } from "./template-pack";

/**
 * Every template pack, once. Studio, the renderer, the server and the player read this list and
 * nothing else.
 */
// Each pack's props type is its own schema's; the list holds them under the common shape.
export const templatePacks: readonly TemplatePack[] = [minidrama, chatStory, narratedStory, listicle, promo] as unknown as TemplatePack[];

/** The pack with this id, or `null`. */
export const findTemplatePack = (id: string): TemplatePack | null =>
  templatePacks.find((p) => p.id === id) ?? null;

export type { TemplatePack } from "./template-pack";

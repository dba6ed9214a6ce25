import { chatStory } from "./chat-story";
import { minidrama } from "./minidrama";
import type { TemplatePack } from "./template-pack";

/**
 * Every template pack, once. Studio, the renderer, the server and the player read this list and
 * nothing else.
 */
export const templatePacks: readonly TemplatePack[] = [minidrama as unknown as TemplatePack, chatStory as unknown as TemplatePack];

/** The pack with this id, or `null`. */
export const findTemplatePack = (id: string): TemplatePack | null =>
  templatePacks.find((p) => p.id === id) ?? null;

export type { TemplatePack } from "./template-pack";

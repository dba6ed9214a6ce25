import { useQuery } from "@tanstack/react-query";
import { api, sessionFetch, unwrap } from "../api/client";
import type { SchemaNode } from "./schema-fields";

export type MediaItem = { id: string; kind: string; filename: string; ref: string; url?: string | null; thumbnailUrl?: string | null };
export type Voice = { id: string; name: string; language?: string };

/** A template's JSON Schema and default script (GET /v1/templates/:id). */
export const useTemplateDetail = (template: string | undefined) =>
  useQuery({
    queryKey: ["template", template],
    enabled: Boolean(template),
    staleTime: Infinity,
    queryFn: () => unwrap(api.GET("/v1/templates/{id}", { params: { path: { id: template! } } })),
    select: (t) => ({ ...t, jsonSchema: t.jsonSchema as SchemaNode }),
  });

/** The media library's first page (the pickers list it; previews use each item's signed `url`). */
export const useMediaLibrary = () =>
  useQuery({
    queryKey: ["media", "library"],
    queryFn: async () => (await unwrap(api.GET("/v1/media", { params: { query: { limit: 100 } } }))).media as MediaItem[],
  });

export type VoiceDefaults = { characters: string[]; narrator: string | null };
export type VoiceList = { voices: Voice[]; defaults: VoiceDefaults | null };

/**
 * The speech engine's voices (GET /v1/voices?language=…) and the ones a script in `language`
 * gets by default. Resolves to null when the server offers no voice list, so the picker falls
 * back to a text field.
 */
export const useVoices = (language: string | undefined) =>
  useQuery({
    queryKey: ["voices", language ?? null],
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<VoiceList | null> => {
      const response = await sessionFetch(`/v1/voices${language ? `?language=${encodeURIComponent(language)}` : ""}`);
      if (!response.ok) return null;
      const body = (await response.json()) as { voices?: { id: string; name: string | null; language: string | null }[]; defaults?: VoiceDefaults | null };
      return {
        voices: (body.voices ?? []).map((v) => ({ id: v.id, name: v.name ?? v.id, language: v.language ?? undefined })),
        defaults: body.defaults ?? null,
      };
    },
  });

/** The voice a line is spoken with: its character's own, else the language's default for that character's place (or the narrator's). */
export const voiceOfSpeaker = (characters: readonly { id: string; voice?: string }[], speaker: string, defaults: VoiceDefaults | null | undefined): string | undefined => {
  const index = characters.findIndex((c) => c.id === speaker);
  if (index >= 0 && characters[index]!.voice) return characters[index]!.voice;
  if (!defaults) return undefined;
  if (index < 0) return defaults.narrator ?? defaults.characters[0];
  return defaults.characters.length ? defaults.characters[index % defaults.characters.length] : undefined;
};

/** `media:<id>` → the item's signed URL, for the preview only (scripts keep their `media:` refs). */
export const mediaUrlMap = (media: readonly MediaItem[] | undefined): Map<string, string> =>
  new Map((media ?? []).flatMap((m) => (m.url ? [[m.ref, m.url] as [string, string]] : [])));

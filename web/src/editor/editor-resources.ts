import { useQuery } from "@tanstack/react-query";
import { api, sessionFetch, unwrap } from "../api/client";
import type { SchemaNode } from "./schema-fields";

export type MediaItem = { id: string; kind: string; filename: string; ref: string; url?: string | null };
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

/**
 * The voices a line can be spoken with (GET /v1/voices). Resolves to null when the server offers
 * no voice list, so the picker falls back to a text field.
 */
export const useVoices = () =>
  useQuery({
    queryKey: ["voices"],
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<Voice[] | null> => {
      const response = await sessionFetch("/v1/voices");
      if (!response.ok) return null;
      const body = (await response.json()) as { voices?: unknown } | unknown[];
      const list = Array.isArray(body) ? body : Array.isArray((body as { voices?: unknown }).voices) ? ((body as { voices: unknown[] }).voices) : [];
      return list.flatMap((v) => {
        if (typeof v === "string") return [{ id: v, name: v }];
        const o = v as { id?: unknown; name?: unknown; language?: unknown };
        return typeof o.id === "string" ? [{ id: o.id, name: typeof o.name === "string" ? o.name : o.id, language: typeof o.language === "string" ? o.language : undefined }] : [];
      });
    },
  });

/** `media:<id>` → the item's signed URL, for the preview only (scripts keep their `media:` refs). */
export const mediaUrlMap = (media: readonly MediaItem[] | undefined): Map<string, string> =>
  new Map((media ?? []).flatMap((m) => (m.url ? [[m.ref, m.url] as [string, string]] : [])));

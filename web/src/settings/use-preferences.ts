import { useMutation, useQueryClient } from "@tanstack/react-query";
import { templatePackInfos } from "../../../templates/load-template-pack";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { useSession } from "../auth/use-session";

export type Preferences = components["schemas"]["Preferences"];
export type PreferencesPatch = components["schemas"]["PreferencesPatch"];

/** The template a new script starts from when the user has not chosen one. */
export const FALLBACK_TEMPLATE = "minidrama";

/** The signed-in user's preferences (from GET /v1/me); empty until it has answered. */
export const usePreferences = (): Preferences => useSession().user?.preferences ?? {};

/** The preferred template, if it is still one the app has (a pack may have been removed since). */
export const preferredTemplate = (preferences: Preferences): string =>
  preferences.defaultTemplate && templatePackInfos.some((t) => t.id === preferences.defaultTemplate) ? preferences.defaultTemplate : FALLBACK_TEMPLATE;

/**
 * A new script with the preferences applied where it says nothing itself: the preferred format
 * when `format` is given (a template's sample states one, but a new project should follow the
 * user), and the brand kit when the script has no `brand`. The server stores preferences but
 * applies none, so the app applies them as it creates scripts.
 */
export const withPreferences = (script: Record<string, unknown>, preferences: Preferences, { format }: { format: boolean }): Record<string, unknown> => {
  const brand = preferences.brand && Object.keys(preferences.brand).length ? preferences.brand : undefined;
  return {
    ...script,
    ...(format && preferences.defaultFormat ? { format: preferences.defaultFormat } : {}),
    ...(brand && script.brand === undefined ? { brand } : {}),
  };
};

/** PATCH /v1/me/preferences; the answer (the user) replaces the cached GET /v1/me. */
export const useSavePreferences = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: PreferencesPatch) => unwrap(api.PATCH("/v1/me/preferences", { body: patch })),
    onSuccess: (user) => queryClient.setQueryData(["me"], user),
  });
};

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { usePreferences, withPreferences } from "../settings/use-preferences";

export type GenerateBrief = Omit<components["schemas"]["GenerateScriptRequest"], "render">;
export type GenerationQuota = { used: number; limit: number; resetsAt: string };

/** GET /v1/usage (this month, today's generations); shared with the home page's usage card. */
export const usageQuery = { queryKey: ["usage", "month"] as const, queryFn: () => unwrap(api.GET("/v1/usage", { params: { query: {} } })) };

/** The day's script generations from GET /v1/usage, before the first of the day too; null while the server cannot tell. */
export const useGenerationQuota = () => useQuery({ ...usageQuery, select: (usage): GenerationQuota | null => usage.generations });

/** "N of M generations left today", or null when unknown. */
export const generationsLeft = (quota: GenerationQuota | null | undefined): string | null =>
  quota ? `${Math.max(0, quota.limit - quota.used)} of ${quota.limit} generations left today` : null;

/** A new project (version 1) holding `script`; resolves to its id. */
export const createProject = async (name: string, template: string, script: Record<string, unknown>, message?: string): Promise<string> =>
  (await unwrap(api.POST("/v1/projects", { body: { name: name.slice(0, 200) || "Untitled", template, script, message } }))).id;

/**
 * Writes a script (or a series) from a brief with POST /v1/scripts/generate, saves each as a
 * project (with the preferred brand kit when the script has none; the brief carries the
 * preferred format), and opens the first in the editor. The usage (today's generations) is
 * asked again, so the dialogs show what is left.
 */
export const useGenerateProject = () => {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const preferences = usePreferences();
  return useMutation({
    mutationFn: async (brief: GenerateBrief) => {
      const generated = await unwrap(api.POST("/v1/scripts/generate", { body: { ...(preferences.defaultFormat ? { format: preferences.defaultFormat } : {}), ...brief } }));
      void queryClient.invalidateQueries({ queryKey: ["usage"] });
      const ids: string[] = [];
      for (const [i, { script }] of generated.scripts.entries()) {
        const title = typeof script.title === "string" ? script.title : brief.prompt.slice(0, 60);
        ids.push(await createProject(generated.scripts.length > 1 ? `${title} (episode ${i + 1})` : title, brief.template, withPreferences(script, preferences, { format: false }), `Generated from “${brief.prompt.slice(0, 200)}”`));
      }
      return ids;
    },
    onError: () => void queryClient.invalidateQueries({ queryKey: ["usage"] }),
    onSuccess: (ids) => {
      void queryClient.invalidateQueries({ queryKey: ["projects"] });
      void navigate(`/projects/${ids[0]}`);
    },
  });
};

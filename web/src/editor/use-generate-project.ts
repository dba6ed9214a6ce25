import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";

export type GenerateBrief = Omit<components["schemas"]["GenerateScriptRequest"], "render">;
export type GenerationQuota = { used: number; limit: number };

const QUOTA_KEY = ["generation-quota"] as const;

/** The day's generations as the last generation reported them (the server tells after each one); null before the first. */
export const useGenerationQuota = () => useQuery<GenerationQuota | null>({ queryKey: QUOTA_KEY, queryFn: () => null, staleTime: Infinity, gcTime: Infinity });

/** A new project (version 1) holding `script`; resolves to its id. */
export const createProject = async (name: string, template: string, script: Record<string, unknown>, message?: string): Promise<string> =>
  (await unwrap(api.POST("/v1/projects", { body: { name: name.slice(0, 200) || "Untitled", template, script, message } }))).id;

/**
 * Writes a script (or a series) from a brief with POST /v1/scripts/generate, saves each as a
 * project, and opens the first in the editor. The day's quota from the answer is kept for the
 * dialogs to show.
 */
export const useGenerateProject = () => {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (brief: GenerateBrief) => {
      const generated = await unwrap(api.POST("/v1/scripts/generate", { body: brief }));
      queryClient.setQueryData(QUOTA_KEY, generated.quota);
      const ids: string[] = [];
      for (const [i, { script }] of generated.scripts.entries()) {
        const title = typeof script.title === "string" ? script.title : brief.prompt.slice(0, 60);
        ids.push(await createProject(generated.scripts.length > 1 ? `${title} (episode ${i + 1})` : title, brief.template, script, `Generated from “${brief.prompt.slice(0, 200)}”`));
      }
      return ids;
    },
    onSuccess: (ids) => {
      void queryClient.invalidateQueries({ queryKey: ["projects"] });
      void navigate(`/projects/${ids[0]}`);
    },
  });
};

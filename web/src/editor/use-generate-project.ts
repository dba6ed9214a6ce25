import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { useSession } from "../auth/use-session";

export type GenerateBrief = Omit<components["schemas"]["GenerateScriptRequest"], "render">;
export type GenerationQuota = { used: number; limit: number };

const QUOTA_KEY = ["generation-quota"] as const;

const today = () => new Date().toISOString().slice(0, 10);
/** Kept per user and UTC day, so a reload still shows what is left today (the server tells only in a generation's answer). */
const storageKey = (userId: string) => `reelgen.generations.${userId}`;

/** The day's generations as the last generation reported them; null before the first of the day. */
export const useGenerationQuota = () => {
  const { user } = useSession();
  return useQuery<GenerationQuota | null>({
    queryKey: [...QUOTA_KEY, user?.id ?? null],
    enabled: Boolean(user),
    staleTime: Infinity,
    queryFn: () => {
      const stored = JSON.parse(localStorage.getItem(storageKey(user!.id)) ?? "null") as (GenerationQuota & { day: string }) | null;
      return stored && stored.day === today() ? { used: stored.used, limit: stored.limit } : null;
    },
  });
};

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
  const { user } = useSession();
  return useMutation({
    mutationFn: async (brief: GenerateBrief) => {
      const generated = await unwrap(api.POST("/v1/scripts/generate", { body: brief }));
      if (user) {
        localStorage.setItem(storageKey(user.id), JSON.stringify({ ...generated.quota, day: today() }));
        queryClient.setQueryData([...QUOTA_KEY, user.id], generated.quota);
      }
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

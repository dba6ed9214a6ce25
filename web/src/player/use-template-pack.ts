import { useCallback, useEffect, useState } from "react";
import { loadTemplatePack } from "../../../templates/load-template-pack";
import type { TemplatePack } from "../../../templates/template-pack";

export type TemplatePackState =
  | { status: "loading"; pack: null; error: null }
  | { status: "ready"; pack: TemplatePack; error: null }
  | { status: "error"; pack: null; error: Error };

// Loaded packs, so a second player of the same pack (or a remount) shows it without a loading flash.
const loaded = new Map<string, TemplatePack>();

/**
 * Loads a template pack's code on demand (its own chunk, see `templates/load-template-pack.ts`).
 * An unknown id or a failed download ends in `error`; `retry` loads again.
 */
export const useTemplatePack = (id: string): TemplatePackState & { retry: () => void } => {
  const [state, setState] = useState<TemplatePackState>(() => {
    const pack = loaded.get(id);
    return pack ? { status: "ready", pack, error: null } : { status: "loading", pack: null, error: null };
  });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const cached = loaded.get(id);
    if (cached) {
      setState({ status: "ready", pack: cached, error: null });
      return;
    }
    let live = true;
    setState({ status: "loading", pack: null, error: null });
    loadTemplatePack(id).then(
      (pack) => {
        loaded.set(id, pack);
        if (live) setState({ status: "ready", pack, error: null });
      },
      (error: unknown) => {
        if (live) setState({ status: "error", pack: null, error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    return () => {
      live = false;
    };
  }, [id, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...state, retry };
};

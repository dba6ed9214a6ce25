import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { sessionStore } from "../api/session-store";

export type User = components["schemas"]["User"];

/**
 * The session as React state: whether there is one, the signed-in user (`GET /v1/me`, cached
 * under `["me"]`) and why the app last signed out on its own.
 */
export const useSession = () => {
  const { tokens, reason } = useSyncExternalStore(sessionStore.subscribe, sessionStore.get);
  const me = useQuery({ queryKey: ["me"], queryFn: () => unwrap(api.GET("/v1/me")), enabled: tokens !== null, staleTime: 60_000 });
  return {
    signedIn: tokens !== null,
    user: tokens ? (me.data ?? null) : null,
    isAdmin: me.data?.role === "admin",
    /** The user query itself, for its loading and error states. */
    me,
    signOutReason: reason,
  };
};

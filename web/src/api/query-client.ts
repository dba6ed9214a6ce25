import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./client";
import { sessionStore } from "./session-store";

/**
 * The app's one TanStack Query cache. Client errors (4xx) are not retried: asking again gets the
 * same answer. The cache is dropped on sign-out so the next user sees none of it.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
    mutations: { retry: false },
  },
});

let signedIn = sessionStore.get().tokens !== null;
sessionStore.subscribe(() => {
  const now = sessionStore.get().tokens !== null;
  if (signedIn && !now) queryClient.clear();
  signedIn = now;
});

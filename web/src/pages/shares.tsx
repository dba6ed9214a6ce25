import { useInfiniteQuery } from "@tanstack/react-query";
import { Share2 } from "lucide-react";
import { Link } from "react-router";
import { api, unwrap } from "../api/client";
import { ShareRow } from "../shares/share-parts";
import { Button, buttonStyles } from "../ui/button";
import { EmptyState } from "../ui/empty-state";
import { ErrorPanel } from "../ui/error-panel";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";

/** `/shares`: every public share of the user's, newest first, with its views, link and revoke. */
export const SharesPage = () => {
  const list = useInfiniteQuery({
    queryKey: ["shares", "all"],
    queryFn: ({ pageParam }) => unwrap(api.GET("/v1/shares", { params: { query: { cursor: pageParam ?? undefined, limit: 20 } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: (query) => (query.state.data?.pages.some((p) => p.shares.some((s) => s.status === "preparing")) ? 2000 : false),
  });
  const shares = list.data?.pages.flatMap((p) => p.shares) ?? [];
  return (
    <>
      <PageHeader title="Shares" description="Your public links and embeds: who can watch what, how often it was watched, and revoke." />
      {list.isPending ? <Spinner label="Loading shares…" /> : null}
      {list.isError ? <ErrorPanel error={list.error} title="Could not load your shares" onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && shares.length === 0 ? (
        <EmptyState
          icon={<Share2 className="size-6" />}
          title="Nothing shared yet"
          description="Open a project and choose Share to publish a saved version with a public link and embed code, or share a finished render from its page."
          action={
            <Link to="/projects" className={buttonStyles()}>
              Your projects
            </Link>
          }
        />
      ) : null}
      {shares.length ? (
        <div className="flex flex-col gap-4">
          <ul className="divide-y divide-line overflow-hidden rounded-card border border-line bg-surface shadow-card" aria-label="Shares">
            {shares.map((s) => (
              <ShareRow key={s.id} share={s} />
            ))}
          </ul>
          {list.hasNextPage ? (
            <Button variant="secondary" className="self-center" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              Load more
            </Button>
          ) : null}
        </div>
      ) : null}
    </>
  );
};

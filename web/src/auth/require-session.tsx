import { Navigate, Outlet, useLocation } from "react-router";
import { ErrorPanel } from "../ui/error-panel";
import { Spinner } from "../ui/spinner";
import { useSession } from "./use-session";

/**
 * Route guard: signed-out visitors go to `/sign-in?next=<where they were>` and come back after
 * signing in. `admin` also requires the admin role (others see a plain refusal, as the API refuses).
 */
export const RequireSession = ({ admin = false }: { admin?: boolean }) => {
  const { signedIn, user, me } = useSession();
  const location = useLocation();
  if (!signedIn) return <Navigate to={`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if (!user) {
    if (me.isError) return <ErrorPanel error={me.error} title="Could not load your account" onRetry={() => void me.refetch()} />;
    return <Spinner label="Loading your account…" className="p-6" />;
  }
  if (admin && user.role !== "admin") {
    return (
      <div className="rounded-card border border-line bg-surface p-6">
        <h1 className="text-xl font-semibold">Admins only</h1>
        <p className="mt-1 text-ink-muted">This page needs the admin role. Ask an admin of this install if you need access.</p>
      </div>
    );
  }
  return <Outlet />;
};

/** Where to go after signing in: `?next=` when it is a path on this site, else Home. */
export const nextPath = (search: string): string => {
  const next = new URLSearchParams(search).get("next");
  // Only same-site paths: `//evil.example` or `https://…` would send the user away.
  return next && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && !next.startsWith("/sign-in") ? next : "/";
};

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Monitor, MonitorX } from "lucide-react";
import { useNavigate } from "react-router";
import { api, unwrap } from "../api/client";
import { problemsOf } from "../api/problems-of";
import type { components } from "../api/openapi";
import { authActions } from "../auth/auth-actions";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmButton } from "../ui/confirm-button";
import { ErrorPanel } from "../ui/error-panel";
import { formatDateTime } from "../ui/format-values";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";
import { Badge } from "../ui/status-badge";
import { useToast } from "../ui/toast";

type Session = components["schemas"]["Session"];

/** "Chrome on Linux" from a User-Agent, good enough to tell one's devices apart. */
const deviceName = (userAgent: string | null): string => {
  if (!userAgent) return "Unknown device";
  const browser = /Edg\//.test(userAgent) ? "Edge" : /Firefox\//.test(userAgent) ? "Firefox" : /Chrom(e|ium)\//.test(userAgent) ? "Chrome" : /Safari\//.test(userAgent) ? "Safari" : /curl\//.test(userAgent) ? "curl" : null;
  const system = /Android/.test(userAgent) ? "Android" : /iPhone|iPad/.test(userAgent) ? "iOS" : /Mac OS X/.test(userAgent) ? "macOS" : /Windows/.test(userAgent) ? "Windows" : /Linux/.test(userAgent) ? "Linux" : null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? userAgent.slice(0, 60);
};

/** Audit events in words. */
const EVENTS: Record<string, string> = {
  "login.succeeded": "Signed in",
  "user.registered": "Account created",
  "login.failed": "Failed sign-in",
  "login.throttled": "Sign-in blocked after too many failures",
  "session.refresh_reused": "A used sign-in token came back: that session was ended",
  "password.reset_throttled": "Too many reset requests",
  "session.logout": "Signed out",
  "session.logout_all": "Signed out everywhere",
  "session.revoked": "Signed a device out",
  "password.changed": "Password changed",
  "password.reset": "Password reset",
  "password.reset_requested": "Password reset requested",
  "api_key.created": "API key created",
  "api_key.revoked": "API key revoked",
  "api_key.rolled": "API key rolled",
  "role.changed": "Role changed",
  "webhook.secret_rotated": "Webhook secret rotated",
};

const SessionsCard = () => {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const sessions = useQuery({ queryKey: ["sessions"], queryFn: () => unwrap(api.GET("/v1/me/sessions")) });
  const end = useMutation({
    mutationFn: async (session: Session) => {
      if (session.current) await authActions.signOut();
      else await unwrap(api.DELETE("/v1/me/sessions/{id}", { params: { path: { id: session.id } } }));
      return session;
    },
    onSuccess: (session) => {
      if (session.current) navigate("/sign-in", { replace: true });
      else void queryClient.invalidateQueries({ queryKey: ["sessions"] });
    },
    onError: (error) => toast({ title: "Could not sign that device out", description: problemsOf(error).message, tone: "error" }),
  });
  const everywhere = useMutation({ mutationFn: authActions.signOutEverywhere, onSuccess: () => navigate("/sign-in", { replace: true }) });
  return (
    <Card title="Where you are signed in">
      {sessions.isPending ? <Spinner label="Loading sessions…" /> : null}
      {sessions.isError ? <ErrorPanel error={sessions.error} title="Could not load your sessions" onRetry={() => void sessions.refetch()} /> : null}
      <ul className="divide-y divide-line" aria-label="Sessions">
        {sessions.data?.sessions.map((s) => (
          <li key={s.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="session">
            <div className="flex min-w-0 gap-3">
              <Monitor className="mt-0.5 size-5 shrink-0 text-ink-muted" aria-hidden="true" />
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2 font-medium">
                  {deviceName(s.userAgent)} {s.current ? <Badge tone="accent">this device</Badge> : null}
                </p>
                <p className="text-sm break-words text-ink-muted">
                  {s.ip ? `${s.ip} · ` : ""}signed in {formatDateTime(s.createdAt)} · last active {formatDateTime(s.lastUsedAt)}
                </p>
              </div>
            </div>
            <ConfirmButton confirmLabel={s.current ? "Sign out this device" : "Sign it out"} loading={end.isPending && end.variables?.id === s.id} onConfirm={() => end.mutate(s)}>
              Sign out<span className="sr-only"> {s.current ? "this device" : deviceName(s.userAgent)}</span>
            </ConfirmButton>
          </li>
        ))}
      </ul>
      <div className="mt-4 border-t border-line pt-4">
        <p className="text-sm text-ink-muted">Sign out everywhere ends every session of your account, on every device, including this one. API keys keep working: revoke them on the Developers page.</p>
        {everywhere.error ? (
          <div className="mt-3">
            <ErrorPanel error={everywhere.error} />
          </div>
        ) : null}
        <Button variant="danger" className="mt-3" loading={everywhere.isPending} onClick={() => everywhere.mutate()}>
          <MonitorX className="size-4" aria-hidden="true" /> Sign out everywhere
        </Button>
      </div>
    </Card>
  );
};

const AuditCard = () => {
  const audit = useQuery({ queryKey: ["audit"], queryFn: () => unwrap(api.GET("/v1/me/audit")) });
  return (
    <Card title="Account activity">
      {audit.isPending ? <Spinner label="Loading activity…" /> : null}
      {audit.isError ? <ErrorPanel error={audit.error} title="Could not load your account's activity" onRetry={() => void audit.refetch()} /> : null}
      {audit.data && audit.data.events.length === 0 ? <p className="text-sm text-ink-muted">Nothing yet.</p> : null}
      <ol className="divide-y divide-line" aria-label="Account activity, newest first">
        {audit.data?.events.map((e, i) => {
          const agent = typeof e.details.userAgent === "string" ? deviceName(e.details.userAgent) : null;
          const role = e.event === "role.changed" && typeof e.details.to === "string" ? ` to ${e.details.to}` : "";
          const name = typeof e.details.name === "string" ? ` "${e.details.name}"` : "";
          return (
            <li key={i} className="flex flex-col py-2 text-sm sm:flex-row sm:items-baseline sm:justify-between sm:gap-4" data-testid="audit-event">
              <span className={`font-medium ${e.event.endsWith("failed") ? "text-danger" : ""}`}>
                {EVENTS[e.event] ?? e.event}
                {name}
                {role}
              </span>
              <span className="text-ink-muted">
                {formatDateTime(e.createdAt)}
                {e.ip ? ` · ${e.ip}` : ""}
                {agent ? ` · ${agent}` : ""}
              </span>
            </li>
          );
        })}
      </ol>
    </Card>
  );
};

/** `/settings/security`: the signed-in devices (sign one out, or all), and the account's audit log. */
export const SecurityPage = () => (
  <>
    <PageHeader title="Security" description="Where you are signed in, and what happened to your account." />
    <div className="grid gap-6 xl:grid-cols-2">
      <SessionsCard />
      <AuditCard />
    </div>
  </>
);

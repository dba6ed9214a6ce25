import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { KeyRound, Plus, RefreshCw } from "lucide-react";
import { useState, type FormEvent } from "react";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { problemAt, problemsOf } from "../api/problems-of";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ConfirmButton } from "../ui/confirm-button";
import { ErrorPanel } from "../ui/error-panel";
import { formatDateTime } from "../ui/format-values";
import { SecretReveal } from "../ui/secret-reveal";
import { Spinner } from "../ui/spinner";
import { Badge } from "../ui/status-badge";
import { TextField } from "../ui/text-field";

type ApiKey = components["schemas"]["ApiKey"];
type Scope = ApiKey["scopes"][number];

/** Every scope, in words (the record's type makes the compiler list each one the server has). */
const SCOPES: Record<Scope, string> = {
  "templates:read": "Read templates",
  "projects:read": "Read projects",
  "projects:write": "Create and save projects",
  "media:read": "Read media",
  "media:write": "Upload and delete media",
  "renders:read": "Read renders and download outputs",
  "renders:write": "Order and cancel renders",
  "webhooks:read": "Read webhooks",
  "webhooks:write": "Manage webhooks",
  "usage:read": "Read usage",
  "scripts:write": "Generate scripts",
  "shares:read": "Read shares",
  "shares:write": "Publish and revoke shares",
};
const DEFAULT_SCOPES: Scope[] = ["renders:read", "renders:write", "templates:read"];

/** API keys: create one with scopes (its secret shown once, to copy), revoke, roll. */
export const ApiKeysCard = () => {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ["api-keys"], queryFn: () => unwrap(api.GET("/v1/api-keys")) });
  const [creating, setCreating] = useState(false);
  const [scopes, setScopes] = useState<Scope[]>(DEFAULT_SCOPES);
  const [secret, setSecret] = useState<{ name: string; key: string } | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["api-keys"] });
  const create = useMutation({
    mutationFn: (body: { name: string; scopes: Scope[] }) => unwrap(api.POST("/v1/api-keys", { body })),
    onSuccess: (created) => {
      setSecret({ name: created.apiKey.name, key: created.key });
      setCreating(false);
      setScopes(DEFAULT_SCOPES);
      void refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => unwrap(api.DELETE("/v1/api-keys/{id}", { params: { path: { id } } })), onSuccess: () => void refresh() });
  const roll = useMutation({
    mutationFn: (id: string) => unwrap(api.POST("/v1/api-keys/{id}/roll", { params: { path: { id } } })),
    onSuccess: (created) => {
      setSecret({ name: created.apiKey.name, key: created.key });
      void refresh();
    },
  });
  const problems = create.error ? problemsOf(create.error) : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ name: String(new FormData(event.currentTarget).get("name") ?? ""), scopes });
  };
  const active = keys.data?.apiKeys.filter((k) => !k.revokedAt) ?? [];
  const revoked = keys.data?.apiKeys.filter((k) => k.revokedAt) ?? [];
  return (
    <Card
      title="API keys"
      actions={
        creating ? null : (
          <Button size="sm" onClick={() => setCreating(true)}>
            <Plus className="size-4" aria-hidden="true" /> Create key
          </Button>
        )
      }
    >
      <p className="mb-4 text-sm text-ink-muted">
        Send a key as <code className="rounded bg-sunken px-1 font-mono text-[13px] break-all">Authorization: Bearer rk_live_…</code>. Keys keep working after you sign out everywhere: revoke them here.
      </p>
      {secret ? (
        <div className="mb-4">
          <SecretReveal label={`Secret of "${secret.name}"`} secret={secret.key} onDone={() => setSecret(null)} />
        </div>
      ) : null}
      {creating ? (
        <form onSubmit={submit} noValidate className="mb-5 flex flex-col gap-4 rounded-card border border-line bg-canvas p-4">
          <TextField label="Name" name="name" required maxLength={100} placeholder="e.g. Zapier, CI" error={problemAt(problems, "name")} autoFocus />
          <fieldset>
            <legend className="text-sm font-medium">Scopes: what the key may do</legend>
            <div className="mt-2 grid gap-1.5 sm:grid-cols-2">
              {(Object.keys(SCOPES) as Scope[]).map((scope) => (
                <label key={scope} className="flex items-start gap-2.5 text-sm">
                  <input
                    type="checkbox"
                    className="mt-1 size-4 accent-accent"
                    checked={scopes.includes(scope)}
                    onChange={(e) => setScopes((list) => (e.target.checked ? [...list, scope] : list.filter((s) => s !== scope)))}
                  />
                  <span>
                    <span className="font-mono text-[13px]">{scope}</span>
                    <span className="block text-ink-muted">{SCOPES[scope]}</span>
                  </span>
                </label>
              ))}
            </div>
            {problemAt(problems, "scopes") ? <p className="mt-2 text-sm text-danger">{problemAt(problems, "scopes")}</p> : null}
          </fieldset>
          {problems && !problemAt(problems, "name") && !problemAt(problems, "scopes") ? <ErrorPanel error={create.error} /> : null}
          <div className="flex gap-2">
            <Button type="submit" loading={create.isPending}>
              Create key
            </Button>
            <Button variant="ghost" onClick={() => setCreating(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {keys.isPending ? <Spinner label="Loading keys…" /> : null}
      {keys.isError ? <ErrorPanel error={keys.error} title="Could not load your keys" onRetry={() => void keys.refetch()} /> : null}
      {revoke.error ? <ErrorPanel error={revoke.error} title="Could not revoke the key" /> : null}
      {roll.error ? <ErrorPanel error={roll.error} title="Could not roll the key" /> : null}
      {keys.data && active.length === 0 && !creating ? <p className="text-sm text-ink-muted">No keys yet.</p> : null}
      <ul className="divide-y divide-line" aria-label="API keys">
        {[...active, ...revoked].map((key) => (
          <li key={key.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="api-key">
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2 font-medium">
                <KeyRound className="size-4 text-ink-muted" aria-hidden="true" />
                <span className="break-all">{key.name}</span>
                <code className="font-mono text-[13px] text-ink-muted">{key.start}…</code>
                {key.revokedAt ? <Badge tone="danger">revoked</Badge> : null}
              </p>
              <p className="text-sm break-words text-ink-muted">{key.scopes.join(", ")}</p>
              <p className="text-xs text-ink-muted">
                Created {formatDateTime(key.createdAt)} · {key.lastUsedAt ? `last used ${formatDateTime(key.lastUsedAt)}` : "never used"}
              </p>
            </div>
            {key.revokedAt ? null : (
              <div className="flex flex-wrap gap-1.5">
                <ConfirmButton confirmLabel="Roll: the old secret stops" loading={roll.isPending && roll.variables === key.id} onConfirm={() => roll.mutate(key.id)} aria-label={`Roll ${key.name}`}>
                  <RefreshCw className="size-4" aria-hidden="true" /> Roll
                </ConfirmButton>
                <ConfirmButton confirmLabel="Revoke" loading={revoke.isPending && revoke.variables === key.id} onConfirm={() => revoke.mutate(key.id)} aria-label={`Revoke ${key.name}`}>
                  Revoke
                </ConfirmButton>
              </div>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
};

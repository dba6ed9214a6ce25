import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ChevronDown, Plus, RefreshCw, Send, Webhook } from "lucide-react";
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
import { Badge, STATUS_TONE } from "../ui/status-badge";
import { TextField } from "../ui/text-field";
import { useToast } from "../ui/toast";

type Endpoint = components["schemas"]["WebhookEndpoint"];
type WebhookEvent = components["schemas"]["WebhookEvent"];
const EVENTS: Record<WebhookEvent, string> = { "render.completed": "A render completed", "render.failed": "A render failed" };

/** An endpoint's delivery log: each message, its attempts, and redeliver. */
const DeliveryLog = ({ endpoint }: { endpoint: Endpoint }) => {
  const queryClient = useQueryClient();
  const deliveries = useQuery({
    queryKey: ["webhook-deliveries", endpoint.id],
    queryFn: () => unwrap(api.GET("/v1/webhooks/{id}/deliveries", { params: { path: { id: endpoint.id }, query: { limit: 20 } } })),
    refetchInterval: (query) => (query.state.data?.deliveries.some((d) => d.status === "pending") ? 1500 : false),
  });
  const redeliver = useMutation({
    mutationFn: (deliveryId: string) => unwrap(api.POST("/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver", { params: { path: { id: endpoint.id, deliveryId } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["webhook-deliveries", endpoint.id] }),
  });
  if (deliveries.isPending) return <Spinner label="Loading deliveries…" />;
  if (deliveries.isError) return <ErrorPanel error={deliveries.error} title="Could not load deliveries" onRetry={() => void deliveries.refetch()} />;
  if (deliveries.data.deliveries.length === 0) return <p className="text-sm text-ink-muted">Nothing sent yet. Send a test event to try the endpoint.</p>;
  return (
    <>
      {redeliver.error ? <ErrorPanel error={redeliver.error} title="Could not redeliver" /> : null}
      <ul className="divide-y divide-line text-sm" aria-label={`Deliveries to ${endpoint.url}`}>
        {deliveries.data.deliveries.map((d) => {
          const last = d.attempts.at(-1);
          return (
            <li key={d.id} className="flex flex-col gap-1.5 py-2.5 sm:flex-row sm:items-center sm:justify-between" data-testid="delivery">
              <div className="min-w-0">
                <p className="flex flex-wrap items-center gap-2">
                  <span className="font-mono text-[13px]">{d.event}</span>
                  <Badge tone={STATUS_TONE[d.status]}>{d.status}</Badge>
                </p>
                <p className="text-ink-muted">
                  {formatDateTime(d.createdAt)} · {d.attempts.length} {d.attempts.length === 1 ? "attempt" : "attempts"}
                  {last ? ` · last: ${last.status !== null ? `HTTP ${last.status}` : (last.error ?? "no answer")} in ${last.durationMs} ms` : ""}
                  {d.nextAttemptAt && d.status === "pending" ? ` · next try ${formatDateTime(d.nextAttemptAt)}` : ""}
                </p>
              </div>
              {d.status !== "pending" ? (
                <Button size="sm" variant="secondary" loading={redeliver.isPending && redeliver.variables === d.id} onClick={() => redeliver.mutate(d.id)}>
                  Redeliver
                </Button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </>
  );
};

/** One endpoint: its URL and events, send a test, rotate the secret, enable/disable, delete, and its delivery log. */
const EndpointRow = ({ endpoint, onSecret }: { endpoint: Endpoint; onSecret: (secret: { url: string; secret: string }) => void }) => {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ["webhooks"] });
  const onError = (title: string) => (error: unknown) => toast({ title, description: problemsOf(error).message, tone: "error" });
  const test = useMutation({
    mutationFn: () => unwrap(api.POST("/v1/webhooks/{id}/test", { params: { path: { id: endpoint.id } } })),
    onSuccess: () => {
      setOpen(true);
      toast({ title: "Test event queued", description: "It appears in the delivery log in a moment.", tone: "success" });
      void queryClient.invalidateQueries({ queryKey: ["webhook-deliveries", endpoint.id] });
    },
    onError: onError("Could not send a test event"),
  });
  const rotate = useMutation({
    mutationFn: () => unwrap(api.POST("/v1/webhooks/{id}/rotate-secret", { params: { path: { id: endpoint.id } } })),
    onSuccess: (rotated) => {
      onSecret({ url: rotated.url, secret: rotated.secret });
      void refresh();
    },
    onError: onError("Could not rotate the secret"),
  });
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => unwrap(api.PATCH("/v1/webhooks/{id}", { params: { path: { id: endpoint.id } }, body: { enabled } })),
    onSuccess: () => void refresh(),
    onError: onError("Could not change the endpoint"),
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/v1/webhooks/{id}", { params: { path: { id: endpoint.id } } })),
    onSuccess: () => void refresh(),
    onError: onError("Could not delete the endpoint"),
  });
  return (
    <li className="py-3" data-testid="webhook">
      <div className="flex flex-col gap-2 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            <span className="break-all">{endpoint.url}</span>
            {endpoint.enabled ? null : <Badge tone="warning">disabled</Badge>}
            {endpoint.failingSince ? <Badge tone="danger">failing since {formatDateTime(endpoint.failingSince)}</Badge> : null}
          </p>
          <p className="text-sm text-ink-muted">{endpoint.events.join(", ")}</p>
          {endpoint.previousSecretExpiresAt ? <p className="text-xs text-ink-muted">The previous secret also signs until {formatDateTime(endpoint.previousSecretExpiresAt)}.</p> : null}
        </div>
        <div className="flex flex-wrap gap-1.5">
          <Button size="sm" variant="secondary" loading={test.isPending} disabled={!endpoint.enabled} onClick={() => test.mutate()}>
            <Send className="size-4" aria-hidden="true" /> Send test event
          </Button>
          <ConfirmButton confirmLabel="Rotate secret" loading={rotate.isPending} onConfirm={() => rotate.mutate()}>
            <RefreshCw className="size-4" aria-hidden="true" /> Rotate secret
          </ConfirmButton>
          <Button size="sm" variant="secondary" loading={toggle.isPending} onClick={() => toggle.mutate(!endpoint.enabled)}>
            {endpoint.enabled ? "Disable" : "Enable"}
          </Button>
          <ConfirmButton confirmLabel="Delete endpoint" loading={remove.isPending} onConfirm={() => remove.mutate()}>
            Delete
          </ConfirmButton>
        </div>
      </div>
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)} className="mt-2 inline-flex items-center gap-1 text-sm font-medium text-accent-ink hover:underline">
        <ChevronDown className={`size-4 transition-transform ${open ? "rotate-180" : ""}`} aria-hidden="true" /> Delivery log
      </button>
      {open ? (
        <div className="mt-2 rounded-field border border-line bg-canvas px-3 py-1">
          <DeliveryLog endpoint={endpoint} />
        </div>
      ) : null}
    </li>
  );
};

/** Webhooks: add an endpoint (its signing secret shown once), and manage each one. */
export const WebhooksCard = () => {
  const queryClient = useQueryClient();
  const hooks = useQuery({ queryKey: ["webhooks"], queryFn: () => unwrap(api.GET("/v1/webhooks")) });
  const [adding, setAdding] = useState(false);
  const [events, setEvents] = useState<WebhookEvent[]>(["render.completed", "render.failed"]);
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const add = useMutation({
    mutationFn: (body: { url: string; events: WebhookEvent[] }) => unwrap(api.POST("/v1/webhooks", { body })),
    onSuccess: (created) => {
      setSecret({ url: created.url, secret: created.secret });
      setAdding(false);
      void queryClient.invalidateQueries({ queryKey: ["webhooks"] });
    },
  });
  const problems = add.error ? problemsOf(add.error) : null;
  const urlError = problemAt(problems, "url") ?? (problems?.code === "WEBHOOK_URL_REJECTED" ? problems.message : undefined);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    add.mutate({ url: String(new FormData(event.currentTarget).get("url") ?? "").trim(), events });
  };
  return (
    <Card
      title="Webhooks"
      actions={
        adding ? null : (
          <Button size="sm" onClick={() => setAdding(true)}>
            <Plus className="size-4" aria-hidden="true" /> Add endpoint
          </Button>
        )
      }
    >
      <p className="mb-4 text-sm text-ink-muted">
        reelgen POSTs a signed JSON message when a render finishes (Standard Webhooks: check the <code className="font-mono text-[13px]">webhook-signature</code> header with the endpoint's secret).
      </p>
      {secret ? (
        <div className="mb-4">
          <SecretReveal label={`Signing secret of ${secret.url}`} secret={secret.secret} onDone={() => setSecret(null)} />
        </div>
      ) : null}
      {adding ? (
        <form onSubmit={submit} noValidate className="mb-5 flex flex-col gap-4 rounded-card border border-line bg-canvas p-4">
          <TextField label="Endpoint URL" name="url" type="url" required placeholder="https://example.com/hooks/reelgen" error={urlError} autoFocus />
          <fieldset>
            <legend className="text-sm font-medium">Events</legend>
            <div className="mt-2 flex flex-col gap-1.5">
              {(Object.keys(EVENTS) as WebhookEvent[]).map((e) => (
                <label key={e} className="flex items-center gap-2.5 text-sm">
                  <input type="checkbox" className="size-4 accent-accent" checked={events.includes(e)} onChange={(x) => setEvents((list) => (x.target.checked ? [...list, e] : list.filter((v) => v !== e)))} />
                  <span className="font-mono text-[13px]">{e}</span> <span className="text-ink-muted">{EVENTS[e]}</span>
                </label>
              ))}
            </div>
            {problemAt(problems, "events") ? <p className="mt-2 text-sm text-danger">{problemAt(problems, "events")}</p> : null}
          </fieldset>
          {problems && !urlError && !problemAt(problems, "events") ? <ErrorPanel error={add.error} /> : null}
          <div className="flex gap-2">
            <Button type="submit" loading={add.isPending}>
              Add endpoint
            </Button>
            <Button variant="ghost" onClick={() => setAdding(false)}>
              Cancel
            </Button>
          </div>
        </form>
      ) : null}
      {hooks.isPending ? <Spinner label="Loading webhooks…" /> : null}
      {hooks.isError ? <ErrorPanel error={hooks.error} title="Could not load your webhooks" onRetry={() => void hooks.refetch()} /> : null}
      {hooks.data && hooks.data.webhooks.length === 0 && !adding ? (
        <p className="flex items-center gap-2 text-sm text-ink-muted">
          <Webhook className="size-4" aria-hidden="true" /> No endpoints yet.
        </p>
      ) : null}
      <ul className="divide-y divide-line" aria-label="Webhook endpoints">
        {hooks.data?.webhooks.map((endpoint) => (
          <EndpointRow key={endpoint.id} endpoint={endpoint} onSecret={setSecret} />
        ))}
      </ul>
    </Card>
  );
};

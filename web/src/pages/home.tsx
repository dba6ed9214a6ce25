import { useQuery } from "@tanstack/react-query";
import { Clapperboard, FolderOpen, Sparkles, Wand2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { api, unwrap } from "../api/client";
import { useSession } from "../auth/use-session";
import { GenerateDialog } from "../editor/generate-dialog";
import { generationsLeft, useGenerateProject, useGenerationQuota, usageQuery } from "../editor/use-generate-project";
import { preferredTemplate, usePreferences } from "../settings/use-preferences";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ErrorPanel } from "../ui/error-panel";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";

/** Home: a prompt box straight to a generated project, recent projects and renders, and this month's usage. */
export const HomePage = () => {
  const { user } = useSession();
  const [prompt, setPrompt] = useState("");
  const [dialogOpen, setDialogOpen] = useState(false);
  const generate = useGenerateProject();
  const quota = useGenerationQuota();
  const template = preferredTemplate(usePreferences());
  const left = generationsLeft(quota.data);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    generate.mutate({ prompt, template });
  };
  return (
    <>
      <PageHeader title="Home" description={user ? `Welcome, ${user.email}.` : undefined} />
      <Card className="mb-6">
        <form onSubmit={submit} className="flex flex-col gap-3" aria-label="Make a video">
          <label htmlFor="home-prompt" className="text-base font-semibold">
            Make a video about…
          </label>
          <textarea
            id="home-prompt"
            value={prompt}
            onChange={(e) => setPrompt(e.target.value)}
            rows={3}
            maxLength={4000}
            placeholder="a cat who becomes mayor of a small town"
            className="w-full min-w-0 rounded-field border border-line-strong bg-surface px-3 py-2 text-[15px] text-ink placeholder:text-ink-muted/70"
          />
          <div className="flex flex-wrap items-center gap-2">
            <Button type="submit" loading={generate.isPending} disabled={prompt.trim().length < 3}>
              <Sparkles className="size-4" aria-hidden="true" />
              Generate
            </Button>
            <Button variant="secondary" onClick={() => setDialogOpen(true)}>
              <Wand2 className="size-4" aria-hidden="true" />
              More options
            </Button>
            {left ? <span className="text-sm text-ink-muted">{left}</span> : null}
          </div>
          {generate.isError ? <ErrorPanel error={generate.error} title="The script could not be generated" /> : null}
        </form>
      </Card>
      {dialogOpen ? <GenerateDialog open onOpenChange={setDialogOpen} initialPrompt={prompt} initialTemplate={template} /> : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <UsageCard />
        <RecentProjects />
        <RecentRenders />
      </div>
    </>
  );
};

const UsageCard = () => {
  const usage = useQuery(usageQuery);
  const q = usage.data?.quota;
  const used = q ? q.renderMinutesUsed + q.renderMinutesReserved : 0;
  const share = q && q.renderMinutesLimit > 0 ? Math.min(1, used / q.renderMinutesLimit) : 0;
  return (
    <Card title="This month" actions={<Link to="/usage" className="text-sm font-medium text-accent-ink hover:underline">Usage</Link>}>
      {usage.isPending ? <Spinner label="Loading usage…" /> : usage.isError ? <ErrorPanel error={usage.error} onRetry={() => void usage.refetch()} /> : q ? (
        <>
          <p className="text-2xl font-semibold tabular-nums">
            {used.toFixed(1)} <span className="text-base font-normal text-ink-muted">of {q.renderMinutesLimit} render-minutes</span>
          </p>
          <div role="progressbar" aria-label="Render-minutes used this month" aria-valuemin={0} aria-valuemax={q.renderMinutesLimit} aria-valuenow={Number(used.toFixed(1))} className="mt-3 h-2 overflow-hidden rounded-full bg-sunken">
            <div className={`h-full rounded-full ${share > 0.9 ? "bg-danger" : "bg-accent"}`} style={{ width: `${share * 100}%` }} />
          </div>
          <p className="mt-2 text-sm text-ink-muted">{q.renderMinutesLeft.toFixed(1)} minutes left in {usage.data.period}</p>
        </>
      ) : null}
    </Card>
  );
};

const RecentProjects = () => {
  const projects = useQuery({ queryKey: ["projects", "recent"], queryFn: () => unwrap(api.GET("/v1/projects", { params: { query: { limit: 5 } } })) });
  return (
    <Card title="Recent projects" actions={<Link to="/projects" className="text-sm font-medium text-accent-ink hover:underline">All projects</Link>}>
      {projects.isPending ? <Spinner label="Loading projects…" /> : projects.isError ? <ErrorPanel error={projects.error} onRetry={() => void projects.refetch()} /> : projects.data.projects.length === 0 ? (
        <p className="text-sm text-ink-muted">No projects yet: describe a video above, or start from a <Link to="/templates" className="text-accent-ink underline">template</Link>.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-line">
          {projects.data.projects.map((p) => (
            <li key={p.id} className="py-2">
              <Link to={`/projects/${p.id}`} className="flex items-center gap-2 font-medium hover:text-accent-ink">
                <FolderOpen className="size-4 shrink-0 text-ink-muted" aria-hidden="true" />
                <span className="min-w-0 truncate">{p.name}</span>
              </Link>
              <p className="ml-6 text-xs text-ink-muted">{p.template} · version {p.latestVersion} · {new Date(p.updatedAt).toLocaleDateString()}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
};

const RecentRenders = () => {
  const renders = useQuery({ queryKey: ["renders", "recent"], queryFn: () => unwrap(api.GET("/v1/renders", { params: { query: { limit: 5 } } })) });
  return (
    <Card title="Recent renders" actions={<Link to="/renders" className="text-sm font-medium text-accent-ink hover:underline">All renders</Link>}>
      {renders.isPending ? <Spinner label="Loading renders…" /> : renders.isError ? <ErrorPanel error={renders.error} onRetry={() => void renders.refetch()} /> : renders.data.renders.length === 0 ? (
        <p className="text-sm text-ink-muted">No renders yet. Open a project and press Render.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-line">
          {renders.data.renders.map((r) => (
            <li key={r.id} className="py-2">
              <Link to={`/renders/${r.id}`} className="flex items-center gap-2 font-medium hover:text-accent-ink">
                <Clapperboard className="size-4 shrink-0 text-ink-muted" aria-hidden="true" />
                <span className="min-w-0 truncate">{r.template}</span>
                <span className="ml-auto text-xs font-normal text-ink-muted">{r.status === "active" ? `${Math.round(r.progress * 100)}%` : r.status}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
};

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { FolderOpen, Plus, Search, Sparkles, Trash2 } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { templatePackInfos } from "../../../templates/load-template-pack";
import { api, unwrap } from "../api/client";
import { GenerateDialog } from "../editor/generate-dialog";
import { SelectInput, TextInput } from "../editor/form-fields";
import { createProject } from "../editor/use-generate-project";
import { FALLBACK_TEMPLATE, preferredTemplate, usePreferences, withPreferences } from "../settings/use-preferences";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { EmptyState } from "../ui/empty-state";
import { ErrorPanel } from "../ui/error-panel";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";
import { useDebouncedValue } from "../ui/use-debounced-value";

/** Projects: search (by name, on the server, so older pages are searched too), open, start new (blank from a template, or generated), delete. */
export const ProjectsPage = () => {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [creating, setCreating] = useState(false);
  const [generating, setGenerating] = useState(false);
  const [deleting, setDeleting] = useState<{ id: string; name: string } | null>(null);
  const q = useDebouncedValue(search.trim());
  const projects = useInfiniteQuery({
    queryKey: ["projects", "list", { q }],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => unwrap(api.GET("/v1/projects", { params: { query: { limit: 100, ...(q ? { q } : {}), ...(pageParam ? { cursor: pageParam } : {}) } } })),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    // While the next search loads, the last answer stays on screen instead of a spinner.
    placeholderData: keepPreviousData,
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE("/v1/projects/{id}", { params: { path: { id } } })),
    onSuccess: () => {
      setDeleting(null);
      void queryClient.invalidateQueries({ queryKey: ["projects"] });
    },
  });
  const shown = projects.data?.pages.flatMap((p) => p.projects) ?? [];

  return (
    <>
      <PageHeader
        title="Projects"
        description="Your saved videos: search, open, and see their history."
        actions={
          <>
            <Button variant="secondary" onClick={() => setGenerating(true)}>
              <Sparkles className="size-4" aria-hidden="true" />
              Generate with AI
            </Button>
            <Button onClick={() => setCreating(true)}>
              <Plus className="size-4" aria-hidden="true" />
              New project
            </Button>
          </>
        }
      />
      <div className="relative mb-4 max-w-md">
        <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-ink-muted" aria-hidden="true" />
        <input type="search" aria-label="Search projects" placeholder="Search by name" maxLength={100} value={search} onChange={(e) => setSearch(e.target.value)} className="h-10 w-full rounded-field border border-line-strong bg-surface pr-3 pl-9 text-[15px]" />
      </div>
      {projects.isPending ? (
        <Spinner label="Loading projects…" />
      ) : projects.isError ? (
        <ErrorPanel error={projects.error} onRetry={() => void projects.refetch()} />
      ) : shown.length === 0 && !q ? (
        <EmptyState icon={<FolderOpen className="size-6" />} title="No projects yet" description="Start from a template, or describe a video and let the AI write it." action={<Button onClick={() => setGenerating(true)}>Generate with AI</Button>} />
      ) : shown.length === 0 ? (
        <p className="text-ink-muted">No project matches “{q}”.</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3" aria-label="Projects">
          {shown.map((p) => (
            <li key={p.id} className="flex items-start gap-2 rounded-card border border-line bg-surface p-4 shadow-card">
              <div className="min-w-0 flex-1">
                <Link to={`/projects/${p.id}`} className="block truncate font-semibold hover:text-accent-ink">
                  {p.name}
                </Link>
                <p className="mt-0.5 text-sm text-ink-muted">
                  {templatePackInfos.find((t) => t.id === p.template)?.title ?? p.template} · version {p.latestVersion}
                </p>
                <p className="text-xs text-ink-muted">Updated {new Date(p.updatedAt).toLocaleString()}</p>
              </div>
              <Button size="sm" variant="ghost" aria-label={`Delete ${p.name}`} onClick={() => setDeleting({ id: p.id, name: p.name })}>
                <Trash2 className="size-4" aria-hidden="true" />
              </Button>
            </li>
          ))}
        </ul>
      )}
      {projects.hasNextPage ? (
        <Button variant="secondary" className="mt-4" loading={projects.isFetchingNextPage} onClick={() => void projects.fetchNextPage()}>
          Load more
        </Button>
      ) : null}
      {creating ? <NewProjectDialog onClose={() => setCreating(false)} /> : null}
      {generating ? <GenerateDialog open onOpenChange={setGenerating} /> : null}
      <Dialog
        open={deleting !== null}
        onOpenChange={(open) => (open ? undefined : setDeleting(null))}
        title={`Delete “${deleting?.name ?? ""}”?`}
        description="The project and every version of it are deleted. Renders already made stay."
        footer={
          <>
            <Button variant="secondary" onClick={() => setDeleting(null)}>
              Cancel
            </Button>
            <Button variant="danger" loading={remove.isPending} onClick={() => deleting && remove.mutate(deleting.id)}>
              Delete project
            </Button>
          </>
        }
      >
        {remove.isError ? <ErrorPanel error={remove.error} /> : null}
      </Dialog>
    </>
  );
};

/** A blank project from a template (the preferred one unless given): its sample script as version 1, in the preferred format and brand kit. */
export const NewProjectDialog = ({ onClose, template: initialTemplate }: { onClose: () => void; template?: string }) => {
  const navigate = useNavigate();
  const preferences = usePreferences();
  const [name, setName] = useState("");
  const [template, setTemplate] = useState(initialTemplate ?? preferredTemplate(preferences));
  const create = useMutation({
    mutationFn: async () => {
      const detail = await unwrap(api.GET("/v1/templates/{id}", { params: { path: { id: template } } }));
      return createProject(name.trim() || detail.title, template, withPreferences(detail.defaultProps, preferences, { format: true }));
    },
    onSuccess: (id) => void navigate(`/projects/${id}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title="New project"
      description="It starts from the template's sample script."
      footer={
        <Button type="submit" form="new-project-form" loading={create.isPending}>
          Create project
        </Button>
      }
    >
      <form id="new-project-form" onSubmit={submit} className="flex flex-col gap-3">
        <TextInput label="Name" value={name} onChange={(v) => setName(v ?? "")} keepEmpty maxLength={200} placeholder="My video" />
        <SelectInput label="Template" value={template} onChange={(v) => setTemplate(v ?? FALLBACK_TEMPLATE)} options={templatePackInfos.map((t) => ({ value: t.id, label: t.title }))} />
        {create.isError ? <ErrorPanel error={create.error} /> : null}
      </form>
    </Dialog>
  );
};

import type { PlayerRef } from "@remotion/player";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Braces, Clapperboard, History, ListTree, Play, Save, Share2 } from "lucide-react";
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import { Link, useBlocker, useNavigate, useParams, useSearchParams } from "react-router";
import { buildTimeline, FPS, mapScriptSources, validateScript, type Script, type ScriptProblem } from "../../../script";
import { loadTemplatePack } from "../../../templates/load-template-pack";
import { api, ApiError, unwrap } from "../api/client";
import { problemsOf } from "../api/problems-of";
import { ApplyMediaDialog, isMediaUse } from "../editor/apply-media-dialog";
import { ConflictDialog, type Theirs } from "../editor/conflict-dialog";
import { mediaUrlMap, useMediaLibrary, useTemplateDetail, useVoices, voiceOfSpeaker } from "../editor/editor-resources";
import { HistoryDialog } from "../editor/history-dialog";
import { PreviewControls } from "../editor/preview-controls";
import { ScriptForm } from "../editor/script-form";
import { useDebounced } from "../editor/use-debounced";
import { VoicePreviewButton } from "../editor/voice-preview-button";
import { ScriptPlayer } from "../player/script-player";
import { ProjectShareDialog } from "../shares/project-share-dialog";
import { Button, buttonStyles } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { ErrorPanel } from "../ui/error-panel";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";
import { useToast } from "../ui/toast";

// CodeMirror is most of the editor's code: loaded when the JSON view is first opened.
const ScriptJsonView = lazy(() => import("../editor/script-json-view").then((m) => ({ default: m.ScriptJsonView })));

const pretty = (value: unknown) => JSON.stringify(value, null, 2);
const parseJson = (text: string): { ok: true; value: unknown } | { ok: false } => {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
};

/** The editor of one project: the form or the raw JSON, a live preview, save with conflicts, history, render. */
export const ProjectEditorPage = () => {
  const { id = "" } = useParams();
  const project = useQuery({ queryKey: ["project", id], queryFn: () => unwrap(api.GET("/v1/projects/{id}", { params: { path: { id } } })) });
  if (project.isPending) return <Spinner label="Loading project…" />;
  if (project.isError) return <ErrorPanel error={project.error} title="Could not open this project" onRetry={() => void project.refetch()} />;
  return <Editor key={id} project={project.data} />;
};

type ProjectBody = Awaited<ReturnType<typeof loadProject>>;
const loadProject = (id: string) => unwrap(api.GET("/v1/projects/{id}", { params: { path: { id } } }));

const Editor = ({ project }: { project: ProjectBody }) => {
  const toast = useToast();
  const queryClient = useQueryClient();
  const template = project.latest.template;
  const [text, setText] = useState(() => pretty(project.latest.script));
  const [saved, setSaved] = useState({ text: pretty(project.latest.script), version: project.latest.version });
  const [view, setView] = useState<"form" | "json">("form");
  const [conflict, setConflict] = useState<Theirs | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [shareOpen, setShareOpen] = useState(false);
  const player = useRef<PlayerRef>(null);
  const [prepared, setPrepared] = useState<{ durationInFrames: number; fps: number } | null>(null);
  const onPrepared = useCallback((p: { durationInFrames: number; fps: number }) => setPrepared((old) => (old?.durationInFrames === p.durationInFrames && old.fps === p.fps ? old : { durationInFrames: p.durationInFrames, fps: p.fps })), []);

  const pack = useQuery({ queryKey: ["pack", template], staleTime: Infinity, queryFn: () => loadTemplatePack(template) });
  const detail = useTemplateDetail(template);
  const media = useMediaLibrary();

  const parsed = useMemo(() => parseJson(text), [text]);
  const validate = useMemo(() => {
    const schema = pack.data?.schema;
    return (value: unknown): ScriptProblem[] => {
      const result = schema ? validateScript(value, schema as never) : validateScript(value);
      return result.ok ? [] : result.problems;
    };
  }, [pack.data]);
  // One validation per change of the text: the form's problems and the script the timeline uses.
  const validation = useMemo(() => (parsed.ok ? (pack.data ? validateScript(parsed.value, pack.data.schema as never) : validateScript(parsed.value)) : null), [parsed, pack.data]);
  const problems = validation && !validation.ok ? validation.problems : [];
  const validScript = validation?.ok ? (validation.script as Script) : null;
  const timeline = useMemo(() => (validScript ? buildTimeline(validScript, FPS) : null), [validScript]);
  const voices = useVoices(validScript?.language);

  // The preview follows typing, 300 ms after it stops; `media:` refs play from their signed URLs.
  const urls = useMemo(() => mediaUrlMap(media.data), [media.data]);
  const settled = useDebounced(parsed.ok ? parsed.value : null, 300);
  const previewScript = useMemo(() => {
    if (settled === null) return null;
    const result = validateScript(settled, (pack.data?.schema ?? undefined) as never);
    if (!result.ok) return settled;
    return { ...(settled as object), ...mapScriptSources(result.script as Script, (src) => urls.get(src) ?? src) };
  }, [settled, urls, pack.data]);

  const dirty = text !== saved.text;
  const navigate = useNavigate();
  // Leaving the editor with unsaved changes asks first (in-app links here, closing the tab below).
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !save.isPending && currentLocation.pathname !== nextLocation.pathname && !nextLocation.pathname.startsWith("/renders/new"));
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const applySaved = (body: ProjectBody) => {
    const savedText = pretty(body.latest.script);
    setSaved({ text: savedText, version: body.latest.version });
    setText(savedText);
    queryClient.setQueryData(["project", project.id], body);
    void queryClient.invalidateQueries({ queryKey: ["projects"] });
  };

  const save = useMutation({
    mutationFn: async (baseVersion: number) => {
      if (!parsed.ok) throw new Error("Fix the JSON syntax before saving.");
      return unwrap(api.PUT("/v1/projects/{id}", { params: { path: { id: project.id } }, body: { script: parsed.value as Record<string, unknown>, baseVersion } }));
    },
    onSuccess: (body) => {
      applySaved(body);
      setConflict(null);
      toast({ title: `Saved version ${body.latest.version}`, tone: "success" });
    },
    onError: async (error) => {
      if (!(error instanceof ApiError && error.status === 409)) return;
      try {
        const latest = await loadProject(project.id);
        setConflict({ version: latest.latest.version, script: latest.latest.script });
      } catch (loadError) {
        toast({ title: "Someone saved a newer version, and it could not be loaded", description: problemsOf(loadError).message, tone: "error" });
      }
    },
  });

  // Ctrl/Cmd+S saves, as in every editor.
  const saveShortcut = useRef<() => void>(() => undefined);
  saveShortcut.current = () => {
    if (dirty && parsed.ok && !save.isPending) save.mutate(saved.version);
  };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
        e.preventDefault();
        saveShortcut.current();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  const rollback = useMutation({
    mutationFn: (version: number) => unwrap(api.POST("/v1/projects/{id}/rollback", { params: { path: { id: project.id } }, body: { version, baseVersion: saved.version } })),
    onSuccess: (body, version) => {
      applySaved(body);
      setHistoryOpen(false);
      toast({ title: `Restored version ${version} as version ${body.latest.version}`, tone: "success" });
    },
    onError: (error) => toast({ title: "Could not restore", description: error.message, tone: "error" }),
  });

  const playFrom = (s: number, l: number) => {
    const scene = timeline?.scenes[s];
    const line = scene?.lines[l];
    if (!scene || !line || !player.current) return;
    player.current.seekTo(scene.from + line.from);
    player.current.play();
  };

  const draft = parsed.ok ? parsed.value : null;
  // "Use as…" from the media library: `?use=<mediaId>&as=background|avatar|music` asks where it goes.
  const [search, setSearch] = useSearchParams();
  const useMedia = search.get("use");
  const useAs = search.get("as");
  const closeUse = () => setSearch({}, { replace: true });
  const characters = validScript?.characters ?? [];

  return (
    <>
      <PageHeader
        title={project.name}
        description={
          <span>
            {detail.data?.title ?? template} · <span data-testid="editor-version">Version {saved.version}</span>
            {dirty ? <span className="ml-2 rounded bg-warning-soft px-1.5 py-0.5 text-xs font-medium text-warning">Unsaved changes</span> : null}
          </span>
        }
        actions={
          <>
            <Button variant="secondary" onClick={() => setHistoryOpen(true)}>
              <History className="size-4" aria-hidden="true" />
              History
            </Button>
            <Link
              to={`/renders/new?project=${project.id}&version=${saved.version}`}
              className={buttonStyles({ variant: "secondary" })}
              onClick={(e) => {
                // Render what is on screen: unsaved changes are saved first, then that version is rendered.
                if (!dirty) return;
                e.preventDefault();
                if (parsed.ok) save.mutate(saved.version, { onSuccess: (body) => void navigate(`/renders/new?project=${project.id}&version=${body.latest.version}`) });
              }}
            >
              <Clapperboard className="size-4" aria-hidden="true" />
              Render
            </Link>
            <Button variant="secondary" onClick={() => setShareOpen(true)}>
              <Share2 className="size-4" aria-hidden="true" />
              Share
            </Button>
            <Button onClick={() => save.mutate(saved.version)} loading={save.isPending} disabled={!dirty || !parsed.ok}>
              <Save className="size-4" aria-hidden="true" />
              Save
            </Button>
          </>
        }
      />
      {save.isError && !(save.error instanceof ApiError && save.error.status === 409) ? <div className="mb-4"><ErrorPanel error={save.error} title="Could not save" /></div> : null}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="order-2 min-w-0 lg:order-1">
          <div role="tablist" aria-label="Editor view" className="mb-3 inline-flex rounded-field border border-line-strong bg-surface p-0.5">
            {(
              [
                ["form", "Form", ListTree],
                ["json", "JSON", Braces],
              ] as const
            ).map(([key, label, Icon]) => (
              <button key={key} type="button" role="tab" aria-selected={view === key} onClick={() => setView(key)} className={`inline-flex items-center gap-1.5 rounded-[calc(var(--radius-field)-2px)] px-3 py-1.5 text-sm font-medium ${view === key ? "bg-accent text-white" : "text-ink-muted hover:text-ink"}`}>
                <Icon className="size-4" aria-hidden="true" />
                {label}
              </button>
            ))}
          </div>
          {problems.length ? (
            <p className="mb-3 text-sm text-danger" role="status">
              {problems.length} problem{problems.length === 1 ? "" : "s"}: {problems[0]!.path}: {problems[0]!.message}
            </p>
          ) : null}
          {view === "json" ? (
            <Suspense fallback={<Spinner label="Loading the JSON editor…" />}>
              <ScriptJsonView value={text} onChange={setText} validate={(t) => { const p = parseJson(t); return p.ok ? validate(p.value) : []; }} label="Script JSON" />
            </Suspense>
          ) : draft && typeof draft === "object" ? (
            <ScriptForm
              script={draft}
              onChange={(next) => setText(pretty(next))}
              schema={detail.data?.jsonSchema}
              problems={problems}
              media={media.data ?? []}
              voices={voices.data?.voices ?? null}
              lineActions={(s, l) => {
                const line = validScript?.scenes[s]?.lines[l];
                return (
                  <>
                    <Button size="sm" variant="ghost" disabled={!timeline?.scenes[s]?.lines[l]} onClick={() => playFrom(s, l)} aria-label={`Play from here: line ${l + 1} of scene ${s + 1}`}>
                      <Play className="size-4" aria-hidden="true" />
                      <span className="hidden sm:inline">Play from here</span>
                    </Button>
                    <VoicePreviewButton text={line?.text ?? ""} voice={line ? voiceOfSpeaker(characters, line.speaker, voices.data?.defaults) : undefined} emotion={line?.emotion} language={validScript?.language} label={`Preview the voice of line ${l + 1} of scene ${s + 1}`} />
                  </>
                );
              }}
            />
          ) : (
            <ErrorPanel error={new Error("The JSON does not parse: fix it in the JSON view to use the form.")} />
          )}
        </div>
        <aside className="order-1 min-w-0 lg:order-2" aria-label="Preview">
          <div className="lg:sticky lg:top-20">
            <div className="mx-auto max-w-[15rem] overflow-hidden rounded-card bg-ink shadow-card lg:max-w-[22rem]" data-testid="preview">
              {previewScript ? (
                <>
                  {/* The picture is a video frame: hidden from assistive tech, driven by the controls below. */}
                  <div aria-hidden="true" inert>
                    <ScriptPlayer playerRef={player} template={template} script={previewScript} loop controls={false} onPrepared={onPrepared} />
                  </div>
                  {prepared ? <PreviewControls player={player} durationInFrames={prepared.durationInFrames} fps={prepared.fps} /> : null}
                </>
              ) : (
                <p className="p-4 text-sm text-white">The preview waits for valid JSON.</p>
              )}
            </div>
            <p className="mt-2 text-center text-sm text-ink-muted" data-testid="duration-estimate">
              {timeline ? `About ${Math.round(timeline.durationInFrames / FPS)} s · ${validScript!.scenes.length} scenes · ${validScript!.scenes.reduce((n, s) => n + s.lines.length, 0)} lines` : "Duration unknown until the script is valid"}
            </p>
          </div>
        </aside>
      </div>
      <ConflictDialog theirs={conflict} mine={draft} saving={save.isPending} onClose={() => setConflict(null)} onKeepMine={() => conflict && save.mutate(conflict.version)} onTakeTheirs={() => {
        if (!conflict) return;
        const theirsText = pretty(conflict.script);
        setSaved({ text: theirsText, version: conflict.version });
        setText(theirsText);
        setConflict(null);
        void queryClient.invalidateQueries({ queryKey: ["project", project.id] });
      }} />
      <Dialog
        open={blocker.state === "blocked"}
        onOpenChange={(open) => (open ? undefined : blocker.reset?.())}
        title="Leave without saving?"
        description="Your changes since the last save will be lost."
        footer={
          <>
            <Button variant="secondary" onClick={() => blocker.reset?.()}>
              Stay
            </Button>
            <Button variant="danger" onClick={() => blocker.proceed?.()}>
              Leave
            </Button>
          </>
        }
      />
      {useMedia && isMediaUse(useAs) && media.data && draft && typeof draft === "object" ? (
        <ApplyMediaDialog
          draft={draft}
          media={media.data.find((m) => m.id === useMedia) ?? null}
          use={useAs}
          onClose={closeUse}
          onApply={(next) => {
            setText(pretty(next));
            closeUse();
            toast({ title: `Applied as ${useAs}: save to keep it`, tone: "success" });
          }}
        />
      ) : null}
      <ProjectShareDialog projectId={project.id} version={saved.version} dirty={dirty} saveFirst={parsed.ok ? async () => (await save.mutateAsync(saved.version)).latest.version : undefined} open={shareOpen} onOpenChange={setShareOpen} />
      <HistoryDialog projectId={project.id} latest={saved.version} open={historyOpen} onOpenChange={setHistoryOpen} onRestore={(v) => rollback.mutate(v)} restoring={rollback.isPending} />
    </>
  );
};

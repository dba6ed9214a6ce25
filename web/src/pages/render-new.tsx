import { useMutation, useQuery } from "@tanstack/react-query";
import { Clapperboard } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { problemAt, problemsOf } from "../api/problems-of";
import { Button, buttonStyles } from "../ui/button";
import { Card } from "../ui/card";
import { EmptyState } from "../ui/empty-state";
import { ErrorPanel } from "../ui/error-panel";
import { PageHeader } from "../ui/page-header";
import { SelectField } from "../ui/select-field";
import { Spinner } from "../ui/spinner";

type OutputRequest = components["schemas"]["OutputRequest"];
type Preset = NonNullable<OutputRequest["preset"]>;
type Resolution = NonNullable<OutputRequest["resolution"]>;
type VideoFormat = Exclude<OutputRequest["format"], "png" | "jpeg">;

/** Every preset the server knows (the record's type makes the compiler list each one). */
const PRESETS: Record<Preset, { label: string; frame: string }> = {
  tiktok: { label: "TikTok", frame: "9:16" },
  reels: { label: "Instagram Reels", frame: "9:16" },
  shorts: { label: "YouTube Shorts", frame: "9:16" },
  youtube: { label: "YouTube", frame: "16:9" },
  "instagram-square": { label: "Instagram square", frame: "1:1" },
  "instagram-portrait": { label: "Instagram portrait", frame: "4:5" },
};
const RESOLUTIONS: Record<Resolution, string> = { "480p": "480p (fast preview)", "720p": "720p", "1080p": "1080p (Full HD)", "4k": "4K" };
const FORMATS: Record<VideoFormat, string> = { mp4: "MP4 (H.264)", webm: "WebM (VP8)", gif: "GIF (no sound)", prores: "ProRes (for editing)" };

/** The outputs the form's choices stand for: one video per preset (or one in the project's own frame), and a JPEG cover when asked. */
export const outputsOf = (choice: { presets: Preset[]; format: VideoFormat; resolution: Resolution; thumbnail: boolean }): OutputRequest[] => {
  const videos: OutputRequest[] = choice.presets.length
    ? choice.presets.map((preset) => ({ preset, format: choice.format, resolution: choice.resolution }))
    : [{ format: choice.format, resolution: choice.resolution }];
  return choice.thumbnail ? [...videos, { name: "thumbnail", format: "jpeg", resolution: choice.resolution }] : videos;
};

/**
 * `/renders/new?project=<id>&version=<n>`: choose the outputs of a render of a saved project
 * (platform presets, resolution, file format, a thumbnail), order it, and go to its progress page.
 */
export const RenderNewPage = () => {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const projectId = params.get("project");
  const version = Number(params.get("version")) || undefined;
  const project = useQuery({ queryKey: ["project", projectId], queryFn: () => unwrap(api.GET("/v1/projects/{id}", { params: { path: { id: projectId! } } })), enabled: !!projectId });
  const [presets, setPresets] = useState<Preset[]>([]);
  const order = useMutation({
    mutationFn: (outputs: OutputRequest[]) => unwrap(api.POST("/v1/renders", { body: { projectId: projectId!, projectVersion: version, outputs } })),
    onSuccess: (render) => navigate(`/renders/${render.id}`),
  });
  const problems = order.error ? problemsOf(order.error) : null;

  if (!projectId) {
    return (
      <>
        <PageHeader title="New render" />
        <EmptyState
          icon={<Clapperboard className="size-6" />}
          title="Pick a project to render"
          description="Open a project and choose Render, or pick one from your projects."
          action={
            <Link to="/projects" className={buttonStyles()}>
              Your projects
            </Link>
          }
        />
      </>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    order.mutate(outputsOf({ presets, format: data.get("format") as VideoFormat, resolution: data.get("resolution") as Resolution, thumbnail: data.get("thumbnail") === "on" }));
  };
  const name = project.data?.name ?? "project";
  return (
    <>
      <PageHeader title="New render" description={project.data ? `${name}, version ${version ?? project.data.latestVersion}` : undefined} />
      {project.isPending ? <Spinner label="Loading the project…" /> : null}
      {project.isError ? <ErrorPanel error={project.error} title="Could not load the project" onRetry={() => void project.refetch()} /> : null}
      {project.data ? (
        <form onSubmit={submit} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
          <Card title="Platforms">
            <fieldset>
              <legend className="text-sm text-ink-muted">One video per platform you tick, framed for it. None ticked: one video in the project's own frame ({String(project.data.latest.script.format ?? "9:16")}).</legend>
              <div className="mt-3 grid gap-2 sm:grid-cols-2">
                {(Object.keys(PRESETS) as Preset[]).map((preset) => (
                  <label key={preset} className="flex cursor-pointer items-center gap-3 rounded-field border border-line px-3 py-2.5 hover:bg-sunken has-[:checked]:border-accent has-[:checked]:bg-accent-soft">
                    <input
                      type="checkbox"
                      className="size-4 accent-accent"
                      checked={presets.includes(preset)}
                      onChange={(e) => setPresets((list) => (e.target.checked ? [...list, preset] : list.filter((p) => p !== preset)))}
                    />
                    <span className="min-w-0">
                      <span className="block font-medium">{PRESETS[preset].label}</span>
                      <span className="block text-sm text-ink-muted">{PRESETS[preset].frame}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
          </Card>
          <Card title="Quality and files">
            <div className="flex flex-col gap-4">
              <SelectField label="Resolution" name="resolution" defaultValue="1080p" hint="Of the short side; 480p renders fastest.">
                {Object.entries(RESOLUTIONS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </SelectField>
              <SelectField label="File format" name="format" defaultValue="mp4">
                {Object.entries(FORMATS).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </SelectField>
              <label className="flex items-center gap-3 text-[15px]">
                <input type="checkbox" name="thumbnail" defaultChecked className="size-4 accent-accent" />
                Also make a thumbnail (JPEG cover frame)
              </label>
              {problems ? <ErrorPanel error={order.error} title={problemAt(problems, "outputs") ? "These outputs cannot be rendered" : "Could not order the render"} /> : null}
              <Button type="submit" loading={order.isPending}>
                <Clapperboard className="size-4" aria-hidden="true" /> Render
              </Button>
            </div>
          </Card>
        </form>
      ) : null}
    </>
  );
};

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { FileAudio, FileVideo, ImageIcon, Images, Search, Tag, Trash2, UploadCloud } from "lucide-react";
import { useState, type FormEvent } from "react";
import { useDropzone } from "react-dropzone";
import { api, unwrap } from "../api/client";
import { problemsOf } from "../api/problems-of";
import { uploadMedia, type Media } from "../api/upload-media";
import { Button } from "../ui/button";
import { ConfirmButton } from "../ui/confirm-button";
import { EmptyState } from "../ui/empty-state";
import { ErrorPanel } from "../ui/error-panel";
import { formatBytes, formatSeconds } from "../ui/format-values";
import { PageHeader } from "../ui/page-header";
import { SelectField } from "../ui/select-field";
import { Spinner } from "../ui/spinner";
import { useToast } from "../ui/toast";
import { useDebouncedValue } from "../ui/use-debounced-value";
import { MediaUseDialog, USES_OF, type MediaUse } from "./media-use-dialog";

type Upload = { key: string; name: string; progress: number; error: string | null };
/** The signed link helper A's media bodies carry (`url`), for `<img>`/`<video>` without credentials. */
const urlOf = (media: Media): string | null => (media as Media & { url?: string }).url ?? null;

const Thumbnail = ({ media }: { media: Media }) => {
  const url = urlOf(media);
  if (url && media.kind === "image") return <img src={url} alt="" loading="lazy" className="size-full object-cover" />;
  if (url && media.kind === "video") return <video src={`${url}#t=0.1`} muted preload="metadata" className="size-full object-cover" aria-hidden="true" />;
  const Icon = media.kind === "audio" ? FileAudio : media.kind === "video" ? FileVideo : ImageIcon;
  return (
    <div className="grid size-full place-items-center text-ink-muted">
      <Icon className="size-10" aria-hidden="true" />
    </div>
  );
};

/** One asset in the grid: preview, name, what it is, its tags (editable), use as…, delete. */
const MediaCard = ({ media, onUse }: { media: Media; onUse: (use: MediaUse) => void }) => {
  const queryClient = useQueryClient();
  const toast = useToast();
  const [editing, setEditing] = useState(false);
  const saveTags = useMutation({
    mutationFn: (tags: string[]) => unwrap(api.PATCH("/v1/media/{id}", { params: { path: { id: media.id } }, body: { tags } })),
    onSuccess: () => {
      setEditing(false);
      void queryClient.invalidateQueries({ queryKey: ["media"] });
    },
  });
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE("/v1/media/{id}", { params: { path: { id: media.id } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ["media"] }),
    onError: (error) => toast({ title: "Could not delete", description: problemsOf(error).message, tone: "error" }),
  });
  const submitTags = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const raw = String(new FormData(event.currentTarget).get("tags") ?? "");
    saveTags.mutate(
      raw
        .split(",")
        .map((t) => t.trim())
        .filter(Boolean),
    );
  };
  const facts = [media.kind, media.width && media.height ? `${media.width}×${media.height}` : null, media.durationSec !== null ? formatSeconds(media.durationSec) : null, formatBytes(media.bytes)].filter(Boolean);
  return (
    <li className="flex min-w-0 flex-col overflow-hidden rounded-card border border-line bg-surface shadow-card" data-testid="media-card">
      <div className="aspect-video bg-sunken">
        <Thumbnail media={media} />
      </div>
      <div className="flex flex-1 flex-col gap-2 p-3">
        <p className="truncate font-medium" title={media.filename}>
          {media.filename}
        </p>
        <p className="text-sm text-ink-muted">{facts.join(" · ")}</p>
        {editing ? (
          <form onSubmit={submitTags} className="flex flex-col gap-2">
            <label className="text-sm font-medium" htmlFor={`tags-${media.id}`}>
              Tags, separated by commas
            </label>
            <input id={`tags-${media.id}`} name="tags" defaultValue={media.tags.join(", ")} autoFocus className="h-9 rounded-field border border-line-strong px-2.5 text-sm" />
            {saveTags.error ? <ErrorPanel error={saveTags.error} /> : null}
            <div className="flex gap-2">
              <Button type="submit" size="sm" loading={saveTags.isPending}>
                Save tags
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : (
          <div className="flex flex-wrap items-center gap-1.5">
            {media.tags.map((t) => (
              <span key={t} className="rounded-full bg-accent-soft px-2 py-0.5 text-xs font-medium text-accent-ink">
                {t}
              </span>
            ))}
            <button type="button" onClick={() => setEditing(true)} className="inline-flex items-center gap-1 rounded-full px-1.5 py-0.5 text-xs font-medium text-ink-muted hover:bg-sunken hover:text-ink">
              <Tag className="size-3" aria-hidden="true" /> {media.tags.length ? "Edit tags" : "Add tags"}
              <span className="sr-only"> of {media.filename}</span>
            </button>
          </div>
        )}
        <div className="mt-auto flex flex-wrap gap-1.5 pt-1">
          {USES_OF[media.kind].map((use) => (
            <Button key={use} size="sm" variant="secondary" onClick={() => onUse(use)}>
              Use as {use}
              <span className="sr-only"> for {media.filename}</span>
            </Button>
          ))}
          <ConfirmButton confirmLabel="Delete" loading={remove.isPending} onConfirm={() => remove.mutate()} aria-label={`Delete ${media.filename}`}>
            <Trash2 className="size-4" aria-hidden="true" />
          </ConfirmButton>
        </div>
      </div>
    </li>
  );
};

/** `/media`: the media library: drag-and-drop uploads with progress, a grid of thumbnails, tags, search, delete, and "use as". */
export const MediaPage = () => {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<"" | Media["kind"]>("");
  const [search, setSearch] = useState("");
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [using, setUsing] = useState<{ media: Media; use: MediaUse } | null>(null);
  // Searched on the server (filename or tag), so assets past the first page are found too.
  const q = useDebouncedValue(search.trim());
  const list = useInfiniteQuery({
    queryKey: ["media", { kind, q }],
    queryFn: ({ pageParam }) => unwrap(api.GET("/v1/media", { params: { query: { q: q || undefined, kind: kind || undefined, cursor: pageParam ?? undefined, limit: 100 } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    // While the next search loads, the last answer stays on screen instead of a spinner.
    placeholderData: keepPreviousData,
  });
  const update = (key: string, change: Partial<Upload>) => setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u)));
  const upload = async (file: File) => {
    const key = `${file.name}-${Date.now()}-${Math.random()}`;
    setUploads((all) => [...all, { key, name: file.name, progress: 0, error: null }]);
    try {
      await uploadMedia(file, { onProgress: (progress) => update(key, { progress }) });
      setUploads((all) => all.filter((u) => u.key !== key));
      await queryClient.invalidateQueries({ queryKey: ["media"] });
    } catch (error) {
      update(key, { error: problemsOf(error).message });
    }
  };
  const dropzone = useDropzone({
    accept: { "image/*": [], "audio/*": [], "video/*": [] },
    onDrop: (accepted, rejected) => {
      for (const file of accepted) void upload(file);
      for (const r of rejected) setUploads((all) => [...all, { key: `${r.file.name}-${Math.random()}`, name: r.file.name, progress: 0, error: "Not an image, audio or video file." }]);
    },
  });
  const media = list.data?.pages.flatMap((p) => p.media) ?? [];

  return (
    <>
      <PageHeader title="Media" description="Images, videos and music for your backgrounds, avatars and soundtracks." />
      <div
        {...dropzone.getRootProps({
          className: `mb-6 flex cursor-pointer flex-col items-center rounded-card border-2 border-dashed px-6 py-8 text-center transition-colors ${dropzone.isDragActive ? "border-accent bg-accent-soft" : "border-line-strong bg-surface hover:bg-sunken"}`,
        })}
      >
        <input {...dropzone.getInputProps({ "aria-label": "Upload media files" })} data-testid="media-input" />
        <UploadCloud className="size-8 text-accent" aria-hidden="true" />
        <p className="mt-2 font-medium">{dropzone.isDragActive ? "Drop to upload" : "Drag files here, or click to choose"}</p>
        <p className="text-sm text-ink-muted">Images (PNG, JPEG, WebP), video (MP4, WebM) and audio (MP3, WAV, OGG)</p>
      </div>
      {uploads.length ? (
        <ul className="mb-6 flex flex-col gap-2" aria-label="Uploads">
          {uploads.map((u) => (
            <li key={u.key} className="rounded-card border border-line bg-surface p-3 text-sm">
              <div className="flex justify-between gap-3">
                <span className="truncate font-medium">{u.name}</span>
                {u.error ? (
                  <button type="button" className="text-ink-muted hover:text-ink" onClick={() => setUploads((all) => all.filter((x) => x.key !== u.key))}>
                    Dismiss
                  </button>
                ) : (
                  <span>{Math.round(u.progress * 100)}%</span>
                )}
              </div>
              {u.error ? (
                <p role="alert" className="mt-1 text-danger">
                  {u.error}
                </p>
              ) : (
                <div role="progressbar" aria-label={`Uploading ${u.name}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(u.progress * 100)} className="mt-2 h-2 overflow-hidden rounded-full bg-sunken">
                  <div className="h-full bg-accent" style={{ width: `${Math.round(u.progress * 100)}%` }} />
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="mb-4 grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem]">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="media-search" className="text-sm font-medium">
            Search
          </label>
          <div className="relative">
            <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-ink-muted" aria-hidden="true" />
            <input
              id="media-search"
              type="search"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              placeholder="File name or tag"
              maxLength={100}
              className="h-10 w-full rounded-field border border-line-strong bg-surface pr-3 pl-9 text-[15px]"
            />
          </div>
        </div>
        <SelectField label="Kind" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
          <option value="">All kinds</option>
          <option value="image">Images</option>
          <option value="video">Videos</option>
          <option value="audio">Audio</option>
        </SelectField>
      </div>
      {list.isPending ? <Spinner label="Loading your media…" /> : null}
      {list.isError ? <ErrorPanel error={list.error} title="Could not load your media" onRetry={() => void list.refetch()} /> : null}
      {list.isSuccess && media.length === 0 ? (
        <EmptyState icon={<Images className="size-6" />} title={q || kind ? "Nothing matches" : "No media yet"} description={q || kind ? "Try another search or kind." : "Upload images, video or music to use in your videos."} />
      ) : null}
      {media.length ? (
        <ul className="grid grid-cols-1 gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Media library">
          {media.map((m) => (
            <MediaCard key={m.id} media={m} onUse={(use) => setUsing({ media: m, use })} />
          ))}
        </ul>
      ) : null}
      {list.hasNextPage ? (
        <div className="mt-4 flex justify-center">
          <Button variant="secondary" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            Show more
          </Button>
        </div>
      ) : null}
      {using ? <MediaUseDialog media={using.media} use={using.use} onClose={() => setUsing(null)} /> : null}
    </>
  );
};

import { useState } from "react";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { SelectField } from "../ui/select-field";
import type { MediaItem } from "./editor-resources";

export type MediaUse = "background" | "avatar" | "music";
export const isMediaUse = (value: string | null): value is MediaUse => value === "background" || value === "avatar" || value === "music";

type Draft = { scenes?: { heading?: string; id?: string; background?: unknown }[]; characters?: { id?: string; name?: string; avatar?: string }[]; music?: { src?: string; volume?: number } };

/** Where in the script the asset goes: every scene or one scene's background, or one character's avatar. */
const targetsOf = (draft: Draft, use: MediaUse): { value: string; label: string }[] => {
  if (use === "background") {
    const scenes = draft.scenes ?? [];
    return [{ value: "all", label: "Every scene" }, ...scenes.map((s, i) => ({ value: String(i), label: `Scene ${i + 1}${s.heading ? `: ${s.heading}` : s.id ? ` (${s.id})` : ""}` }))];
  }
  if (use === "avatar") return (draft.characters ?? []).map((c, i) => ({ value: String(i), label: c.name || c.id || `Character ${i + 1}` }));
  return [{ value: "music", label: "The whole video" }];
};

/** The script with `media` applied to `target` (a copy; the draft is left alone). */
export const applyMedia = (draft: Draft, media: MediaItem, use: MediaUse, target: string): Draft => {
  if (use === "music") return { ...draft, music: { ...draft.music, src: media.ref } };
  if (use === "avatar") return { ...draft, characters: (draft.characters ?? []).map((c, i) => (String(i) === target ? { ...c, avatar: media.ref } : c)) };
  const background = { type: media.kind === "video" ? "video" : "image", src: media.ref };
  return { ...draft, scenes: (draft.scenes ?? []).map((s, i) => (target === "all" || String(i) === target ? { ...s, background } : s)) };
};

/**
 * "Use as background / avatar / music" from the media library lands here
 * (`/projects/:id?use=<mediaId>&as=…`): the user picks where it goes, and the draft changes
 * (unsaved, like any edit; the preview shows it at once).
 */
export const ApplyMediaDialog = ({ draft, media, use, onApply, onClose }: { draft: Draft; media: MediaItem | null; use: MediaUse; onApply: (next: Draft) => void; onClose: () => void }) => {
  const targets = targetsOf(draft, use);
  const [target, setTarget] = useState(targets[0]?.value ?? "");
  const usable = media && (use === "music" ? media.kind === "audio" : use === "avatar" ? media.kind === "image" : media.kind === "image" || media.kind === "video");
  const problem = !media
    ? "That file is not in your media library any more."
    : !usable
      ? `${media.filename} is ${media.kind === "audio" ? "an audio file" : `a ${media.kind}`}: it cannot be used as ${use === "avatar" ? "an avatar" : `the ${use}`}.`
      : targets.length === 0
        ? "This script has no characters to give an avatar."
        : null;
  return (
    <Dialog
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={`Use as ${use}`}
      description={media ? `${media.filename} → ${use}` : undefined}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button disabled={Boolean(problem)} onClick={() => media && onApply(applyMedia(draft, media, use, target))}>
            Apply
          </Button>
        </>
      }
    >
      {problem ? (
        <p className="text-sm text-danger" role="alert">
          {problem}
        </p>
      ) : (
        <div className="flex flex-col gap-3">
          {media?.thumbnailUrl ? <img src={media.thumbnailUrl} alt="" className="max-h-32 self-start rounded-field border border-line object-contain" /> : null}
          {use === "music" ? (
            <p className="text-sm text-ink-muted">It becomes the video's music bed, under the voices.</p>
          ) : (
            <SelectField label={use === "background" ? "Background of" : "Avatar of"} value={target} onChange={(e) => setTarget(e.target.value)}>
              {targets.map((t) => (
                <option key={t.value} value={t.value}>
                  {t.label}
                </option>
              ))}
            </SelectField>
          )}
          <p className="text-sm text-ink-muted">The change is part of your draft: save to keep it.</p>
        </div>
      )}
    </Dialog>
  );
};

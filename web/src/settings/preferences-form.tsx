import { useState, type FormEvent } from "react";
import { FORMATS } from "../../../script/schema";
import { templatePackInfos } from "../../../templates/load-template-pack";
import { problemAt, problemsOf } from "../api/problems-of";
import { useMediaLibrary, useVoices } from "../editor/editor-resources";
import { ColorInput, SelectInput, TextInput } from "../editor/form-fields";
import { Button } from "../ui/button";
import { ErrorPanel } from "../ui/error-panel";
import { useToast } from "../ui/toast";
import { type Preferences, type PreferencesPatch, useSavePreferences } from "./use-preferences";

type Brand = NonNullable<Preferences["brand"]>;
const LOGO_DEFAULTS = { position: "top-right", size: 0.16, opacity: 0.85 } as const;
/** The fields this form edits, by the path the server names in its problems. */
const FIELDS = ["defaultTemplate", "defaultFormat", "voice", "brand.colors.primary", "brand.colors.secondary", "brand.logo", "brand.font.family"] as const;

/**
 * The user's defaults: the template and format new projects start from, a voice, and a brand
 * kit (colours, a logo from the media library, a font) that new scripts get. Saved with
 * PATCH /v1/me/preferences; a field left empty removes that preference.
 */
export const PreferencesForm = ({ preferences }: { preferences: Preferences }) => {
  const toast = useToast();
  const save = useSavePreferences();
  const voices = useVoices(undefined);
  const media = useMediaLibrary();
  const [template, setTemplate] = useState(preferences.defaultTemplate);
  const [format, setFormat] = useState<string | undefined>(preferences.defaultFormat);
  const [voice, setVoice] = useState(preferences.voice);
  const [primary, setPrimary] = useState(preferences.brand?.colors?.primary);
  const [secondary, setSecondary] = useState(preferences.brand?.colors?.secondary);
  const [logo, setLogo] = useState(preferences.brand?.logo?.src);
  const [font, setFont] = useState(preferences.brand?.font?.family);

  const problems = save.error ? problemsOf(save.error) : null;
  const at = (field: (typeof FIELDS)[number]) => problemAt(problems, field);
  const unplaced = problems && !FIELDS.some((f) => at(f));
  const images = (media.data ?? []).filter((m) => m.kind === "image");
  const voiceList = voices.data?.voices ?? [];

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const brand: Brand = {
      ...(primary || secondary ? { colors: { primary: primary ?? "", ...(secondary ? { secondary } : {}) } } : {}),
      ...(logo ? { logo: { ...LOGO_DEFAULTS, ...preferences.brand?.logo, src: logo } } : {}),
      ...(font ? { font: { ...preferences.brand?.font, family: font } } : {}),
    };
    const patch: PreferencesPatch = {
      defaultTemplate: template ?? null,
      defaultFormat: (format as PreferencesPatch["defaultFormat"]) ?? null,
      voice: voice ?? null,
      brand: Object.keys(brand).length ? brand : null,
    };
    save.mutate(patch, { onSuccess: () => toast({ title: "Preferences saved", description: "New projects and generated scripts start from them.", tone: "success" }) });
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-label="Preferences" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectInput label="Default template" value={template} onChange={setTemplate} options={templatePackInfos.map((t) => ({ value: t.id, label: t.title }))} emptyLabel="No preference (Minidrama)" error={at("defaultTemplate")} />
        <SelectInput label="Default format" value={format} onChange={setFormat} options={FORMATS} emptyLabel="No preference (the template's)" error={at("defaultFormat")} />
        {voiceList.length ? (
          <SelectInput label="Default voice" value={voice} onChange={setVoice} options={voiceList.map((v) => ({ value: v.id, label: v.language ? `${v.name} (${v.language})` : v.name }))} emptyLabel="No preference (the speech engine's)" error={at("voice")} className="sm:col-span-2" />
        ) : (
          <TextInput label="Default voice" value={voice} onChange={setVoice} maxLength={100} placeholder="en-us" error={at("voice")} className="sm:col-span-2" />
        )}
      </div>
      <fieldset className="flex min-w-0 flex-col gap-3 border-t border-line pt-4">
        <legend className="pr-2 text-sm font-semibold">Brand kit</legend>
        <p className="text-[13px] text-ink-muted">Added to new projects and generated scripts that have no brand of their own.</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <ColorInput label="Primary colour" value={primary} onChange={setPrimary} fallback="#e11d48" error={at("brand.colors.primary")} />
          <ColorInput label="Secondary colour" value={secondary} onChange={setSecondary} fallback="#1e293b" error={at("brand.colors.secondary")} />
          <SelectInput
            label="Logo"
            value={logo}
            onChange={setLogo}
            options={images.map((m) => ({ value: m.ref, label: m.filename }))}
            emptyLabel="No logo"
            thumbnail={images.find((m) => m.ref === logo)?.thumbnailUrl ?? images.find((m) => m.ref === logo)?.url}
            hint={images.length ? undefined : "Upload an image in Media to use it as a logo."}
            error={at("brand.logo")}
          />
          <TextInput label="Font family" value={font} onChange={setFont} maxLength={80} placeholder="Inter" error={at("brand.font.family")} />
        </div>
      </fieldset>
      {unplaced ? <ErrorPanel error={save.error} title="The preferences could not be saved" /> : null}
      <Button type="submit" loading={save.isPending} className="self-start">
        Save preferences
      </Button>
    </form>
  );
};

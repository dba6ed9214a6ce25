import { Sparkles } from "lucide-react";
import { useState, type FormEvent } from "react";
import { templatePackInfos } from "../../../templates/load-template-pack";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { ErrorPanel } from "../ui/error-panel";
import { NumberInput, SelectInput, TextInput } from "./form-fields";
import { FALLBACK_TEMPLATE, preferredTemplate, usePreferences } from "../settings/use-preferences";
import { generationsLeft, useGenerateProject, useGenerationQuota } from "./use-generate-project";

const LENGTHS = [
  { value: "15", label: "About 15 seconds" },
  { value: "30", label: "About 30 seconds" },
  { value: "60", label: "About a minute" },
  { value: "90", label: "About 90 seconds" },
  { value: "180", label: "About 3 minutes" },
];

/** "Generate with AI": prompt, template (the preferred one unless given), length, tone and episodes → a new project in the editor. */
export const GenerateDialog = ({ open, onOpenChange, initialPrompt = "", initialTemplate }: { open: boolean; onOpenChange: (open: boolean) => void; initialPrompt?: string; initialTemplate?: string }) => {
  const preferences = usePreferences();
  const [prompt, setPrompt] = useState(initialPrompt);
  const [template, setTemplate] = useState(initialTemplate ?? preferredTemplate(preferences));
  const [length, setLength] = useState<string | undefined>(undefined);
  const [tone, setTone] = useState<string | undefined>(undefined);
  const [episodes, setEpisodes] = useState<number | undefined>(1);
  const generate = useGenerateProject();
  const quota = useGenerationQuota();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    generate.mutate({ prompt, template, ...(length ? { targetSeconds: Number(length) } : {}), ...(tone ? { tone } : {}), ...(episodes && episodes > 1 ? { episodes } : {}) });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title="Generate with AI"
      description={generationsLeft(quota.data) ? `${generationsLeft(quota.data)}.` : "Describe the video; the script opens in the editor to change and preview."}
      footer={
        <Button type="submit" form="generate-form" loading={generate.isPending}>
          <Sparkles className="size-4" aria-hidden="true" />
          Generate
        </Button>
      }
    >
      <form id="generate-form" onSubmit={submit} className="flex flex-col gap-3">
        <TextInput label="What is the video about?" value={prompt} onChange={(v) => setPrompt(v ?? "")} multiline keepEmpty maxLength={4000} placeholder="Two roommates argue over the last slice of pizza" />
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectInput label="Template" value={template} onChange={(v) => setTemplate(v ?? FALLBACK_TEMPLATE)} options={templatePackInfos.map((t) => ({ value: t.id, label: t.title }))} />
          <SelectInput label="Length" value={length} onChange={setLength} options={LENGTHS} emptyLabel="As the prompt says" />
          <TextInput label="Tone" value={tone} onChange={setTone} maxLength={60} placeholder="funny, tense, warm…" />
          <NumberInput label="Episodes" value={episodes} onChange={setEpisodes} min={1} max={12} step={1} />
        </div>
        {generate.isError ? <ErrorPanel error={generate.error} title="The script could not be generated" /> : null}
      </form>
    </Dialog>
  );
};

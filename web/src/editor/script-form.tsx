import { Plus, Trash2 } from "lucide-react";
import type { ReactNode } from "react";
import { FORMATS, formatPath, LOGO_POSITIONS, LOOKS, NARRATOR, TRANSITIONS, type ScriptProblem } from "../../../script";
import { Button } from "../ui/button";
import type { MediaItem, Voice } from "./editor-resources";
import { ColorInput, NumberInput, SelectInput, TextInput } from "./form-fields";
import { enumAt, packFields, schemaAt, type SchemaNode } from "./schema-fields";
import { getIn, setIn } from "./set-in";
import { moveItem, SortableList } from "./sortable-list";

/* The draft may be anything the JSON view holds; the form reads it loosely and writes by path. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;
type Path = (string | number)[];

export type ScriptFormProps = {
  script: Loose;
  onChange: (script: Loose) => void;
  schema: SchemaNode | undefined;
  problems: readonly ScriptProblem[];
  media: readonly MediaItem[];
  voices: readonly Voice[] | null;
  /** Buttons shown on each line (play from here, voice preview). */
  lineActions: (scene: number, line: number) => ReactNode;
};

const BACKGROUNDS = ["color", "gradient", "image", "video"] as const;

/**
 * The script as a form, built from the template's JSON Schema (choices, lengths and hints come
 * from it; a pack's own fields get fields of their own): title, format, look, characters,
 * scenes and lines (reorder by drag or keyboard), backgrounds, music and brand. Each field shows
 * the validation problem at its JSON path.
 */
export const ScriptForm = ({ script, onChange, schema, problems, media, voices, lineActions }: ScriptFormProps) => {
  const at = (path: Path) => getIn(script, path) as Loose;
  const set = (path: Path, value: unknown) => onChange(setIn(script, path, value));
  const error = (path: Path) => problems.find((p) => p.path === formatPath(path))?.message;
  const max = (path: Path) => schemaAt(schema, path)?.maxLength;
  const text = (label: string, path: Path, extra: { multiline?: boolean; placeholder?: string; keepEmpty?: boolean; className?: string } = {}) => (
    <TextInput label={label} value={at(path)} onChange={(v) => set(path, v)} error={error(path)} maxLength={max(path)} hint={schemaAt(schema, path)?.description} {...extra} />
  );
  const thumbnail = (ref: unknown) => {
    const item = media.find((m) => m.ref === ref);
    return item ? (item.thumbnailUrl ?? (item.kind === "image" ? item.url : null)) : null;
  };
  const mediaOptions = (kind: string) => media.filter((m) => m.kind === kind).map((m) => ({ value: m.ref, label: m.filename }));
  const characters: Loose[] = Array.isArray(script.characters) ? script.characters : [];
  const scenes: Loose[] = Array.isArray(script.scenes) ? script.scenes : [];
  const speakers = [{ value: NARRATOR, label: "Narrator" }, ...characters.filter((c) => typeof c?.id === "string" && c.id).map((c) => ({ value: c.id as string, label: (c.name as string) || c.id }))];

  return (
    <div className="flex flex-col gap-6">
      <Section title="Video">
        <div className="grid gap-3 sm:grid-cols-2">
          {text("Title", ["title"], { keepEmpty: true, className: "sm:col-span-2" })}
          <SelectInput label="Format" value={at(["format"])} onChange={(v) => set(["format"], v)} options={enumAt(schema, ["format"], FORMATS)} error={error(["format"])} />
          <SelectInput label="Look" value={at(["look"])} onChange={(v) => set(["look"], v)} options={enumAt(schema, ["look"], LOOKS)} emptyLabel="Template default" error={error(["look"])} />
          {text("Language", ["language"], { placeholder: "en" })}
        </div>
      </Section>

      <Section title="Characters" action={<Button size="sm" variant="secondary" onClick={() => set(["characters"], [...characters, { id: `character-${characters.length + 1}`, name: `Character ${characters.length + 1}` }])}><Plus className="size-4" aria-hidden="true" />Add character</Button>}>
        {characters.length === 0 ? <p className="text-sm text-ink-muted">No characters: every line is the narrator's.</p> : null}
        <ul className="flex flex-col gap-3">
          {characters.map((_c, i) => (
            <li key={i} className="rounded-field border border-line p-3">
              <div className="grid gap-3 sm:grid-cols-2">
                {text("Id", ["characters", i, "id"], { keepEmpty: true })}
                {text("Name", ["characters", i, "name"], { keepEmpty: true })}
                <ColorInput label="Colour" value={at(["characters", i, "color"])} onChange={(v) => set(["characters", i, "color"], v)} error={error(["characters", i, "color"])} />
                {voices && voices.length ? (
                  <SelectInput label="Voice" value={at(["characters", i, "voice"])} onChange={(v) => set(["characters", i, "voice"], v)} options={voices.map((v) => ({ value: v.id, label: v.language ? `${v.name} (${v.language})` : v.name }))} emptyLabel="Default voice" error={error(["characters", i, "voice"])} />
                ) : (
                  text("Voice", ["characters", i, "voice"], { placeholder: "Default voice" })
                )}
                <SelectInput label="Avatar" value={at(["characters", i, "avatar"])} onChange={(v) => set(["characters", i, "avatar"], v)} options={mediaOptions("image")} thumbnail={thumbnail(at(["characters", i, "avatar"]))} emptyLabel="No avatar" error={error(["characters", i, "avatar"])} />
                <div className="flex items-end justify-end">
                  <Button size="sm" variant="ghost" onClick={() => set(["characters"], characters.filter((_, j) => j !== i))}>
                    <Trash2 className="size-4" aria-hidden="true" />
                    Remove character
                  </Button>
                </div>
              </div>
            </li>
          ))}
        </ul>
      </Section>

      <Section title="Scenes" action={<Button size="sm" variant="secondary" onClick={() => set(["scenes"], [...scenes, { id: `scene-${scenes.length + 1}`, lines: [{ speaker: NARRATOR, text: "…" }] }])}><Plus className="size-4" aria-hidden="true" />Add scene</Button>}>
        {error(["scenes"]) ? <p className="text-sm text-danger">{error(["scenes"])}</p> : null}
        <div className="flex flex-col gap-4">
          <SortableList ids={scenes.map((_, i) => `scene-${i}`)} onMove={(from, to) => set(["scenes"], moveItem(scenes, from, to))} label={(i) => `scene ${i + 1}`}>
            {(s, handle) => {
              const scene = scenes[s] ?? {};
              const lines: Loose[] = Array.isArray(scene.lines) ? scene.lines : [];
              const bg = scene.background as Loose;
              return (
                <section aria-label={`Scene ${s + 1}`} className="rounded-card border border-line bg-surface p-3 sm:p-4">
                  <div className="mb-3 flex items-center gap-2">
                    {handle}
                    <h3 className="min-w-0 flex-1 truncate font-semibold">Scene {s + 1}</h3>
                    <Button size="sm" variant="ghost" aria-label={`Remove scene ${s + 1}`} onClick={() => set(["scenes"], scenes.filter((_, j) => j !== s))}>
                      <Trash2 className="size-4" aria-hidden="true" />
                    </Button>
                  </div>
                  <div className="grid gap-3 sm:grid-cols-2">
                    {text("Scene id", ["scenes", s, "id"], { keepEmpty: true })}
                    {text("Heading", ["scenes", s, "heading"])}
                    <SelectInput label="Transition in" value={scene.transition} onChange={(v) => set(["scenes", s, "transition"], v)} options={enumAt(schema, ["scenes", 0, "transition"], TRANSITIONS)} emptyLabel="Default" error={error(["scenes", s, "transition"])} />
                    <SelectInput label="Look" value={scene.look} onChange={(v) => set(["scenes", s, "look"], v)} options={enumAt(schema, ["scenes", 0, "look"], LOOKS)} emptyLabel="Video's look" error={error(["scenes", s, "look"])} />
                    <SelectInput
                      label="Background"
                      value={bg?.type}
                      onChange={(type) => set(["scenes", s, "background"], type === undefined ? undefined : type === "color" ? { type, value: "#111827" } : type === "gradient" ? { type, colors: ["#1e1b4b", "#0f172a"] } : { type, src: mediaOptions(type)[0]?.value ?? "" })}
                      options={[...BACKGROUNDS]}
                      emptyLabel="Template default"
                      error={error(["scenes", s, "background"])}
                    />
                    {bg?.type === "color" ? <ColorInput label="Background colour" value={bg.value} onChange={(v) => set(["scenes", s, "background", "value"], v)} error={error(["scenes", s, "background", "value"])} /> : null}
                    {bg?.type === "gradient" ? (
                      <div className="grid grid-cols-2 gap-2">
                        {[0, 1].map((k) => (
                          <ColorInput key={k} label={`Gradient colour ${k + 1}`} value={bg.colors?.[k]} onChange={(v) => set(["scenes", s, "background", "colors", k], v ?? "#000000")} error={error(["scenes", s, "background", "colors", k])} />
                        ))}
                      </div>
                    ) : null}
                    {bg?.type === "image" || bg?.type === "video" ? (
                      <SelectInput label={`Background ${bg.type}`} value={bg.src || undefined} onChange={(v) => set(["scenes", s, "background", "src"], v ?? "")} options={mediaOptions(bg.type)} thumbnail={thumbnail(bg.src)} emptyLabel="Choose from the media library" error={error(["scenes", s, "background", "src"])} />
                    ) : null}
                  </div>
                  <h4 className="mt-4 mb-2 text-sm font-semibold">Lines</h4>
                  {error(["scenes", s, "lines"]) ? <p className="text-sm text-danger">{error(["scenes", s, "lines"])}</p> : null}
                  <div className="flex flex-col gap-2">
                    <SortableList ids={lines.map((_, l) => `scene-${s}-line-${l}`)} onMove={(from, to) => set(["scenes", s, "lines"], moveItem(lines, from, to))} label={(l) => `line ${l + 1} of scene ${s + 1}`}>
                      {(l, lineHandle) => (
                        <div role="group" className="rounded-field border border-line bg-canvas p-2.5" aria-label={`Scene ${s + 1}, line ${l + 1}`}>
                          <div className="flex items-start gap-1.5">
                            {lineHandle}
                            <div className="grid min-w-0 flex-1 gap-2 sm:grid-cols-[10rem_minmax(0,1fr)]">
                              <SelectInput label="Speaker" value={lines[l]?.speaker} onChange={(v) => set(["scenes", s, "lines", l, "speaker"], v ?? NARRATOR)} options={speakers} error={error(["scenes", s, "lines", l, "speaker"])} />
                              {text(`Line ${l + 1} text`, ["scenes", s, "lines", l, "text"], { multiline: true, keepEmpty: true })}
                              {text("Emotion", ["scenes", s, "lines", l, "emotion"], { placeholder: "e.g. angry" })}
                              <NumberInput label="Duration (s)" value={lines[l]?.durationSec} onChange={(v) => set(["scenes", s, "lines", l, "durationSec"], v)} min={0.1} max={120} step={0.1} hint="Empty: from the voice" error={error(["scenes", s, "lines", l, "durationSec"])} />
                            </div>
                          </div>
                          <div className="mt-2 flex flex-wrap justify-end gap-1">
                            {lineActions(s, l)}
                            <Button size="sm" variant="ghost" aria-label={`Remove line ${l + 1} of scene ${s + 1}`} onClick={() => set(["scenes", s, "lines"], lines.filter((_, j) => j !== l))}>
                              <Trash2 className="size-4" aria-hidden="true" />
                            </Button>
                          </div>
                        </div>
                      )}
                    </SortableList>
                  </div>
                  <Button size="sm" variant="secondary" className="mt-2" onClick={() => set(["scenes", s, "lines"], [...lines, { speaker: lines.at(-1)?.speaker ?? NARRATOR, text: "…" }])}>
                    <Plus className="size-4" aria-hidden="true" />
                    Add line
                  </Button>
                </section>
              );
            }}
          </SortableList>
        </div>
      </Section>

      <Section title="Music">
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectInput label="Music track" value={at(["music", "src"])} onChange={(v) => set(["music"], v ? { ...(at(["music"]) ?? {}), src: v } : undefined)} options={mediaOptions("audio")} emptyLabel="No music" error={error(["music", "src"])} />
          {at(["music"]) ? <NumberInput label="Music volume (0–1)" value={at(["music", "volume"])} onChange={(v) => set(["music", "volume"], v)} min={0} max={1} step={0.05} error={error(["music", "volume"])} /> : null}
        </div>
      </Section>

      <Section title="Brand">
        <div className="grid gap-3 sm:grid-cols-2">
          <ColorInput label="Primary colour" value={at(["brand", "colors", "primary"])} onChange={(v) => set(["brand"], v ? setIn(at(["brand"]) ?? {}, ["colors", "primary"], v) : pruneBrand(setIn(at(["brand"]) ?? {}, ["colors"], undefined)))} error={error(["brand", "colors", "primary"])} />
          {at(["brand", "colors", "primary"]) ? <ColorInput label="Secondary colour" value={at(["brand", "colors", "secondary"])} onChange={(v) => set(["brand", "colors", "secondary"], v)} error={error(["brand", "colors", "secondary"])} /> : null}
          <SelectInput label="Logo" value={at(["brand", "logo", "src"])} onChange={(v) => set(["brand"], pruneBrand(setIn(at(["brand"]) ?? {}, ["logo"], v ? { ...(at(["brand", "logo"]) ?? {}), src: v } : undefined)))} options={mediaOptions("image")} thumbnail={thumbnail(at(["brand", "logo", "src"]))} emptyLabel="No logo" error={error(["brand", "logo", "src"])} />
          {at(["brand", "logo"]) ? <SelectInput label="Logo position" value={at(["brand", "logo", "position"])} onChange={(v) => set(["brand", "logo", "position"], v)} options={LOGO_POSITIONS} emptyLabel="Default (top right)" /> : null}
          <TextInput label="Font family" value={at(["brand", "font", "family"])} onChange={(v) => set(["brand"], pruneBrand(setIn(at(["brand"]) ?? {}, ["font"], v ? { ...(at(["brand", "font"]) ?? {}), family: v } : undefined)))} error={error(["brand", "font", "family"])} />
        </div>
      </Section>

      {packFields(schema).map(([name, node]) => (
        <Section key={name} title={`Template: ${name}`}>
          <div className="grid gap-3 sm:grid-cols-2">
            {Object.entries(node.properties ?? {}).map(([field, fieldNode]) =>
              fieldNode.type === "boolean" ? (
                <SelectInput key={field} label={field} value={at([name, field]) === undefined ? undefined : String(at([name, field]))} onChange={(v) => set([name], pruneEmpty(setIn(at([name]) ?? {}, [field], v === undefined ? undefined : v === "true")))} options={["true", "false"]} emptyLabel="Default" error={error([name, field])} />
              ) : fieldNode.type === "number" ? (
                <NumberInput key={field} label={field} value={at([name, field])} onChange={(v) => set([name], pruneEmpty(setIn(at([name]) ?? {}, [field], v)))} error={error([name, field])} />
              ) : (
                <TextInput key={field} label={field} value={at([name, field])} maxLength={fieldNode.maxLength} hint={fieldNode.description} onChange={(v) => set([name], pruneEmpty(setIn(at([name]) ?? {}, [field], v)))} error={error([name, field])} />
              ),
            )}
          </div>
        </Section>
      ))}
    </div>
  );
};

const pruneEmpty = (o: Record<string, unknown>) => (Object.keys(o).length ? o : undefined);
const pruneBrand = (brand: Record<string, unknown>) => pruneEmpty(brand);

const Section = ({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) => (
  <section className="rounded-card border border-line bg-surface p-4 shadow-card sm:p-5">
    <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
      <h2 className="text-base font-semibold">{title}</h2>
      {action}
    </div>
    {children}
  </section>
);

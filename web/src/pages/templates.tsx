import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { loadTemplatePack, templatePackInfos, type TemplatePackInfo } from "../../../templates/load-template-pack";
import { useTemplateDetail } from "../editor/editor-resources";
import { SCRIPT_FIELDS } from "../editor/schema-fields";
import { ScriptPlayer } from "../player/script-player";
import { Button } from "../ui/button";
import { PageHeader } from "../ui/page-header";
import { Spinner } from "../ui/spinner";
import { NewProjectDialog } from "./projects";

/** Templates: every pack with its sample script playing (muted, looped, loaded when scrolled into view), its fields and the script. */
export const TemplatesPage = () => {
  const [using, setUsing] = useState<string | null>(null);
  return (
    <>
      <PageHeader title="Templates" description="Every template pack, with a playing preview, its fields and a sample script." />
      <ul className="grid gap-6 md:grid-cols-2 xl:grid-cols-3" aria-label="Templates">
        {templatePackInfos.map((info) => (
          <TemplateCard key={info.id} info={info} onUse={() => setUsing(info.id)} />
        ))}
      </ul>
      {using ? <NewProjectDialog template={using} onClose={() => setUsing(null)} /> : null}
    </>
  );
};

/**
 * Whether the element is near the viewport now, and whether it ever was: the pack loads once
 * seen, and its preview plays only while on screen (five looping players at once would load the
 * machine for nothing).
 */
const useVisibility = () => {
  const ref = useRef<HTMLLIElement>(null);
  const [visible, setVisible] = useState(false);
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new IntersectionObserver(
      (entries) => {
        const now = entries.some((e) => e.isIntersecting);
        setVisible(now);
        if (now) setSeen(true);
      },
      { rootMargin: "200px" },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, visible, seen };
};

const TemplateCard = ({ info, onUse }: { info: TemplatePackInfo; onUse: () => void }) => {
  const { ref, visible, seen } = useVisibility();
  const pack = useQuery({ queryKey: ["pack", info.id], enabled: seen, staleTime: Infinity, queryFn: () => loadTemplatePack(info.id) });
  const detail = useTemplateDetail(seen ? info.id : undefined);
  const fields = Object.entries(detail.data?.jsonSchema.properties ?? {});
  return (
    <li ref={ref} className="flex min-w-0 flex-col overflow-hidden rounded-card border border-line bg-surface shadow-card" aria-labelledby={`template-${info.id}`}>
      <div className="grid aspect-[4/3] place-items-center overflow-hidden bg-ink">
        {pack.data && visible ? (
          // A silent, control-less loop of the sample: decoration next to the card's own text, so hidden from assistive tech (and its drawn text from contrast checks, like any video frame).
          <div className="h-full" style={{ aspectRatio: "9 / 16" }} data-testid={`template-preview-${info.id}`} aria-hidden="true" inert>
            <ScriptPlayer template={info.id} script={pack.data.defaultProps} autoPlay muted loop controls={false} />
          </div>
        ) : (
          <span role="status" className="inline-flex items-center gap-2 text-sm text-white">
            <Spinner />
            {seen ? "Loading preview…" : "Preview"}
          </span>
        )}
      </div>
      <div className="flex flex-1 flex-col gap-3 p-4">
        <div>
          <h2 id={`template-${info.id}`} className="text-base font-semibold">
            {info.title}
          </h2>
          <p className="mt-1 text-sm text-ink-muted">{info.description}</p>
          <p className="mt-1 text-xs text-ink-muted">Formats: {info.formats.join(", ")}</p>
        </div>
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">Fields</summary>
          <ul className="mt-2 flex flex-col gap-1">
            {fields.map(([name, node]) => (
              <li key={name}>
                <code className="font-mono text-[13px]">{name}</code>
                {SCRIPT_FIELDS.has(name) ? null : <span className="ml-1 rounded bg-accent-soft px-1 text-xs text-accent-ink">this template</span>}
                {node.description ? <span className="text-ink-muted"> — {node.description}</span> : null}
              </li>
            ))}
          </ul>
        </details>
        <details className="text-sm">
          <summary className="cursor-pointer font-medium">Sample script</summary>
          <pre className="mt-2 max-h-64 overflow-auto rounded-field bg-sunken p-2 font-mono text-xs">{pack.data ? JSON.stringify(pack.data.defaultProps, null, 2) : "Loading…"}</pre>
        </details>
        <Button className="mt-auto self-start" onClick={onUse}>
          Use this template
        </Button>
      </div>
    </li>
  );
};

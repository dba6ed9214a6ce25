import { Check, Copy, KeyRound } from "lucide-react";
import { useState } from "react";
import { Button } from "./button";

/**
 * A secret the server shows once (an API key, a webhook signing secret): the value to select or
 * copy, and a plain warning that it will not be shown again. `onDone` hides it.
 */
export const SecretReveal = ({ label, secret, onDone }: { label: string; secret: string; onDone: () => void }) => {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  };
  return (
    <div role="status" className="rounded-card border border-warning/40 bg-warning-soft p-4 text-sm">
      <p className="flex items-center gap-2 font-medium text-warning">
        <KeyRound className="size-4" aria-hidden="true" /> {label}
      </p>
      <p className="mt-1 text-ink">Copy it now: it is shown only this once.</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code data-testid="secret" className="min-w-0 flex-1 rounded bg-surface px-2 py-1.5 font-mono text-[13px] break-all select-all">
          {secret}
        </code>
        <Button size="sm" variant="secondary" onClick={() => void copy()}>
          {copied ? <Check className="size-4" aria-hidden="true" /> : <Copy className="size-4" aria-hidden="true" />}
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDone}>
          Done
        </Button>
      </div>
    </div>
  );
};

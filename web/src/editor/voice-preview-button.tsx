import { Volume2 } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { sessionFetch } from "../api/client";
import { problemsOf } from "../api/problems-of";
import { Button } from "../ui/button";
import { useToast } from "../ui/toast";

/**
 * Speaks one line with its character's voice: the server prepares the speech
 * (POST /v1/voices/preview, a WAV) and it plays here from a blob URL.
 */
export const VoicePreviewButton = ({ text, voice, emotion, language, label }: { text: string; voice: string | undefined; emotion: string | undefined; language: string | undefined; label: string }) => {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const audio = useRef<{ element: HTMLAudioElement; url: string } | null>(null);
  useEffect(
    () => () => {
      audio.current?.element.pause();
      if (audio.current) URL.revokeObjectURL(audio.current.url);
    },
    [],
  );
  const play = async () => {
    setBusy(true);
    try {
      const response = await sessionFetch("/v1/voices/preview", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text, voice, ...(emotion ? { emotion } : {}), ...(language ? { language } : {}) }) });
      if (!response.ok) {
        const body: unknown = await response.json().catch(() => null);
        throw body ?? new Error(`voice preview failed (HTTP ${response.status})`);
      }
      const url = URL.createObjectURL(await response.blob());
      audio.current?.element.pause();
      if (audio.current) URL.revokeObjectURL(audio.current.url);
      const element = new Audio(url);
      audio.current = { element, url };
      await element.play();
    } catch (error) {
      toast({ title: "Could not preview the voice", description: problemsOf(error).message, tone: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="sm" variant="ghost" loading={busy} disabled={!text.trim() || !voice} onClick={() => void play()} aria-label={label}>
      {busy ? null : <Volume2 className="size-4" aria-hidden="true" />}
      <span className="hidden sm:inline">Voice</span>
    </Button>
  );
};

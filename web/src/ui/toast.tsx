import * as RadixToast from "@radix-ui/react-toast";
import { X } from "lucide-react";
import { createContext, useCallback, useContext, useState, type ReactNode } from "react";

export type ToastTone = "info" | "success" | "error";
export type ToastInput = { title: string; description?: string; tone?: ToastTone };

const ToastContext = createContext<((toast: ToastInput) => void) | null>(null);

const TONES: Record<ToastTone, string> = {
  info: "border-line",
  success: "border-success/40",
  error: "border-danger/40",
};

/** Hosts toasts (Radix: announced politely, swipe or Escape to dismiss, paused on hover). Wrap the app once. */
export const ToastProvider = ({ children }: { children: ReactNode }) => {
  const [toasts, setToasts] = useState<(ToastInput & { id: number })[]>([]);
  const show = useCallback((toast: ToastInput) => setToasts((list) => [...list, { ...toast, id: Date.now() + Math.random() }]), []);
  return (
    <ToastContext.Provider value={show}>
      <RadixToast.Provider swipeDirection="right" duration={5000}>
        {children}
        {toasts.map((t) => (
          <RadixToast.Root
            key={t.id}
            type={t.tone === "error" ? "foreground" : "background"}
            onOpenChange={(open) => {
              if (!open) setToasts((list) => list.filter((x) => x.id !== t.id));
            }}
            className={`flex items-start gap-3 rounded-card border bg-surface p-4 shadow-pop ${TONES[t.tone ?? "info"]}`}
          >
            <div className="min-w-0 flex-1">
              <RadixToast.Title className={`text-sm font-semibold ${t.tone === "error" ? "text-danger" : t.tone === "success" ? "text-success" : "text-ink"}`}>{t.title}</RadixToast.Title>
              {t.description ? <RadixToast.Description className="mt-0.5 text-sm text-ink-muted">{t.description}</RadixToast.Description> : null}
            </div>
            <RadixToast.Close aria-label="Dismiss" className="rounded p-0.5 text-ink-muted hover:bg-sunken hover:text-ink">
              <X className="size-4" aria-hidden="true" />
            </RadixToast.Close>
          </RadixToast.Root>
        ))}
        <RadixToast.Viewport className="fixed right-0 bottom-0 z-50 m-0 flex w-full max-w-sm list-none flex-col gap-2 p-4 outline-none" />
      </RadixToast.Provider>
    </ToastContext.Provider>
  );
};

/** `const toast = useToast(); toast({ title: "Saved", tone: "success" })`. */
export const useToast = (): ((toast: ToastInput) => void) => {
  const show = useContext(ToastContext);
  if (!show) throw new Error("useToast needs <ToastProvider> above it");
  return show;
};

import * as RadixDialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import type { ReactNode } from "react";

/**
 * A modal dialog (Radix: focus trapped and returned, Escape closes, announced by its title and
 * description). `footer` holds its actions.
 */
export const Dialog = ({ open, onOpenChange, title, description, children, footer, wide = false }: { open: boolean; onOpenChange: (open: boolean) => void; title: string; description?: ReactNode; children?: ReactNode; footer?: ReactNode; wide?: boolean }) => (
  <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
    <RadixDialog.Portal>
      <RadixDialog.Overlay className="fixed inset-0 z-40 bg-ink/30" />
      <RadixDialog.Content className={`fixed top-1/2 left-1/2 z-50 flex max-h-[90dvh] w-[calc(100vw-1.5rem)] -translate-x-1/2 -translate-y-1/2 flex-col rounded-card bg-surface shadow-pop outline-none ${wide ? "max-w-3xl" : "max-w-lg"}`}>
        <div className="flex items-start gap-3 border-b border-line p-4 sm:px-6">
          <div className="min-w-0 flex-1">
            <RadixDialog.Title className="text-lg font-semibold">{title}</RadixDialog.Title>
            {description ? <RadixDialog.Description className="mt-0.5 text-sm text-ink-muted">{description}</RadixDialog.Description> : <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>}
          </div>
          <RadixDialog.Close className="grid size-9 place-items-center rounded-field text-ink-muted hover:bg-sunken hover:text-ink" aria-label="Close">
            <X className="size-5" aria-hidden="true" />
          </RadixDialog.Close>
        </div>
        <div className="min-h-0 overflow-y-auto p-4 sm:px-6">{children}</div>
        {footer ? <div className="flex flex-wrap justify-end gap-2 border-t border-line p-4 sm:px-6">{footer}</div> : null}
      </RadixDialog.Content>
    </RadixDialog.Portal>
  </RadixDialog.Root>
);

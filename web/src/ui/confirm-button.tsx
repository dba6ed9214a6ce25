import { useState, type ReactNode } from "react";
import { Button, type ButtonProps } from "./button";

/**
 * A button for an action that cannot be undone (revoke, delete): the first press asks, in place,
 * "Are you sure?" with the confirming button and Cancel; only the second press acts.
 */
export const ConfirmButton = ({ children, confirmLabel, onConfirm, loading, size = "sm", ...rest }: Omit<ButtonProps, "onClick"> & { confirmLabel: ReactNode; onConfirm: () => void }) => {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <Button size={size} variant="secondary" loading={loading} onClick={() => setAsking(true)} {...rest}>
        {children}
      </Button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-1.5">
      <Button
        size={size}
        variant="danger"
        autoFocus
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </Button>
      <Button size={size} variant="ghost" onClick={() => setAsking(false)}>
        Cancel
      </Button>
    </span>
  );
};

import { compare } from "fast-json-patch";
import { Button } from "../ui/button";
import { Dialog } from "../ui/dialog";
import { ChangeList } from "./change-list";
import { readablePatch } from "./readable-patch";

export type Theirs = { version: number; script: Record<string, unknown> };

/**
 * A save refused because someone saved first (409): how the draft differs from the newer
 * version, and the choice: keep mine (save over it) or take theirs (drop the draft).
 */
export const ConflictDialog = ({ theirs, mine, onKeepMine, onTakeTheirs, onClose, saving }: { theirs: Theirs | null; mine: unknown; onKeepMine: () => void; onTakeTheirs: () => void; onClose: () => void; saving: boolean }) => {
  const changes = theirs && mine && typeof mine === "object" ? readablePatch(compare(theirs.script, mine as object), theirs.script) : [];
  return (
    <Dialog
      open={theirs !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title="Someone saved a newer version"
      description={theirs ? `Version ${theirs.version} was saved while you were editing. Your draft differs from it in:` : undefined}
      wide
      footer={
        <>
          <Button variant="secondary" onClick={onTakeTheirs}>
            Take theirs (version {theirs?.version})
          </Button>
          <Button onClick={onKeepMine} loading={saving}>
            Keep mine
          </Button>
        </>
      }
    >
      <ChangeList changes={changes} label="Your changes against the newer version" />
    </Dialog>
  );
};

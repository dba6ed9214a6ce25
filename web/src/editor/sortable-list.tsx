import { closestCenter, DndContext, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent } from "@dnd-kit/core";
import { SortableContext, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { GripVertical } from "lucide-react";
import type { ReactNode } from "react";

/**
 * A list reordered by dragging a handle, or from the keyboard: focus the handle, Space to pick
 * up, arrow keys to move, Space to drop, Escape to cancel (dnd-kit announces each step).
 */
export const SortableList = ({ ids, onMove, label, children }: { ids: string[]; onMove: (from: number, to: number) => void; label: (index: number) => string; children: (index: number, handle: ReactNode) => ReactNode }) => {
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 4 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {ids.map((id, index) => (
          <SortableRow key={id} id={id} label={label(index)}>
            {(handle) => children(index, handle)}
          </SortableRow>
        ))}
      </SortableContext>
    </DndContext>
  );
};

const SortableRow = ({ id, label, children }: { id: string; label: string; children: (handle: ReactNode) => ReactNode }) => {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } = useSortable({ id });
  const handle = (
    <button type="button" ref={setActivatorNodeRef} {...attributes} {...listeners} aria-label={`Reorder ${label}`} className="grid size-8 shrink-0 cursor-grab touch-none place-items-center rounded-field text-ink-muted hover:bg-sunken hover:text-ink">
      <GripVertical className="size-4" aria-hidden="true" />
    </button>
  );
  return (
    <div ref={setNodeRef} style={{ transform: CSS.Transform.toString(transform), transition }} className={isDragging ? "relative z-10 opacity-80" : undefined}>
      {children(handle)}
    </div>
  );
};

/** `list` with the item at `from` moved to `to`. */
export const moveItem = <T,>(list: readonly T[], from: number, to: number): T[] => {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item!);
  return next;
};

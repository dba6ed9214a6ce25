import type { Operation } from "fast-json-patch";

/** `/script/scenes/0/lines/1/text` → `script.scenes[0].lines[1].text` (the paths the rest of the app shows). */
export const pointerToPath = (pointer: string): string =>
  pointer
    .split("/")
    .slice(1)
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), "") || "(root)";

const show = (value: unknown): string => {
  const text = JSON.stringify(value);
  if (text === undefined) return "nothing";
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
};

export type ReadableChange = { kind: "added" | "removed" | "changed" | "moved"; path: string; text: string };

/**
 * A JSON Patch in words, one change per operation: what was added, removed or changed, at
 * which path, with the values (shortened). `before` (the document the patch applies to) gives
 * the old values of replaced and removed fields.
 */
export const readablePatch = (patch: readonly Operation[], before?: unknown): ReadableChange[] =>
  patch.flatMap((op): ReadableChange[] => {
    const path = pointerToPath(op.path);
    const old = before === undefined ? undefined : valueAt(before, op.path);
    switch (op.op) {
      case "add":
        return [{ kind: "added", path, text: show(op.value) }];
      case "remove":
        return [{ kind: "removed", path, text: old === undefined ? "" : show(old) }];
      case "replace":
        return [{ kind: "changed", path, text: old === undefined ? `→ ${show(op.value)}` : `${show(old)} → ${show(op.value)}` }];
      case "move":
      case "copy":
        return [{ kind: "moved", path, text: `from ${pointerToPath(op.from)}` }];
      default:
        return [];
    }
  });

const valueAt = (doc: unknown, pointer: string): unknown => {
  let node = doc;
  for (const raw of pointer.split("/").slice(1)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
};

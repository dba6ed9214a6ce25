import { json } from "@codemirror/lang-json";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import { EditorView, basicSetup } from "codemirror";
import { useEffect, useRef } from "react";
import type { ScriptProblem } from "../../../script";
import { jsonSyntaxErrors, rangeOfJsonPath } from "./json-path-range";

/**
 * The script as JSON in CodeMirror 6. Problems are shown inline: JSON syntax errors where they
 * are, and the script's validation problems (the server's own `validateScript`, run here) at
 * their JSON paths, each message starting with its path. `value` from outside (the form) replaces
 * the text when it differs; typing calls `onChange`.
 */
export const ScriptJsonView = ({ value, onChange, validate, label }: { value: string; onChange: (text: string) => void; validate: (text: string) => ScriptProblem[]; label: string }) => {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const latest = useRef({ onChange, validate });
  latest.current = { onChange, validate };

  useEffect(() => {
    const diagnostics = (v: EditorView): Diagnostic[] => {
      const text = v.state.doc.toString();
      const syntax = jsonSyntaxErrors(text);
      if (syntax.length) return syntax.map((e) => ({ from: Math.min(e.from, text.length), to: Math.min(e.to, text.length), severity: "error", message: e.message }));
      return latest.current.validate(text).map((p) => {
        const range = rangeOfJsonPath(text, p.path) ?? { from: 0, to: Math.min(1, text.length) };
        return { ...range, severity: "error", source: p.path, message: `${p.path}: ${p.message}` };
      });
    };
    const editor = new EditorView({
      parent: host.current!,
      doc: value,
      extensions: [
        basicSetup,
        json(),
        lintGutter(),
        linter(diagnostics, { delay: 300 }),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) latest.current.onChange(update.state.doc.toString());
        }),
        EditorView.theme({ "&": { fontSize: "13px", maxHeight: "70vh" }, ".cm-scroller": { overflow: "auto", fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace" } }),
      ],
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is made once; `value` changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor && editor.state.doc.toString() !== value) editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: value } });
  }, [value]);

  return <div ref={host} className="overflow-hidden rounded-field border border-line-strong bg-surface" data-testid="script-json" />;
};

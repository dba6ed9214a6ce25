import { findNodeAtLocation, parseTree, type Node, type ParseError, printParseErrorCode } from "jsonc-parser";

/** `scenes[0].lines[1].speaker` → `["scenes", 0, "lines", 1, "speaker"]`; `(root)` → `[]`. */
export const parseJsonPath = (path: string): (string | number)[] => {
  if (path === "(root)") return [];
  const out: (string | number)[] = [];
  const token = /\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;
  let match: RegExpExecArray | null;
  while (token.lastIndex < path.length && (match = token.exec(path))) {
    if (match[1] !== undefined) out.push(match[1]);
    else if (match[2] !== undefined) out.push(Number(match[2]));
    else out.push(JSON.parse(match[3]!) as string);
  }
  return out;
};

export type TextRange = { from: number; to: number };

/**
 * Where a JSON path sits in a document's text: the value at the path, or (for something
 * missing, like a required field left out) the nearest object or array above it, marked at its
 * opening bracket so the mark stays small. Null when the text does not parse to a tree.
 */
export const rangeOfJsonPath = (text: string, path: string): TextRange | null => {
  const root = parseTree(text);
  if (!root) return null;
  const segments = parseJsonPath(path);
  for (let n = segments.length; n >= 0; n--) {
    const node: Node | undefined = n === 0 ? root : findNodeAtLocation(root, segments.slice(0, n));
    if (!node) continue;
    if (n === segments.length) {
      // A property's value: mark the key too, so the problem is found by its name.
      const property = node.parent?.type === "property" ? node.parent : null;
      return property ? { from: property.offset, to: node.offset + node.length } : { from: node.offset, to: node.offset + node.length };
    }
    return { from: node.offset, to: node.offset + 1 };
  }
  return null;
};

/** The syntax errors of a JSON text, each with its range and a readable message. */
export const jsonSyntaxErrors = (text: string): (TextRange & { message: string })[] => {
  const errors: ParseError[] = [];
  parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  return errors.map((e) => ({ from: e.offset, to: e.offset + Math.max(1, e.length), message: `JSON syntax: ${printParseErrorCode(e.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase()}` }));
};

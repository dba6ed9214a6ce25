/** Typographic characters and what Festival and flite (which read bytes, not UTF-8) should get instead. */
const REPLACEMENTS: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u201b\u2032]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"'],
  [/[\u2013\u2014\u2015\u2212]/g, "-"],
  [/\u2026/g, "..."],
  [/\u00a0/g, " "],
];

/**
 * The words of `text` (split on whitespace, as captions split them), each as plain ASCII for the
 * English engines: curly quotes and dashes become their ASCII forms, accents are dropped
 * (`café` → `cafe`) and anything else outside ASCII is left out. A word with nothing left
 * becomes `-`, which is not spoken, so the words stay one for one.
 */
export const asciiTokens = (text: string): { words: string[]; ascii: string[] } => {
  const words = text.split(/\s+/).filter(Boolean);
  const ascii = words.map((word) => {
    let plain = word.normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
    for (const [from, to] of REPLACEMENTS) plain = plain.replace(from, to);
    plain = plain.replace(/[^\x21-\x7e]/g, "");
    return plain || "-";
  });
  return { words, ascii };
};

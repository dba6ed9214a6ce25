import { z } from "zod";

/**
 * Characters that never belong in a name shown to people: controls (C0, DEL, C1), bidirectional
 * formatting (a right-to-left override makes `gpj.exe` read as `exe.jpg`; isolates and marks
 * reorder what follows them) and line / paragraph separators. Joiners (U+200C, U+200D) stay:
 * emoji sequences and several scripts need them.
 */
const UNSAFE = /[\p{Cc}\p{Bidi_Control}\u2028\u2029]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, "gu");

export const UNSAFE_DISPLAY_TEXT_MESSAGE = "must not contain control or bidirectional-formatting characters";

/**
 * The one rule for text the API shows back as a name (API-key and project names, media tags and
 * file names): a zod string refusing {@link UNSAFE} characters with a 400 naming the field. Pass a
 * configured string schema (length, trim) to add the rule to it.
 */
export const displayText = (schema: z.ZodString = z.string()) => schema.refine((text) => !UNSAFE.test(text), { error: UNSAFE_DISPLAY_TEXT_MESSAGE });

/** The same rule for text that is cleaned rather than refused (an uploaded file's name): the characters are removed. */
export const stripUnsafeDisplayCharacters = (text: string): string => text.replace(UNSAFE_ALL, "");

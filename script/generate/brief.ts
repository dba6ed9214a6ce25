import { z } from "zod";
import { FORMATS } from "../schema";

/** The default length of a generated video when the brief names none. */
export const DEFAULT_TARGET_SECONDS = 45;

/**
 * What a person (or program) asks for: a prompt plus optional steering. Everything else is the
 * writer's choice.
 */
export const BriefSchema = z.object({
  prompt: z.string().trim().min(3, { error: "must be at least 3 characters" }).max(4000, { error: "must be at most 4000 characters" }),
  /** Template pack id; the caller validates against that pack's schema. */
  template: z.string().min(1).max(100).optional(),
  format: z.enum(FORMATS).optional(),
  genre: z.string().trim().min(1).max(60).optional(),
  tone: z.string().trim().min(1).max(60).optional(),
  /** BCP 47 language tag of the dialogue, e.g. `en`, `pt-BR`. */
  language: z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, { error: "must be a language tag like en or pt-BR" }).optional(),
  targetSeconds: z.number().min(5).max(600).optional(),
  characters: z
    .array(
      z.object({
        name: z.string().trim().min(1).max(40),
        description: z.string().trim().max(300).optional(),
        voice: z.string().max(80).optional(),
        color: z.string().regex(/^#[0-9a-fA-F]{6}$/).optional(),
      }),
    )
    .max(8)
    .optional(),
  episodes: z.number().int().min(1).max(12).optional(),
  /** The script this one continues (same characters, the story goes on). */
  previous: z.unknown().optional(),
});
export type Brief = z.infer<typeof BriefSchema>;

const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, fifteen: 15, twenty: 20, thirty: 30, forty: 40, "forty-five": 45, sixty: 60, ninety: 90, half: 0.5 };

/**
 * A length the prompt itself asks for ("a two-minute drama", "90 seconds", "a 1.5 min promo"),
 * in seconds; `null` when it names none. Used when the brief gives no `targetSeconds`.
 */
export const targetSecondsFromPrompt = (prompt: string): number | null => {
  const match = /\b(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty-five|forty|sixty|ninety|half)[\s-]*(minutes?|mins?|seconds?|secs?|s)\b/i.exec(prompt);
  if (!match) return null;
  const amount = Number.isNaN(Number(match[1])) ? NUMBER_WORDS[match[1]!.toLowerCase()]! : Number(match[1]);
  const seconds = /^m/i.test(match[2]!) ? amount * 60 : amount;
  return seconds >= 5 && seconds <= 600 ? seconds : null;
};

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

import { z } from "zod";

/**
 * The Script: the JSON an AI (or a person) writes for one video. This is the public contract
 * of reelgen: fields may be added, none renamed or made stricter.
 */

export const LIMITS = {
  titleChars: 200,
  idChars: 64,
  nameChars: 80,
  characters: 50,
  scenes: 200,
  linesPerScene: 200,
  lines: 2000,
  headingChars: 200,
  textChars: 600,
  srcChars: 2048,
  gradientColors: 8,
  lineSeconds: 120,
} as const;

/** The speaker id that needs no `characters` entry. */
export const NARRATOR = "narrator";

export const FORMATS = ["9:16", "16:9", "1:1", "4:5"] as const;
export const TRANSITIONS = ["cut", "fade", "slide", "wipe", "zoom"] as const;
export const LOOKS = ["none", "warm", "cool", "noir", "vintage", "high-contrast"] as const;
/** The built-in backdrops a scene may name (`scene.setting`); drawn by compositions/backdrops. */
export const SETTINGS = [
  "office", "kitchen", "living-room", "bedroom", "street-night", "city-day", "hospital", "classroom",
  "cafe", "park", "rain", "party",
] as const;
/** Moods a scene or the music bed may have; they tint backdrops and choose music. */
export const MOODS = ["calm", "upbeat", "happy", "tense", "sad", "mystery", "romantic", "dramatic"] as const;
/**
 * Illustrated portrait styles (DiceBear) a character's `appearance.style` may name: the ones with
 * named expressions and closed eyes to blink with, on licences that allow commercial use.
 */
export const FACE_STYLES = ["avataaars", "toon-head", "micah", "personas"] as const;

// Hex (#rgb, #rgba, #rrggbb, #rrggbbaa), CSS colour functions, or a CSS colour keyword.
const COLOR_PATTERN =
  /^(#[0-9a-fA-F]{3,4}|#[0-9a-fA-F]{6}|#[0-9a-fA-F]{8}|(rgb|rgba|hsl|hsla|oklch|oklab|lab|lch)\([^()]{1,80}\)|[a-zA-Z]{3,30})$/;

const nonBlank = (max: number) =>
  z
    .string()
    .max(max, { error: `must be at most ${max} characters` })
    .refine((s) => s.trim().length > 0, { error: "must not be empty" });

export const ColorSchema = z
  .string()
  .regex(COLOR_PATTERN, { error: 'must be a CSS colour such as "#e11d48", "rgb(…)" or "tomato"' });

const srcSchema = nonBlank(LIMITS.srcChars).describe(
  "An http(s) URL, or a file path relative to the script file",
);

export const BackgroundSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("color"), value: ColorSchema }),
    z.object({
      type: z.literal("gradient"),
      colors: z
        .array(ColorSchema)
        .min(2, { error: "needs at least 2 colours" })
        .max(LIMITS.gradientColors, { error: `allows at most ${LIMITS.gradientColors} colours` }),
    }),
    z.object({ type: z.literal("image"), src: srcSchema }),
    z.object({ type: z.literal("video"), src: srcSchema }),
  ],
);

export const WordTimingSchema = z.object({
  text: z.string(),
  startSec: z.number().min(0),
  endSec: z.number().min(0),
});

/**
 * Speech for a line, filled in by reelgen's prepare step (text-to-speech) or supplied with
 * recorded audio. Times are seconds from the start of the line's audio.
 */
export const SpeechSchema = z.object({
  src: srcSchema,
  durationSec: z.number().gt(0, { error: "must be greater than 0" }),
  words: z.array(WordTimingSchema).optional(),
});

export const LineSchema = z.object({
  speaker: nonBlank(LIMITS.idChars).describe(`A character id, or "${NARRATOR}"`),
  text: nonBlank(LIMITS.textChars),
  emotion: z.string().max(40, { error: "must be at most 40 characters" }).optional(),
  durationSec: z
    .number()
    .gt(0, { error: "must be greater than 0" })
    .max(LIMITS.lineSeconds, { error: `must be at most ${LIMITS.lineSeconds}` })
    .optional()
    .describe("Overrides the speech length and the reading-speed estimate"),
  speech: SpeechSchema.optional().describe("Prepared by reelgen; scripts normally leave it out"),
  reaction: z
    .string()
    .max(16, { error: "must be at most 16 characters" })
    .optional()
    .describe("An emoji shown big as the line is said (e.g. 😱); default one chosen from the emotion at strong moments"),
});

export const SceneSchema = z.object({
  id: nonBlank(LIMITS.idChars),
  heading: nonBlank(LIMITS.headingChars).optional(),
  background: BackgroundSchema.optional(),
  transition: z
    .enum(TRANSITIONS)
    .optional()
    .describe("How this scene enters"),
  look: z.enum(LOOKS).optional().describe("Colour grade for this scene; overrides the script's"),
  setting: z.enum(SETTINGS).optional().describe("A built-in backdrop, used when the scene has no background"),
  mood: z.enum(MOODS).optional().describe("The scene's mood: tints its backdrop"),
  lines: z
    .array(LineSchema)
    .min(1, { error: "needs at least 1 line" })
    .max(LIMITS.linesPerScene, { error: `allows at most ${LIMITS.linesPerScene} lines` }),
});

export const CharacterSchema = z.object({
  id: nonBlank(LIMITS.idChars),
  name: nonBlank(LIMITS.nameChars),
  color: ColorSchema.optional(),
  voice: z.string().max(80, { error: "must be at most 80 characters" }).optional(),
  avatar: srcSchema.optional(),
  appearance: z
    .object({
      style: z.enum(FACE_STYLES).optional().describe("The portrait's illustration style"),
      seed: z.string().max(LIMITS.nameChars, { error: `must be at most ${LIMITS.nameChars} characters` }).optional().describe("Same seed, same face; default the character's id"),
      gender: z.enum(["female", "male"]).optional().describe("Steers the face and the default voice"),
      skinColor: ColorSchema.optional(),
      hairColor: ColorSchema.optional(),
    })
    .optional()
    .describe("The illustrated portrait drawn when the character has no avatar image"),
});

export const MusicSchema = z.object({
  src: srcSchema.optional().describe("An audio file; else reelgen makes a bed for `mood`"),
  mood: z.enum(MOODS).optional().describe("A music bed made offline for this mood, when there is no src"),
  volume: z
    .number()
    .min(0, { error: "must be between 0 and 1" })
    .max(1, { error: "must be between 0 and 1" })
    .optional(),
});

export const LOGO_POSITIONS = ["top-left", "top-right", "bottom-left", "bottom-right"] as const;

/** A brand kit: logo watermark, brand colours and font, applied by every pack. */
export const BrandSchema = z.object({
  logo: z
    .object({
      src: srcSchema,
      position: z.enum(LOGO_POSITIONS).default("top-right"),
      /** Logo width as a fraction of the frame's short side. */
      size: z.number().gt(0, { error: "must be greater than 0" }).max(0.5, { error: "must be at most 0.5" }).default(0.16),
      opacity: z.number().min(0, { error: "must be between 0 and 1" }).max(1, { error: "must be between 0 and 1" }).default(0.85),
    })
    .optional(),
  colors: z.object({ primary: ColorSchema, secondary: ColorSchema.optional() }).optional(),
  font: z.object({ family: nonBlank(80), src: srcSchema.optional().describe("A .woff2/.ttf file; else an installed family") }).optional(),
});

/** A BCP-47 language tag (`en`, `pt-BR`, `zh-Hant`). */
export const LanguageSchema = z
  .string()
  .refine(
    (tag) => {
      try {
        return Intl.getCanonicalLocales(tag).length === 1;
      } catch {
        return false;
      }
    },
    { error: 'must be a BCP-47 language tag such as "en", "pt-BR" or "zh-Hant"' },
  );

const ScriptShape = z.object({
  title: nonBlank(LIMITS.titleChars),
  format: z
    .enum(FORMATS)
    .default("9:16"),
  language: LanguageSchema.default("en"),
  characters: z
    .array(CharacterSchema)
    .max(LIMITS.characters, { error: `allows at most ${LIMITS.characters} characters` })
    .default([]),
  scenes: z
    .array(SceneSchema)
    .min(1, { error: "needs at least 1 scene" })
    .max(LIMITS.scenes, { error: `allows at most ${LIMITS.scenes} scenes` }),
  music: MusicSchema.refine((m) => m.src !== undefined || m.mood !== undefined, { error: "needs src or mood" }).optional(),
  soundEffects: z.boolean().optional().describe("A whoosh on transitions, a pop per chat bubble, a sting on a shocked reveal; default on"),
  look: z.enum(LOOKS).optional().describe("Colour grade for the whole video"),
  brand: BrandSchema.optional(),
});

export type ScriptIssue = { path: (string | number)[]; message: string };

/**
 * Rules that span fields. Works on any partially valid input so that a script with type errors
 * still gets its cross-field problems reported in the same pass.
 */
export const crossFieldIssues = (input: unknown): ScriptIssue[] => {
  const issues: ScriptIssue[] = [];
  if (!isRecord(input)) return issues;
  const characters = Array.isArray(input.characters) ? input.characters : [];
  const known = new Map<string, number>();
  characters.forEach((c, i) => {
    if (!isRecord(c) || typeof c.id !== "string") return;
    if (c.id === NARRATOR) {
      issues.push({
        path: ["characters", i, "id"],
        message: `"${NARRATOR}" is reserved for the narrator and needs no character entry`,
      });
    } else if (known.has(c.id)) {
      issues.push({
        path: ["characters", i, "id"],
        message: `"${c.id}" is used twice (also characters[${known.get(c.id)}].id)`,
      });
    } else {
      known.set(c.id, i);
    }
  });
  const speakers = [...known.keys(), NARRATOR].join(", ");
  const scenes = Array.isArray(input.scenes) ? input.scenes : [];
  const sceneIds = new Map<string, number>();
  let lineCount = 0;
  scenes.forEach((scene, s) => {
    if (!isRecord(scene)) return;
    if (typeof scene.id === "string") {
      if (sceneIds.has(scene.id)) {
        issues.push({
          path: ["scenes", s, "id"],
          message: `"${scene.id}" is used twice (also scenes[${sceneIds.get(scene.id)}].id)`,
        });
      } else {
        sceneIds.set(scene.id, s);
      }
    }
    const lines = Array.isArray(scene.lines) ? scene.lines : [];
    lineCount += lines.length;
    lines.forEach((line, l) => {
      if (!isRecord(line) || typeof line.speaker !== "string") return;
      if (line.speaker !== NARRATOR && !known.has(line.speaker)) {
        issues.push({
          path: ["scenes", s, "lines", l, "speaker"],
          message: `"${line.speaker}" is not a character (known: ${speakers})`,
        });
      }
    });
  });
  if (lineCount > LIMITS.lines) {
    issues.push({
      path: ["scenes"],
      message: `has ${lineCount} lines in all; at most ${LIMITS.lines} are allowed`,
    });
  }
  return issues;
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const addCrossFieldIssues = (script: unknown, ctx: z.RefinementCtx) => {
  for (const issue of crossFieldIssues(script)) {
    ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
  }
};

/** The Script schema, cross-field rules included. */
export const ScriptSchema = ScriptShape.superRefine(addCrossFieldIssues);

/**
 * The Script schema plus a pack's own optional fields (every pack takes the same Script; a pack
 * may read extra optional fields).
 */
export const extendScriptSchema = <Extra extends z.ZodRawShape>(extra: Extra) =>
  ScriptShape.extend(extra).superRefine(addCrossFieldIssues);

/** A validated script, defaults filled in. */
export type Script = z.output<typeof ScriptSchema>;
/** What a script author may write (defaults optional). */
export type ScriptInput = z.input<typeof ScriptSchema>;
export type Scene = Script["scenes"][number];
export type Line = Scene["lines"][number];
export type Character = Script["characters"][number];
export type Background = z.output<typeof BackgroundSchema>;
export type Speech = z.output<typeof SpeechSchema>;
export type WordTiming = z.output<typeof WordTimingSchema>;
export type Format = (typeof FORMATS)[number];
export type Transition = (typeof TRANSITIONS)[number];
export type Look = (typeof LOOKS)[number];
export type Brand = z.output<typeof BrandSchema>;
export type Setting = (typeof SETTINGS)[number];
export type Mood = (typeof MOODS)[number];
export type FaceStyle = (typeof FACE_STYLES)[number];
export type Appearance = NonNullable<Character["appearance"]>;

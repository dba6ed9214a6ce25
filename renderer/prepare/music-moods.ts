import tonejsMidi from "@tonejs/midi";
import type { Mood } from "../../script";

// The package is CommonJS: Node's ESM loader sees only its default export.
const { Midi } = tonejsMidi;

/** General MIDI programs (0-based) the beds use. */
const GM = {
  piano: 0,
  electricPiano: 4,
  celesta: 8,
  glockenspiel: 9,
  fingerBass: 33,
  acousticBass: 32,
  cello: 42,
  contrabass: 43,
  pizzicato: 45,
  timpani: 47,
  strings: 48,
  slowStrings: 49,
  brass: 61,
  warmPad: 89,
  haloPad: 94,
} as const;

/** General MIDI drum keys (channel 10). */
const DRUM = { kick: 36, snare: 38, clap: 39, closedHat: 42, crash: 49, shaker: 82 } as const;

type Part = { program: number; velocity: number };

/**
 * How one mood sounds: tempo, key, a four-chord loop and the parts that play it. Chords are
 * semitones above the key's tonic (`root`, a MIDI note); each part voices them in its own octave.
 */
export type MoodStyle = {
  bpm: number;
  root: number;
  chords: number[][];
  barsPerChord: 1 | 2;
  /** Sustained chords under everything. */
  pad: Part | null;
  bass: Part & { pattern: "whole" | "half" | "eighths" };
  /** The part that moves: broken chords, pop stabs, a low ostinato, or a few high notes. */
  keys: Part & { pattern: "arpeggio" | "slow-arpeggio" | "pop" | "bounce" | "ostinato" | "sparse" | "marcato" };
  /** A second colour: a brass stab or a glockenspiel note on each chord, a timpani on the downbeat. */
  accent: (Part & { pattern: "stab" | "top-note" | "timpani" }) | null;
  drums: "pop" | "light" | "big" | null;
};

/**
 * Every mood's bed. Minor moods sit in minor keys at slower tempos; only upbeat, happy and
 * dramatic keep a beat, so the calmer beds never fight the voices.
 */
export const MOOD_STYLES: Record<Mood, MoodStyle> = {
  calm: {
    bpm: 72, root: 60, barsPerChord: 2,
    chords: [[0, 4, 7, 11], [5, 9, 12, 16], [9, 12, 16, 19], [7, 11, 14, 16]],
    pad: { program: GM.warmPad, velocity: 0.42 },
    bass: { program: GM.acousticBass, velocity: 0.36, pattern: "whole" },
    keys: { program: GM.electricPiano, velocity: 0.46, pattern: "slow-arpeggio" },
    accent: null,
    drums: null,
  },
  upbeat: {
    bpm: 118, root: 55, barsPerChord: 1,
    chords: [[0, 4, 7], [7, 11, 14], [9, 12, 16], [5, 9, 12]],
    pad: null,
    bass: { program: GM.fingerBass, velocity: 0.58, pattern: "eighths" },
    keys: { program: GM.piano, velocity: 0.62, pattern: "pop" },
    accent: null,
    drums: "pop",
  },
  happy: {
    bpm: 108, root: 65, barsPerChord: 1,
    chords: [[0, 4, 7], [5, 9, 12], [9, 12, 16], [7, 11, 14]],
    pad: null,
    bass: { program: GM.acousticBass, velocity: 0.66, pattern: "half" },
    keys: { program: GM.pizzicato, velocity: 0.7, pattern: "bounce" },
    accent: { program: GM.glockenspiel, velocity: 0.3, pattern: "top-note" },
    drums: "light",
  },
  tense: {
    bpm: 96, root: 50, barsPerChord: 1,
    // i – ♭VI – i – ♭II: the Phrygian half step keeps it unresolved.
    chords: [[0, 3, 7], [-4, 0, 3], [0, 3, 7], [1, 5, 8]],
    pad: { program: GM.slowStrings, velocity: 0.42 },
    bass: { program: GM.contrabass, velocity: 0.6, pattern: "whole" },
    keys: { program: GM.strings, velocity: 0.62, pattern: "ostinato" },
    accent: { program: GM.timpani, velocity: 0.55, pattern: "timpani" },
    drums: null,
  },
  sad: {
    bpm: 64, root: 57, barsPerChord: 1,
    chords: [[0, 3, 7], [-4, 0, 3], [3, 7, 10], [-2, 2, 5]],
    pad: { program: GM.slowStrings, velocity: 0.32 },
    bass: { program: GM.cello, velocity: 0.48, pattern: "whole" },
    keys: { program: GM.piano, velocity: 0.5, pattern: "arpeggio" },
    accent: null,
    drums: null,
  },
  mystery: {
    bpm: 76, root: 64, barsPerChord: 2,
    // i(add9) – ♭VImaj7 – iv – V: the major V of harmonic minor.
    chords: [[0, 3, 7, 14], [-4, 0, 3, 7], [5, 8, 12], [7, 11, 14]],
    pad: { program: GM.haloPad, velocity: 0.45 },
    bass: { program: GM.contrabass, velocity: 0.45, pattern: "whole" },
    keys: { program: GM.celesta, velocity: 0.5, pattern: "sparse" },
    accent: null,
    drums: null,
  },
  romantic: {
    bpm: 72, root: 63, barsPerChord: 1,
    chords: [[0, 4, 7, 11], [-3, 0, 4, 7], [5, 9, 12, 16], [7, 12, 14, 17]],
    pad: { program: GM.slowStrings, velocity: 0.36 },
    bass: { program: GM.acousticBass, velocity: 0.5, pattern: "half" },
    keys: { program: GM.electricPiano, velocity: 0.48, pattern: "arpeggio" },
    accent: null,
    drums: null,
  },
  dramatic: {
    bpm: 84, root: 48, barsPerChord: 1,
    chords: [[0, 3, 7], [-4, 0, 3], [3, 7, 10], [-2, 2, 5]],
    pad: null,
    bass: { program: GM.contrabass, velocity: 0.7, pattern: "half" },
    keys: { program: GM.strings, velocity: 0.6, pattern: "marcato" },
    accent: { program: GM.brass, velocity: 0.5, pattern: "stab" },
    drums: "big",
  },
};

/** Seconds in one bar of 4/4 at the mood's tempo. */
export const barSeconds = (mood: Mood) => (4 * 60) / MOOD_STYLES[mood].bpm;

/** Each chord tone moved into the octave above `low` (a close voicing), lowest first. */
const voice = (chord: number[], root: number, low: number) =>
  chord.map((step) => {
    let note = root + step;
    while (note < low) note += 12;
    while (note >= low + 12) note -= 12;
    return note;
  }).sort((a, b) => a - b);

/**
 * The bed for `mood` as a Standard MIDI File: `bars` bars of its chord loop, then the tonic held
 * for one more bar so the bed ends at rest. The same mood and length always give the same bytes.
 */
export const moodMidi = (mood: Mood, bars: number): Uint8Array => {
  const style = MOOD_STYLES[mood];
  const midi = new Midi();
  midi.header.setTempo(style.bpm);
  midi.header.timeSignatures.push({ ticks: 0, timeSignature: [4, 4] });
  const beat = 60 / style.bpm;
  const bar = 4 * beat;
  let channel = 0;
  const track = (part: Part) => {
    const t = midi.addTrack();
    t.channel = channel++;
    t.instrument.number = part.program;
    return t;
  };
  const pad = style.pad ? track(style.pad) : null;
  const bass = track(style.bass);
  const keys = track(style.keys);
  const accent = style.accent ? track(style.accent) : null;
  const drums = style.drums ? midi.addTrack() : null;
  if (drums) drums.channel = 9;

  const { root } = style;
  const end = bars * bar;
  for (let b = 0; b < bars; b++) {
    const at = b * bar;
    const chord = style.chords[Math.floor(b / style.barsPerChord) % style.chords.length]!;
    const firstOfChord = b % style.barsPerChord === 0;
    // A little life in the velocities: the loop's first bar leans in, the others sit back.
    const lean = b % (style.chords.length * style.barsPerChord) === 0 ? 1 : 0.92;
    if (pad && style.pad && firstOfChord) {
      for (const note of voice(chord, root, root - 5)) pad.addNote({ midi: note, time: at, duration: bar * style.barsPerChord, velocity: style.pad.velocity });
    }
    const bassNote = voice([chord[0]!], root, root - 24)[0]!;
    const fifth = voice([chord[2] ?? chord[0]!], root, bassNote)[0]!;
    const bv = style.bass.velocity * lean;
    if (style.bass.pattern === "whole") bass.addNote({ midi: bassNote, time: at, duration: bar * 0.98, velocity: bv });
    else if (style.bass.pattern === "half") {
      bass.addNote({ midi: bassNote, time: at, duration: 2 * beat * 0.95, velocity: bv });
      bass.addNote({ midi: fifth, time: at + 2 * beat, duration: 2 * beat * 0.95, velocity: bv * 0.9 });
    } else {
      for (let i = 0; i < 8; i++) bass.addNote({ midi: bassNote, time: at + (i * beat) / 2, duration: beat * 0.42, velocity: bv * (i % 2 ? 0.8 : 1) });
    }

    const kv = style.keys.velocity * lean;
    const tones = voice(chord, root, root);
    switch (style.keys.pattern) {
      case "arpeggio": {
        // Up and back down in eighths: 1 3 5 (8) 5 3 …
        const up = [...tones, tones[0]! + 12];
        const seq = [...up, ...up.slice(1, -1).reverse()];
        for (let i = 0; i < 8; i++) keys.addNote({ midi: seq[i % seq.length]!, time: at + (i * beat) / 2, duration: beat * 0.9, velocity: kv * (i % 4 === 0 ? 1 : 0.8) });
        break;
      }
      case "slow-arpeggio":
        for (let i = 0; i < 4; i++) keys.addNote({ midi: [...tones, tones[0]! + 12][(b * 4 + i) % (tones.length + 1)]!, time: at + i * beat, duration: beat * 1.8, velocity: kv * (i === 0 ? 1 : 0.8) });
        break;
      case "pop":
        // Stabs on 1, 2&, 3&, 4 (the pop piano push), the tonic on top for the last.
        for (const [pos, len] of [[0, 1], [1.5, 0.5], [2.5, 0.5], [3, 0.9]] as const) {
          for (const note of tones) keys.addNote({ midi: note, time: at + pos * beat, duration: len * beat * 0.9, velocity: kv * (pos === 0 ? 1 : 0.82) });
        }
        break;
      case "bounce": {
        const seq = [tones[0]!, tones[2] ?? tones[1]!, tones[1]!, tones[2] ?? tones[1]!];
        for (let i = 0; i < 8; i++) keys.addNote({ midi: seq[i % seq.length]! + (i >= 4 && i % 2 === 1 ? 12 : 0), time: at + (i * beat) / 2, duration: beat * 0.4, velocity: kv * (i % 2 ? 0.8 : 1) });
        break;
      }
      case "ostinato": {
        // Low strings in driving eighths: the root twice, the octave, the root, …
        const low = voice([chord[0]!], root, root - 14)[0]!;
        const seq = [low, low, low + 12, low, low, low + 12, low + 7, low + 12];
        for (let i = 0; i < 8; i++) keys.addNote({ midi: seq[i]!, time: at + (i * beat) / 2, duration: beat * 0.42, velocity: kv * (i % 4 === 0 ? 1 : 0.78) });
        break;
      }
      case "sparse": {
        // A few bell notes high up, placed differently in each bar of a chord.
        const high = tones.map((n) => n + 12);
        const places = firstOfChord ? [0, 1.5, 3] : [0.5, 2, 3.5];
        places.forEach((pos, i) => keys.addNote({ midi: high[(i + b) % high.length]!, time: at + pos * beat, duration: beat * 2, velocity: kv * (i === 0 ? 1 : 0.8) }));
        break;
      }
      case "marcato":
        for (const pos of [0, 2]) for (const note of voice(chord, root, root + 3)) keys.addNote({ midi: note, time: at + pos * beat, duration: beat * 1.9, velocity: kv * (pos === 0 ? 1 : 0.85) });
        break;
    }

    if (accent && style.accent) {
      const av = style.accent.velocity * lean;
      if (style.accent.pattern === "stab" && firstOfChord) for (const note of voice(chord, root, root + 7)) accent.addNote({ midi: note, time: at, duration: beat * 0.9, velocity: av });
      if (style.accent.pattern === "top-note") accent.addNote({ midi: tones[tones.length - 1]! + 12, time: at, duration: beat * 1.5, velocity: av });
      if (style.accent.pattern === "timpani" && b % 2 === 0) accent.addNote({ midi: voice([chord[0]!], root, root - 17)[0]!, time: at, duration: beat * 2, velocity: av });
    }

    if (drums && style.drums === "pop") {
      for (let i = 0; i < 8; i++) drums.addNote({ midi: DRUM.closedHat, time: at + (i * beat) / 2, duration: 0.1, velocity: i % 2 ? 0.32 : 0.45 });
      for (const pos of [0, 2, 2.5]) drums.addNote({ midi: DRUM.kick, time: at + pos * beat, duration: 0.1, velocity: pos === 0 ? 0.8 : 0.65 });
      for (const pos of [1, 3]) drums.addNote({ midi: DRUM.snare, time: at + pos * beat, duration: 0.1, velocity: 0.6 });
    } else if (drums && style.drums === "light") {
      for (let i = 0; i < 8; i++) drums.addNote({ midi: DRUM.shaker, time: at + (i * beat) / 2, duration: 0.1, velocity: i % 2 ? 0.22 : 0.3 });
      for (const pos of [1, 3]) drums.addNote({ midi: DRUM.clap, time: at + pos * beat, duration: 0.1, velocity: 0.45 });
    } else if (drums && style.drums === "big") {
      drums.addNote({ midi: DRUM.kick, time: at, duration: 0.2, velocity: 0.75 });
      drums.addNote({ midi: DRUM.kick, time: at + 2.5 * beat, duration: 0.2, velocity: 0.55 });
      if (b % 4 === 0) drums.addNote({ midi: DRUM.crash, time: at, duration: 0.5, velocity: 0.42 });
    }
  }

  // The last bar: the tonic held, so the bed comes to rest instead of stopping mid-phrase.
  const tonic = style.chords[0]!;
  for (const note of voice(tonic, root, root - 5)) (pad ?? keys).addNote({ midi: note, time: end, duration: bar, velocity: (style.pad ?? style.keys).velocity * 0.8 });
  bass.addNote({ midi: voice([tonic[0]!], root, root - 24)[0]!, time: end, duration: bar, velocity: style.bass.velocity * 0.8 });
  return midi.toArray();
};

import { runTool } from "../run-tool";
import { ENGLISH_DEFAULTS, ENGLISH_NARRATOR, ENGLISH_VOICES, type EnglishVoice } from "./english-voices";
import { espeakSpeechProvider } from "./espeak-speech-provider";
import { festivalSpeech } from "./festival-speech";
import { fliteSpeech } from "./flite-speech";
import { cacheVoiceListing, type SpeechProvider, type SpeechRunOptions, type VoiceCatalog, type VoiceDetail, type VoiceGender } from "./speech-provider";
import { pcmWav, wavInfo } from "./wav-info";

export type OfflineSpeechOptions = {
  /** The programs, for tests: default `festival`, `flite`, `sox`, `espeak-ng` from PATH. */
  festival?: string;
  flite?: string;
  sox?: string;
  espeak?: string;
};

const byId = new Map(ENGLISH_VOICES.map((v) => [v.id, v]));
const isEnglish = (language: string) => language.toLowerCase().split("-")[0] === "en";
/**
 * How far an emotion's pitch moves a voice that is shifted after synthesis: half of a lowering,
 * a quarter of a raising. Raised fully, Festival's voice became hard to understand (pocketsphinx:
 * 6% → 80% word errors at +3 semitones; "shocked" at half its raise still 29%).
 */
const SHIFTED_PITCH_SHARE = { lower: 0.5, raise: 0.25 };

/**
 * The embedded default: English lines in Festival's HTS voice and flite's voices (real word
 * timings from both engines, several distinct voices: women and men, pitch variants), every
 * other language in espeak-ng. One catalog holds both engines' voices, so a script naming
 * espeak-ng's `en-us+f3` still validates and speaks; the English voices take no `+variant`.
 */
export const offlineSpeechProvider = (options: OfflineSpeechOptions = {}): SpeechProvider => {
  const espeak = espeakSpeechProvider({ binary: options.espeak });
  const listVoices = cacheVoiceListing(async (limits): Promise<VoiceCatalog> => {
    const listed = await espeak.listVoices(limits);
    const details: Record<string, VoiceDetail> = {};
    for (const v of ENGLISH_VOICES) details[v.id] = { name: v.name, language: v.language, gender: v.gender, engine: v.engine };
    for (const [key, detail] of Object.entries(listed.details ?? {})) details[key] = { ...detail, engine: "espeak-ng" };
    const english = ENGLISH_VOICES.map((v) => v.id);
    return { voices: [...english, ...listed.voices.filter((v) => !byId.has(v))], variants: listed.variants, plainVoices: english, details };
  });

  /** Shifts pitch by `cents` (sox, length kept) and brings every voice to the same peak, so characters sound equally loud. */
  const finish = async (wav: Buffer, cents: number, limits: SpeechRunOptions): Promise<Buffer> => {
    const shifted =
      Math.abs(cents) >= 1
        ? (await runTool({ command: options.sox ?? "sox", args: ["-q", "-t", "wav", "-", "-t", "wav", "-", "pitch", cents.toFixed(0)], stdin: wav, timeoutMs: limits.timeoutMs, signal: limits.signal, code: "SPEECH_FAILED", what: "Text-to-speech (sox pitch)" })).stdout
        : wav;
    return normalizePeak(shifted, -3);
  };

  const speakEnglish = async (voice: EnglishVoice, request: { text: string; rate: number; pitch: number }, limits: SpeechRunOptions) => {
    const pitch = Number.isFinite(request.pitch) && request.pitch > 0 ? Math.max(0.7, Math.min(1.4, request.pitch)) : 1;
    const emotionCents = 1200 * Math.log2(pitch) * (pitch > 1 ? SHIFTED_PITCH_SHARE.raise : SHIFTED_PITCH_SHARE.lower);
    if (voice.engine === "festival") {
      const spoken = await festivalSpeech({ text: request.text, rate: request.rate, binary: options.festival, limits });
      return { wav: await finish(spoken.wav, voice.shiftCents + emotionCents, limits), words: spoken.words };
    }
    const native = voice.f0Mean !== null;
    const spoken = await fliteSpeech({ text: request.text, voice: voice.fliteVoice!, rate: request.rate, f0Mean: native ? voice.f0Mean! * pitch : null, binary: options.flite, limits });
    return { wav: await finish(spoken.wav, voice.shiftCents + (native ? 0 : emotionCents), limits), words: spoken.words };
  };

  return {
    id: "offline/2",
    name: "the offline speech engine",
    listVoices,
    defaultVoice: (index, language, catalog, gender) => (isEnglish(language) ? englishDefault(index, gender ?? null) : espeak.defaultVoice(index, language, catalog, gender)),
    narratorVoice: (language, catalog) => (isEnglish(language) ? ENGLISH_NARRATOR : espeak.narratorVoice(language, catalog)),
    synthesize: async (request, limits) => {
      const voice = byId.get(request.voice);
      if (!voice) return espeak.synthesize(request, limits);
      const spoken = await speakEnglish(voice, request, limits);
      return { wav: spoken.wav, wordWeights: null, words: spoken.words };
    },
  };
};

/** The `index`-th default English voice, of `gender` when given (then `index` counts that gender's characters). */
const englishDefault = (index: number, gender: VoiceGender | null): string => {
  const list = gender ? ENGLISH_DEFAULTS.filter((id) => byId.get(id)!.gender === gender) : ENGLISH_DEFAULTS;
  return list[index % list.length]!;
};

/** Scales 16-bit PCM so its loudest sample is at `dbfs`; other encodings and silence pass through. */
const normalizePeak = (wav: Buffer, dbfs: number): Buffer => {
  const info = wavInfo(wav);
  if (info.format !== 1 || info.bitsPerSample !== 16) return wav;
  const data = Buffer.from(wav.subarray(info.dataOffset, info.dataOffset + info.dataLength - (info.dataLength % 2)));
  let peak = 0;
  for (let i = 0; i < data.length; i += 2) peak = Math.max(peak, Math.abs(data.readInt16LE(i)));
  if (peak < 16) return wav;
  const gain = (32767 * 10 ** (dbfs / 20)) / peak;
  for (let i = 0; i < data.length; i += 2) data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(data.readInt16LE(i) * gain))), i);
  return pcmWav(info.sampleRate, info.channels, data);
};

import type { Script } from "../schema";
import type { Brief } from "./brief";

export type OfflineWriteOptions = {
  /** 1-based; later episodes keep the cast and go on from `previous`. */
  episode?: number;
  /** The episode this one continues. */
  previous?: Script | null;
};

/**
 * How one template pack gets its scripts written: the guide the model is given, and the
 * deterministic offline writer used when there is no model. Each pack carries its own
 * (`TemplatePack.writer`); `script/` knows no pack by name.
 */
export type ScriptWriter = {
  /** What a video of this pack is, for the model's system prompt: shape, speakers, lengths. */
  guide: string;
  /** Writes a script from a brief with no model; the same brief always gives the same script. */
  writeOffline(brief: Brief, options?: OfflineWriteOptions): Script;
};

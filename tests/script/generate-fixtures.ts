import { shortScript } from "../renderer/fixtures";

/** A valid script that lasts 10 s (explicit line durations), for fake model answers. */
export const tenSecondScript = () => {
  const script = shortScript();
  script.scenes[0]!.lines[0]!.durationSec = 4;
  script.scenes[1]!.lines[0]!.durationSec = 6;
  return script;
};

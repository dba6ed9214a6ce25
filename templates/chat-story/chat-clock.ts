import type { Timeline } from "../../script";

/** The time a chat starts at when no scene heading names one: Apple's 9:41, in the evening. */
const DEFAULT_MINUTES = 21 * 60 + 41;

export type ChatClock = {
  /** The phone's time at a frame, as the status bar shows it ("21:14", or "9:14" on a 12-hour clock). */
  statusAt: (frame: number) => string;
  /** The time a receipt names ("21:14", or "9:14 PM"). */
  receiptAt: (frame: number) => string;
};

/**
 * A time of day in a scene heading ("Today 21:14", "Tuesday, 9:05 pm", "3am"), in minutes
 * after midnight and whether it was written on a 12-hour clock; null when the heading names none.
 */
export const headingTime = (heading: string | undefined): { minutes: number; twelveHour: boolean } | null => {
  if (!heading) return null;
  const withMinutes = /(?:^|[^\d])(\d{1,2})[:.](\d{2})(?:\s*([ap])\.?\s?m\b\.?)?/i.exec(heading);
  const hourOnly = withMinutes ? null : /(?:^|[^\d])(\d{1,2})\s*([ap])\.?\s?m\b/i.exec(heading);
  const [hours, minutes, half] = withMinutes
    ? [Number(withMinutes[1]), Number(withMinutes[2]), withMinutes[3]]
    : hourOnly
      ? [Number(hourOnly[1]), 0, hourOnly[2]]
      : [NaN, NaN, undefined];
  if (!Number.isFinite(hours) || minutes > 59) return null;
  if (half) {
    if (hours < 1 || hours > 12) return null;
    const pm = half.toLowerCase() === "p";
    return { minutes: ((hours % 12) + (pm ? 12 : 0)) * 60 + minutes, twelveHour: true };
  }
  if (hours > 23) return null;
  return { minutes: hours * 60 + minutes, twelveHour: false };
};

/**
 * The phone's clock through the story: each scene whose heading names a time sets it; between
 * such scenes it runs on in real time from the last one (from 9:41 PM when none does). It
 * changes once a minute, so still frames stay still.
 */
export const chatClock = (timeline: Timeline): ChatClock => {
  const anchors = [{ frame: 0, minutes: DEFAULT_MINUTES, twelveHour: true }];
  for (const scene of timeline.scenes) {
    const time = headingTime(scene.scene.heading);
    if (time) anchors.push({ frame: scene.from, ...time });
  }
  const at = (frame: number) => {
    const anchor = anchors.findLast((a) => a.frame <= frame) ?? anchors[0]!;
    const minutes = (anchor.minutes + Math.floor((frame - anchor.frame) / timeline.fps / 60)) % (24 * 60);
    return { hours: Math.floor(minutes / 60), minutes: minutes % 60, twelveHour: anchor.twelveHour };
  };
  const clock = (hours: number, minutes: number, twelveHour: boolean) =>
    `${twelveHour ? ((hours + 11) % 12) + 1 : hours}:${String(minutes).padStart(2, "0")}`;
  return {
    statusAt: (frame) => {
      const t = at(frame);
      return clock(t.hours, t.minutes, t.twelveHour);
    },
    receiptAt: (frame) => {
      const t = at(frame);
      return t.twelveHour ? `${clock(t.hours, t.minutes, true)} ${t.hours < 12 ? "AM" : "PM"}` : clock(t.hours, t.minutes, false);
    },
  };
};

/**
 * The messages between `embed.js` on a host page and the embed page in its iframe. Every message
 * carries `reelgen: 1`; each side checks the sender's window and origin before reading one.
 *
 * - iframe → host: `ready` (send the script now), `size` (the video's width and height, for the
 *   box's aspect ratio).
 * - host → iframe: `script` (a template id and a script to play, for `data-reelgen-template`).
 */
export type EmbedMessage =
  | { reelgen: 1; type: "ready" }
  | { reelgen: 1; type: "size"; width: number; height: number }
  /** `problem`: the host could not get the script (bad JSON, a failed download); shown instead of a video. */
  | { reelgen: 1; type: "script"; template: string; script: unknown; problem?: string };

export const isEmbedMessage = (data: unknown): data is EmbedMessage =>
  typeof data === "object" && data !== null && (data as { reelgen?: unknown }).reelgen === 1 && typeof (data as { type?: unknown }).type === "string";

/**
 * `embed.js`: the loader host pages include with `<script src="https://HOST/embed.js" async>`.
 * It turns every
 *   <div data-reelgen-share="SHARE_ID"></div>
 *   <div data-reelgen-template="minidrama" data-script-url="/scripts/x.json"></div>
 *   <div data-reelgen-template="minidrama"><script type="application/json">{…}</script></div>
 * (now or added later) into an iframe of HOST's embed page, sized to the video's aspect ratio
 * (`data-aspect="9:16"`, else the share's, told by the frame) and never taller than the window.
 * Options: `data-autoplay` (muted), `data-loop`, `data-muted`, `data-controls="0"`,
 * `data-captions="0"`, `data-start` (seconds), `data-title`. The iframe isolates CSS both ways and runs the player under
 * HOST's own Content-Security-Policy. No framework: this file stays a couple of kB.
 */
import { isEmbedMessage, type EmbedMessage } from "./embed-messages";

// Where the embed's timeline starts (`npm run bench` measures first frame from here).
performance.mark("reelgen:embed-start");

const SELECTOR = "[data-reelgen-share],[data-reelgen-template]";
const OPTIONS = ["autoplay", "loop", "muted", "controls", "captions", "start"] as const;

const script = (document.currentScript as HTMLScriptElement | null) ?? document.querySelector<HTMLScriptElement>('script[src$="/embed.js"]');
const host = new URL(script?.src ?? "/embed.js", location.href).origin;

/** "9:16" → [9, 16]; anything else → null. */
const ratio = (text: string | undefined): [number, number] | null => {
  const match = /^(\d+(?:\.\d+)?)[:/x](\d+(?:\.\d+)?)$/.exec(text?.trim() ?? "");
  return match && Number(match[1]) > 0 && Number(match[2]) > 0 ? [Number(match[1]), Number(match[2])] : null;
};

const setAspect = (box: HTMLElement, [w, h]: [number, number]) => {
  box.style.aspectRatio = `${w} / ${h}`;
  // As wide as the container allows, but the whole video fits in the window.
  box.style.width = `min(100%, calc(100vh * ${w / h}))`;
};

/** Where the script for a template embed comes from: a URL, or a JSON child; `problem` when it cannot be had. */
const readScript = async (el: HTMLElement): Promise<{ script: unknown; problem?: string }> => {
  const url = el.dataset.scriptUrl;
  if (url) {
    try {
      const res = await fetch(new URL(url, location.href), { credentials: "same-origin" });
      if (!res.ok) return { script: null, problem: `Could not load the script from ${url}: HTTP ${res.status}` };
      return { script: await res.json() };
    } catch (error) {
      return { script: null, problem: `Could not load the script from ${url}: ${(error as Error).message}` };
    }
  }
  const child = el.querySelector('script[type="application/json"]');
  if (!child) return { script: null, problem: "No script: add data-script-url or a <script type=\"application/json\"> child" };
  try {
    return { script: JSON.parse(child.textContent ?? "") };
  } catch (error) {
    return { script: null, problem: `The script is not valid JSON: ${(error as Error).message}` };
  }
};

const mount = (el: HTMLElement) => {
  if (el.dataset.reelgenMounted) return;
  el.dataset.reelgenMounted = "";
  const share = el.dataset.reelgenShare;
  const template = el.dataset.reelgenTemplate;
  const params = new URLSearchParams();
  for (const name of OPTIONS) if (el.dataset[name] !== undefined) params.set(name, el.dataset[name] || "1");
  params.set("parent", location.origin);

  const box = document.createElement("div");
  box.style.position = "relative";
  box.style.maxWidth = "100%";
  const fixed = ratio(el.dataset.aspect);
  setAspect(box, fixed ?? [9, 16]);
  const iframe = document.createElement("iframe");
  iframe.src = share ? `${host}/embed/${encodeURIComponent(share)}?${params}` : `${host}/embed?${params}`;
  iframe.title = el.dataset.title || "Video player";
  iframe.allow = "autoplay; fullscreen; picture-in-picture";
  for (const [key, value] of Object.entries({ position: "absolute", inset: "0", width: "100%", height: "100%", border: "0", display: "block" })) iframe.style.setProperty(key, value);
  box.append(iframe);

  // Read the script before the inline JSON child is replaced by the frame.
  const pending = template ? readScript(el) : null;
  if (!fixed && pending) {
    void pending.then(({ script }) => {
      const format = (script as { format?: unknown } | null)?.format;
      setAspect(box, ratio(typeof format === "string" ? format : "9:16") ?? [9, 16]);
    });
  }
  const onMessage = async (event: MessageEvent) => {
    if (event.origin !== host || event.source !== iframe.contentWindow || !isEmbedMessage(event.data)) return;
    const data = event.data;
    if (data.type === "size" && !fixed && data.width > 0 && data.height > 0) setAspect(box, [data.width, data.height]);
    if (data.type === "ready" && template && pending) {
      const message: EmbedMessage = { reelgen: 1, type: "script", template, ...(await pending) };
      iframe.contentWindow?.postMessage(message, host);
    }
  };
  window.addEventListener("message", onMessage);
  el.replaceChildren(box);
};

const scan = (root: ParentNode) => {
  if (root instanceof HTMLElement && root.matches(SELECTOR)) mount(root);
  root.querySelectorAll<HTMLElement>(SELECTOR).forEach(mount);
};

scan(document);
// Embeds added later (single-page apps, infinite scroll) are mounted as they appear.
new MutationObserver((records) => {
  for (const record of records) for (const node of record.addedNodes) if (node instanceof HTMLElement) scan(node);
}).observe(document.documentElement, { childList: true, subtree: true });

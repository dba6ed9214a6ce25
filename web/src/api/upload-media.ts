import { ApiError, refreshSession } from "./client";
import type { components } from "./openapi";
import { sessionStore } from "./session-store";

export type Media = components["schemas"]["Media"];

const send = (file: File, tags: string[], token: string | null, onProgress: (fraction: number) => void, signal?: AbortSignal) =>
  new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/v1/media");
    if (token) xhr.setRequestHeader("authorization", `Bearer ${token}`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response as unknown });
    xhr.onerror = () => reject(new TypeError("upload failed: the server could not be reached"));
    xhr.onabort = () => reject(new DOMException("upload cancelled", "AbortError"));
    signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    const form = new FormData();
    if (tags.length) form.append("tags", tags.join(","));
    form.append("file", file);
    xhr.send(form);
  });

/**
 * Uploads one file to the media library (`POST /v1/media`, multipart) with the session's token,
 * reporting the upload's progress (0–1): `fetch` cannot report upload progress, XMLHttpRequest
 * can. An expired access token is refreshed once and the upload sent again. Throws an `ApiError`
 * with the API's error body (size limit, unsupported type) on failure.
 */
export const uploadMedia = async (file: File, options: { tags?: string[]; onProgress: (fraction: number) => void; signal?: AbortSignal }): Promise<Media> => {
  const tags = options.tags ?? [];
  const token = sessionStore.get().tokens?.accessToken ?? null;
  let answer = await send(file, tags, token, options.onProgress, options.signal);
  if (answer.status === 401 && token && (answer.body as { error?: { code?: string } } | null)?.error?.code === "UNAUTHENTICATED") {
    const fresh = await refreshSession(token);
    if (fresh) {
      options.onProgress(0);
      answer = await send(file, tags, fresh, options.onProgress, options.signal);
    }
  }
  if (answer.status !== 201) throw new ApiError(answer.status, answer.body);
  return answer.body as Media;
};

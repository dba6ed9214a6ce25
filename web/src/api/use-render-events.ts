import { useQueryClient } from "@tanstack/react-query";
import { createParser } from "eventsource-parser";
import { useEffect, useState } from "react";
import { sessionFetch } from "./client";
import type { components } from "./openapi";

type Render = components["schemas"]["Render"];
export type StreamState = "connecting" | "live" | "reconnecting" | "closed";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);
const MAX_BACKOFF_MS = 15_000;

/**
 * Follows a render's event stream (`GET /v1/renders/:id/events`) and writes what it says into
 * the `["render", id]` query: `status` (the whole render) first, `progress` (`{ progress, stage }`)
 * while it runs, `done` or `failed` (the whole render) at the end. `EventSource` cannot send the
 * Bearer header, so this reads the stream with `fetch` and eventsource-parser. A dropped stream
 * reconnects with exponential backoff (1 s, 2 s, 4 s… up to 15 s, sending `Last-Event-ID` when the
 * server gave ids); the server resends the current state first, so nothing is lost in between.
 */
export const useRenderEvents = (id: string, enabled: boolean): StreamState => {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>("connecting");
  useEffect(() => {
    if (!enabled) {
      setState("closed");
      return;
    }
    const controller = new AbortController();
    let lastEventId: string | undefined;
    let attempt = 0;
    let finished = false;
    const setRender = (render: Render) => {
      queryClient.setQueryData(["render", id], render);
      if (TERMINAL.has(render.status)) finished = true;
    };
    const onEvent = (event: { event?: string; data: string; id?: string }) => {
      if (event.id) lastEventId = event.id;
      const data = JSON.parse(event.data) as unknown;
      if (event.event === "progress") {
        const { progress, stage } = data as { progress: number; stage: string };
        queryClient.setQueryData<Render>(["render", id], (old) => (old ? { ...old, status: "active", progress: Math.max(old.progress, progress), stage } : old));
      } else if (event.event === "status" || event.event === "done" || event.event === "failed") {
        setRender(data as Render);
      }
    };
    const connect = async () => {
      while (!controller.signal.aborted && !finished) {
        try {
          const response = await sessionFetch(`/v1/renders/${id}/events`, {
            headers: { accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
            signal: controller.signal,
          });
          // A 4xx (gone, another user's, too many streams) will not change by asking again: the page polls instead.
          if (response.status >= 400 && response.status < 500) break;
          if (!response.ok || !response.body) throw new Error(`event stream answered HTTP ${response.status}`);
          setState("live");
          attempt = 0;
          const parser = createParser({ onEvent });
          const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            parser.feed(value);
          }
        } catch {
          if (controller.signal.aborted) return;
        }
        if (finished || controller.signal.aborted) break;
        setState("reconnecting");
        const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt++);
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      if (!controller.signal.aborted) setState("closed");
    };
    setState("connecting");
    void connect();
    return () => controller.abort();
  }, [id, enabled, queryClient]);
  return state;
};

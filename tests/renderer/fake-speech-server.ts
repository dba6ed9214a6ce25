import http from "node:http";
import type { AddressInfo } from "node:net";
import { toneWav } from "./fixtures";

export type FakeSpeech = {
  /** Base URL including `/v1`, as `TTS_BASE_URL` takes it. */
  baseUrl: string;
  /** Every request received, in order. */
  requests: { auth: string | undefined; body: { input: string; voice: string; model: string; response_format?: string; speed?: number } }[];
  close(): Promise<void>;
};

/**
 * A loopback fake of an OpenAI-compatible speech endpoint (`POST /v1/audio/speech`, JSON in,
 * audio out): 0.1 s of tone per word as 24 kHz 16-bit mono WAV, like OpenAI's; an input holding
 * "FAIL" answers 500 with an error body, as an engine that is down would.
 */
export const startFakeSpeech = async (): Promise<FakeSpeech> => {
  const requests: FakeSpeech["requests"] = [];
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (c) => (raw += c));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/audio/speech") return void res.writeHead(404).end();
      const body = JSON.parse(raw) as FakeSpeech["requests"][number]["body"];
      requests.push({ auth: req.headers.authorization, body });
      if (body.input.includes("FAIL")) {
        res.writeHead(500, { "Content-Type": "application/json" }).end(JSON.stringify({ error: { message: "engine down" } }));
        return;
      }
      res.writeHead(200, { "Content-Type": "audio/wav" }).end(toneWav(0.1 * body.input.split(" ").length, 300, 24_000));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
};

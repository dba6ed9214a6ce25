import { randomUUID } from "node:crypto";
import type { TestServer } from "./harness";
import { renderScript } from "./render-helpers";

/**
 * A completed render of `userId` with one output `mp4` (file `video.mp4` holding `content`),
 * written straight to the database and storage: for download routes, without a worker.
 */
export const insertCompletedRender = async (s: TestServer, userId: string, content = "mp4!"): Promise<string> => {
  const id = randomUUID();
  await s.ctx.db
    .insertInto("renders")
    .values({
      id,
      user_id: userId,
      template: "minidrama",
      script: JSON.stringify(renderScript()),
      outputs: JSON.stringify([{ format: "mp4", resolution: "480p", name: "mp4", file: "video.mp4" }]),
      status: "completed",
      progress: 1,
      result: JSON.stringify({ outputs: [{ name: "mp4", file: "video.mp4", format: "mp4", bytes: Buffer.byteLength(content), durationSec: 1, width: 854, height: 480 }] }),
      started_at: new Date(),
      finished_at: new Date(),
    })
    .execute();
  await s.ctx.storage.put(`renders/${id}/video.mp4`, content);
  return id;
};

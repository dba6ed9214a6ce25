import { api, unwrap } from "../api/client";
import { Card } from "../ui/card";
import { SharePanel } from "./share-panel";

/**
 * Publishes a completed render's video as a public share (`POST /v1/renders/:id/share`) and shows
 * its link and embed code once ready; revocable. Every share of the render is listed on /shares.
 */
export const RenderShareCard = ({ renderId }: { renderId: string }) => (
  <Card title="Share">
    <SharePanel
      intro="Publish this video with a public link and embed code. Anyone with the link can watch it until you revoke it."
      actions={[{ label: "Share", publish: (options) => unwrap(api.POST("/v1/renders/{id}/share", { params: { path: { id: renderId } }, body: options })) }]}
    />
  </Card>
);

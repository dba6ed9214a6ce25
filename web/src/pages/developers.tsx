import { BookOpen } from "lucide-react";
import { buttonStyles } from "../ui/button";
import { PageHeader } from "../ui/page-header";
import { ApiKeysCard } from "./developers-api-keys";
import { WebhooksCard } from "./developers-webhooks";

/** `/developers`: API keys and webhooks for integrations, and the API reference. */
export const DevelopersPage = () => (
  <>
    <PageHeader
      title="Developers"
      description="API keys and webhooks for your integrations."
      actions={
        // The reference is served by the API server, outside the app: a full page load.
        <a href="/docs" className={buttonStyles({ variant: "secondary" })}>
          <BookOpen className="size-4" aria-hidden="true" /> API reference
        </a>
      }
    />
    <div className="flex flex-col gap-6">
      <ApiKeysCard />
      <WebhooksCard />
    </div>
  </>
);

import { Code2 } from "lucide-react";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";

/** Developers: a placeholder until its page is built (issue 10). */
export const DevelopersPage = () => (
  <>
    <PageHeader title="Developers" description="API keys and webhooks for your integrations." />
    <EmptyState icon={<Code2 className="size-6" />} title="Coming soon" description="This page is being built." />
  </>
);

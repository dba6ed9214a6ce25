import { Clapperboard } from "lucide-react";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";

/** Renders: a placeholder until its page is built (issue 10). */
export const RendersPage = () => (
  <>
    <PageHeader title="Renders" description="Every render with its progress, outputs and quality report." />
    <EmptyState icon={<Clapperboard className="size-6" />} title="Coming soon" description="This page is being built." />
  </>
);

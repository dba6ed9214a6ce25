import { LayoutTemplate } from "lucide-react";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";

/** Templates: a placeholder until its page is built (issue 10). */
export const TemplatesPage = () => (
  <>
    <PageHeader title="Templates" description="Every template pack, with a playing preview, its fields and a sample script." />
    <EmptyState icon={<LayoutTemplate className="size-6" />} title="Coming soon" description="This page is being built." />
  </>
);

import { Gauge } from "lucide-react";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";

/** Usage: a placeholder until its page is built (issue 10). */
export const UsagePage = () => (
  <>
    <PageHeader title="Usage" description="Renders and render-minutes per day, and what is left of your quota." />
    <EmptyState icon={<Gauge className="size-6" />} title="Coming soon" description="This page is being built." />
  </>
);

import { FolderOpen } from "lucide-react";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";

/** Projects: a placeholder until its page is built (issue 10). */
export const ProjectsPage = () => (
  <>
    <PageHeader title="Projects" description="Your saved videos: search, open, and see their history." />
    <EmptyState icon={<FolderOpen className="size-6" />} title="Coming soon" description="This page is being built." />
  </>
);

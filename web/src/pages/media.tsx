import { Images } from "lucide-react";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";

/** Media: a placeholder until its page is built (issue 10). */
export const MediaPage = () => (
  <>
    <PageHeader title="Media" description="Images, videos and music for your backgrounds, avatars and soundtracks." />
    <EmptyState icon={<Images className="size-6" />} title="Coming soon" description="This page is being built." />
  </>
);

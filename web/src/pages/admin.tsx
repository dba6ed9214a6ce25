import { ShieldCheck } from "lucide-react";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";

/** Admin: a placeholder until its page is built (issue 10). */
export const AdminPage = () => (
  <>
    <PageHeader title="Admin" description="Users, roles and how the render farm is doing." />
    <EmptyState icon={<ShieldCheck className="size-6" />} title="Coming soon" description="This page is being built." />
  </>
);

import { Sparkles } from "lucide-react";
import { useSession } from "../auth/use-session";
import { EmptyState } from "../ui/empty-state";
import { PageHeader } from "../ui/page-header";

/** Home: a placeholder until recent projects, usage and the prompt box are built (issue 10). */
export const HomePage = () => {
  const { user } = useSession();
  return (
    <>
      <PageHeader title="Home" description={user ? `Welcome, ${user.email}.` : undefined} />
      <EmptyState icon={<Sparkles className="size-6" />} title="Coming soon" description="Your recent projects, renders and this month's usage will be here." />
    </>
  );
};

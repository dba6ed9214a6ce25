import { useMutation } from "@tanstack/react-query";
import { MonitorX } from "lucide-react";
import { useNavigate } from "react-router";
import { authActions } from "../auth/auth-actions";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ErrorPanel } from "../ui/error-panel";
import { PageHeader } from "../ui/page-header";

/** `/settings/security`: sign out everywhere; a placeholder for sessions and the audit log (issue 10). */
export const SecurityPage = () => {
  const navigate = useNavigate();
  const everywhere = useMutation({ mutationFn: authActions.signOutEverywhere, onSuccess: () => navigate("/sign-in", { replace: true }) });
  return (
    <>
      <PageHeader title="Security" description="Where you are signed in, and what happened to your account." />
      <Card title="Sign out everywhere">
        <p className="text-ink-muted">Ends every session of your account, on every device, including this one. API keys keep working: revoke them on the Developers page.</p>
        {everywhere.error ? (
          <div className="mt-4">
            <ErrorPanel error={everywhere.error} />
          </div>
        ) : null}
        <Button variant="danger" className="mt-4" loading={everywhere.isPending} onClick={() => everywhere.mutate()}>
          <MonitorX className="size-4" aria-hidden="true" /> Sign out everywhere
        </Button>
      </Card>
    </>
  );
};

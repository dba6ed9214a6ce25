import { useMutation } from "@tanstack/react-query";
import { useRef, type FormEvent } from "react";
import { problemAt, problemsOf } from "../api/problems-of";
import { authActions } from "../auth/auth-actions";
import { PreferencesForm } from "../settings/preferences-form";
import { useSession } from "../auth/use-session";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ErrorPanel } from "../ui/error-panel";
import { PageHeader } from "../ui/page-header";
import { TextField } from "../ui/text-field";
import { useToast } from "../ui/toast";

/** `/settings`: the account's email, the password change, and preferences. */
export const SettingsPage = () => {
  const { user } = useSession();
  const toast = useToast();
  const form = useRef<HTMLFormElement>(null);
  const change = useMutation({
    mutationFn: authActions.changePassword,
    onSuccess: () => {
      form.current?.reset();
      toast({ title: "Password changed", description: "Every other device was signed out.", tone: "success" });
    },
  });
  const problems = change.error ? problemsOf(change.error) : null;
  const currentError = problems?.code === "INVALID_CREDENTIALS" ? "This is not your current password." : problemAt(problems, "currentPassword");
  const newError = problemAt(problems, "newPassword") ?? problemAt(problems, "password");
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    change.mutate({ currentPassword: String(data.get("currentPassword")), newPassword: String(data.get("newPassword")) });
  };
  return (
    <>
      <PageHeader title="Settings" description="Your account and how reelgen works for you." />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Account">
          <dl className="grid gap-3 text-[15px]">
            <div>
              <dt className="text-sm text-ink-muted">Email</dt>
              <dd className="font-medium break-all">{user?.email}</dd>
            </div>
            <div>
              <dt className="text-sm text-ink-muted">Plan</dt>
              <dd className="font-medium capitalize">{user?.role}</dd>
            </div>
          </dl>
        </Card>
        <Card title="Change password">
          <form ref={form} onSubmit={submit} className="flex flex-col gap-4" noValidate>
            <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={currentError} />
            <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" required hint="At least 8 characters. Other devices will be signed out." error={newError} />
            {problems && !currentError && !newError ? <ErrorPanel error={change.error} /> : null}
            <Button type="submit" loading={change.isPending} className="self-start">
              Change password
            </Button>
          </form>
        </Card>
        <Card title="Preferences" className="lg:col-span-2">
          {user ? <PreferencesForm key={user.id} preferences={user.preferences} /> : null}
        </Card>
      </div>
    </>
  );
};

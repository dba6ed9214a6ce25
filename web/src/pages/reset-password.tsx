import { useMutation } from "@tanstack/react-query";
import { MailCheck } from "lucide-react";
import type { FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { problemAt, problemsOf } from "../api/problems-of";
import { AuthFrame } from "../app/auth-frame";
import { authActions } from "../auth/auth-actions";
import { Button } from "../ui/button";
import { ErrorPanel } from "../ui/error-panel";
import { TextField } from "../ui/text-field";

const backToSignIn = (
  <Link to="/sign-in" className="font-medium text-accent-ink underline-offset-2 hover:underline">
    Back to sign in
  </Link>
);

/** Step 1: ask for the email; the server mails a one-hour token (and answers the same whether or not the account exists). */
const RequestReset = () => {
  const request = useMutation({ mutationFn: authActions.requestPasswordReset });
  const problems = request.error ? problemsOf(request.error) : null;
  if (request.isSuccess) {
    return (
      <AuthFrame title="Check your email" footer={backToSignIn}>
        <div className="flex gap-3">
          <MailCheck className="mt-0.5 size-5 shrink-0 text-success" aria-hidden="true" />
          <p role="status">
            If an account exists for <strong className="break-all">{request.variables}</strong>, we sent it a link to reset the password. It works for an hour.
          </p>
        </div>
        <Link to="/reset-password?step=confirm" className="mt-5 inline-block text-sm font-medium text-accent-ink underline-offset-2 hover:underline">
          I have a reset code
        </Link>
      </AuthFrame>
    );
  }
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    request.mutate(String(new FormData(event.currentTarget).get("email")).trim());
  };
  return (
    <AuthFrame title="Reset your password" description="We will email you a link to choose a new password." footer={backToSignIn}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus error={problemAt(problems, "email")} />
        {problems && !problemAt(problems, "email") ? <ErrorPanel error={request.error} /> : null}
        <Button type="submit" loading={request.isPending} className="w-full">
          Send reset link
        </Button>
      </form>
    </AuthFrame>
  );
};

/** Step 2 (`?token=` from the email, or the code pasted): a new password; every session ends, so the user signs in again. */
const ConfirmReset = ({ token }: { token: string | null }) => {
  const navigate = useNavigate();
  const confirm = useMutation({ mutationFn: authActions.confirmPasswordReset, onSuccess: () => navigate("/sign-in?reset=done", { replace: true }) });
  const problems = confirm.error ? problemsOf(confirm.error) : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    confirm.mutate({ token: token ?? String(form.get("token")).trim(), newPassword: String(form.get("newPassword")) });
  };
  return (
    <AuthFrame title="Choose a new password" description="You will be signed out everywhere and can sign in with the new password." footer={backToSignIn}>
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        {token ? null : <TextField label="Reset code from the email" name="token" autoComplete="one-time-code" required spellCheck={false} error={problemAt(problems, "token")} />}
        <TextField
          label="New password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          autoFocus={Boolean(token)}
          hint="At least 8 characters."
          error={problemAt(problems, "newPassword") ?? problemAt(problems, "password")}
        />
        {problems && !problemAt(problems, "token") && !problemAt(problems, "newPassword") && !problemAt(problems, "password") ? (
          <ErrorPanel error={confirm.error} title={problems.code === "UNAUTHENTICATED" ? "This reset link is invalid, used or expired" : undefined} />
        ) : null}
        <Button type="submit" loading={confirm.isPending} className="w-full">
          Set new password
        </Button>
      </form>
    </AuthFrame>
  );
};

/** `/reset-password`: request a reset email, or (`?token=…` / `?step=confirm`) set the new password. */
export const ResetPasswordPage = () => {
  const [params] = useSearchParams();
  const token = params.get("token");
  return token || params.get("step") === "confirm" ? <ConfirmReset token={token} /> : <RequestReset />;
};

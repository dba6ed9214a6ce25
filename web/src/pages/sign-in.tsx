import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Link, Navigate, useLocation, useNavigate, useSearchParams } from "react-router";
import { problemAt, problemsOf } from "../api/problems-of";
import { AuthFrame } from "../app/auth-frame";
import { authActions } from "../auth/auth-actions";
import { nextPath } from "../auth/require-session";
import { useSession } from "../auth/use-session";
import { Button } from "../ui/button";
import { ErrorPanel } from "../ui/error-panel";
import { TextField } from "../ui/text-field";

const NOTICES = {
  expired: "Your session has ended. Sign in again to continue.",
  reused: "You were signed out to keep your account safe: your sign-in was used somewhere else. Sign in again.",
  "signed-out": "You are signed out.",
  "signed-out-everywhere": "You are signed out on every device.",
  "password-changed": "Your password was changed. Sign in with the new one.",
} as const;

/** `/sign-in`: email and password; then back to `?next=` (where the guard found the visitor) or Home. */
export const SignInPage = () => {
  const { signedIn, signOutReason } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signIn = useMutation({ mutationFn: authActions.signIn, onSuccess: () => navigate(nextPath(location.search), { replace: true }) });
  if (signedIn && !signIn.isPending) return <Navigate to={nextPath(location.search)} replace />;
  const notice = params.get("reset") === "done" ? NOTICES["password-changed"] : signOutReason ? NOTICES[signOutReason] : null;
  const problems = signIn.error ? problemsOf(signIn.error) : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signIn.mutate({ email: String(form.get("email")), password: String(form.get("password")) });
  };
  return (
    <AuthFrame
      title="Sign in"
      description="Welcome back to reelgen."
      footer={
        <>
          New here?{" "}
          <Link to={`/sign-up${location.search}`} className="font-medium text-accent-ink underline-offset-2 hover:underline">
            Create an account
          </Link>
        </>
      }
    >
      {notice ? (
        <p role="status" className={`mb-5 rounded-field px-3 py-2 text-sm ${signOutReason === "reused" ? "bg-warning-soft text-warning" : "bg-accent-soft text-accent-ink"}`}>
          {notice}
        </p>
      ) : null}
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus error={problemAt(problems, "email")} />
        <TextField label="Password" name="password" type="password" autoComplete="current-password" required error={problemAt(problems, "password")} />
        {problems && !problemAt(problems, "email") && !problemAt(problems, "password") ? <ErrorPanel error={signIn.error} /> : null}
        <Button type="submit" loading={signIn.isPending} className="mt-1 w-full">
          Sign in
        </Button>
        <Link to="/reset-password" className="self-center text-sm font-medium text-accent-ink underline-offset-2 hover:underline">
          Forgot your password?
        </Link>
      </form>
    </AuthFrame>
  );
};

import { useMutation } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { Link, Navigate, useLocation, useNavigate } from "react-router";
import { problemAt, problemsOf } from "../api/problems-of";
import { AuthFrame } from "../app/auth-frame";
import { authActions } from "../auth/auth-actions";
import { nextPath } from "../auth/require-session";
import { useSession } from "../auth/use-session";
import { Button } from "../ui/button";
import { ErrorPanel } from "../ui/error-panel";
import { TextField } from "../ui/text-field";

/** `/sign-up`: creates the account and signs straight in. */
export const SignUpPage = () => {
  const { signedIn } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signUp = useMutation({ mutationFn: authActions.signUp, onSuccess: () => navigate(nextPath(location.search), { replace: true }) });
  if (signedIn && !signUp.isPending) return <Navigate to={nextPath(location.search)} replace />;
  const problems = signUp.error ? problemsOf(signUp.error) : null;
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    signUp.mutate({ email: String(form.get("email")).trim(), password: String(form.get("password")) });
  };
  return (
    <AuthFrame
      title="Create your account"
      description="Write a script, see it play, render it as a video."
      footer={
        <>
          Already have an account?{" "}
          <Link to={`/sign-in${location.search}`} className="font-medium text-accent-ink underline-offset-2 hover:underline">
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={submit} className="flex flex-col gap-4" noValidate>
        <TextField label="Email" name="email" type="email" autoComplete="email" required autoFocus error={problemAt(problems, "email")} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint="At least 8 characters. A few unrelated words make a strong one."
          error={problemAt(problems, "password")}
        />
        {problems && !problemAt(problems, "email") && !problemAt(problems, "password") ? <ErrorPanel error={signUp.error} /> : null}
        <Button type="submit" loading={signUp.isPending} className="mt-1 w-full">
          Create account
        </Button>
      </form>
    </AuthFrame>
  );
};

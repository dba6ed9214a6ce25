import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { ChevronDown, LogOut, MonitorX, Settings, Shield } from "lucide-react";
import { useNavigate } from "react-router";
import { problemsOf } from "../api/problems-of";
import { authActions } from "../auth/auth-actions";
import { useSession } from "../auth/use-session";
import { useToast } from "../ui/toast";

const ITEM = "flex cursor-pointer items-center gap-2.5 rounded-md px-2.5 py-2 text-sm text-ink outline-none select-none data-[highlighted]:bg-sunken";

/** The signed-in user's menu: settings, security, sign out, sign out everywhere. */
export const AccountMenu = () => {
  const { user } = useSession();
  const navigate = useNavigate();
  const toast = useToast();
  const email = user?.email ?? "";
  const signOut = async (everywhere: boolean) => {
    try {
      if (everywhere) toast({ title: "Signed out everywhere", description: await authActions.signOutEverywhere(), tone: "success" });
      else await authActions.signOut();
      navigate("/sign-in", { replace: true });
    } catch (error) {
      toast({ title: "Could not sign out", description: problemsOf(error).message, tone: "error" });
    }
  };
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className="flex min-w-0 items-center gap-2 rounded-full py-1 pr-2 pl-1 hover:bg-sunken">
        <span className="grid size-8 shrink-0 place-items-center rounded-full bg-accent-soft text-sm font-semibold text-accent-ink uppercase" aria-hidden="true">
          {email.slice(0, 1) || "?"}
        </span>
        {/* The name is "Account menu, <email>": the email is visible from 640 px, read out at every width. */}
        <span className="sr-only">Account menu, </span>
        <span className="sr-only max-w-48 truncate text-sm font-medium sm:not-sr-only">{email}</span>
        <ChevronDown className="size-4 text-ink-muted" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={6} className="z-50 min-w-56 rounded-card border border-line bg-surface p-1.5 shadow-pop">
          <DropdownMenu.Label className="truncate px-2.5 py-1.5 text-xs text-ink-muted">Signed in as {email}</DropdownMenu.Label>
          <DropdownMenu.Item className={ITEM} onSelect={() => navigate("/settings")}>
            <Settings className="size-4 text-ink-muted" aria-hidden="true" /> Settings
          </DropdownMenu.Item>
          <DropdownMenu.Item className={ITEM} onSelect={() => navigate("/settings/security")}>
            <Shield className="size-4 text-ink-muted" aria-hidden="true" /> Security
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <DropdownMenu.Item className={ITEM} onSelect={() => void signOut(false)}>
            <LogOut className="size-4 text-ink-muted" aria-hidden="true" /> Sign out
          </DropdownMenu.Item>
          <DropdownMenu.Item className={ITEM} onSelect={() => void signOut(true)}>
            <MonitorX className="size-4 text-ink-muted" aria-hidden="true" /> Sign out everywhere
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
};

import * as Dialog from "@radix-ui/react-dialog";
import { Menu, X } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { NavLink, Outlet, useLocation, useNavigation } from "react-router";
import { useSession } from "../auth/use-session";
import { AccountMenu } from "./account-menu";
import { Logo } from "./logo";
import { NAV_ITEMS } from "./nav-items";

const linkClass = ({ isActive }: { isActive: boolean }) =>
  `flex items-center gap-3 rounded-field px-3 py-2 text-[15px] font-medium transition-colors ${isActive ? "bg-accent-soft text-accent-ink" : "text-ink-muted hover:bg-sunken hover:text-ink"}`;

const MainNav = ({ onNavigate }: { onNavigate?: () => void }) => {
  const { isAdmin } = useSession();
  return (
    <nav aria-label="Main">
      <ul className="flex flex-col gap-0.5">
        {NAV_ITEMS.filter((item) => !item.admin || isAdmin).map(({ to, label, icon: Icon }) => (
          <li key={to}>
            <NavLink to={to} end={to === "/"} className={linkClass} onClick={onNavigate}>
              <Icon className="size-[18px] shrink-0" aria-hidden="true" />
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
};

/**
 * The signed-in shell: a skip link, the side bar (a menu button and drawer below 768 px), the
 * top bar with the account menu, and the page in `<main>`. Focus moves to `<main>` on every
 * page change so keyboard and screen-reader users start at the new page.
 */
export const AppLayout = () => {
  const [menuOpen, setMenuOpen] = useState(false);
  const location = useLocation();
  const navigation = useNavigation();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    main.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);

  return (
    <div className="min-h-dvh md:grid md:grid-cols-[15rem_minmax(0,1fr)]">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-field focus:bg-surface focus:px-3 focus:py-2 focus:shadow-pop">
        Skip to content
      </a>
      <aside className="sticky top-0 hidden h-dvh flex-col gap-6 border-r border-line bg-surface px-3 py-4 md:flex">
        <Logo className="px-2" />
        <MainNav />
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center gap-2 border-b border-line bg-surface/95 px-3 backdrop-blur sm:px-6">
          <Dialog.Root open={menuOpen} onOpenChange={setMenuOpen}>
            <Dialog.Trigger className="grid size-10 place-items-center rounded-field text-ink hover:bg-sunken md:hidden" aria-label="Open menu">
              <Menu className="size-5" aria-hidden="true" />
            </Dialog.Trigger>
            <Dialog.Portal>
              <Dialog.Overlay className="fixed inset-0 z-40 bg-ink/30" />
              <Dialog.Content className="fixed inset-y-0 left-0 z-50 flex w-72 max-w-[85vw] flex-col gap-6 bg-surface px-3 py-4 shadow-pop outline-none">
                <div className="flex items-center justify-between">
                  <Dialog.Title asChild>
                    <span>
                      <Logo className="px-2" />
                    </span>
                  </Dialog.Title>
                  <Dialog.Close className="grid size-10 place-items-center rounded-field hover:bg-sunken" aria-label="Close menu">
                    <X className="size-5" aria-hidden="true" />
                  </Dialog.Close>
                </div>
                <Dialog.Description className="sr-only">Go to another part of reelgen</Dialog.Description>
                <MainNav onNavigate={() => setMenuOpen(false)} />
              </Dialog.Content>
            </Dialog.Portal>
          </Dialog.Root>
          <Logo className="md:hidden" />
          <div className="flex-1" />
          <AccountMenu />
        </header>
        {navigation.state === "loading" ? <div className="fixed inset-x-0 top-0 z-50 h-0.5 animate-pulse bg-accent" role="progressbar" aria-label="Loading page" /> : null}
        <main id="main" ref={main} tabIndex={-1} className="mx-auto w-full max-w-6xl px-4 py-6 outline-none sm:px-6 sm:py-8 lg:px-8">
          <Outlet />
        </main>
      </div>
    </div>
  );
};

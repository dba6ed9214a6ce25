import { useEffect, type ReactNode } from "react";
import { Logo } from "./logo";

/** The frame of the signed-out pages: the logo, one centred card with the page's h1, and links under it. */
export const AuthFrame = ({ title, description, children, footer }: { title: string; description?: ReactNode; children: ReactNode; footer?: ReactNode }) => {
  useEffect(() => {
    document.title = `${title} · reelgen`;
  }, [title]);
  return (
    <div className="flex min-h-dvh flex-col items-center px-4 py-10 sm:py-16">
      <a href="#main" className="sr-only focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 focus:rounded-field focus:bg-surface focus:px-3 focus:py-2 focus:shadow-pop">
        Skip to content
      </a>
      <header className="mb-8">
        <Logo />
      </header>
      <main id="main" tabIndex={-1} className="w-full max-w-sm outline-none">
        <div className="rounded-card border border-line bg-surface p-6 shadow-card sm:p-8">
          <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
          {description ? <p className="mt-1 text-ink-muted">{description}</p> : null}
          <div className="mt-6">{children}</div>
        </div>
        {footer ? <div className="mt-6 text-center text-sm text-ink-muted">{footer}</div> : null}
      </main>
    </div>
  );
};

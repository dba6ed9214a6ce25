import { isRouteErrorResponse, useRouteError } from "react-router";
import { buttonStyles } from "../ui/button";
import { ErrorPanel } from "../ui/error-panel";

/** What a route shows when it throws: often a page's code failed to load after a new version was deployed, which a reload fixes. */
export const RouteError = () => {
  const error = useRouteError();
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-16">
      <h1 className="mb-4 text-2xl font-semibold">Something went wrong</h1>
      <ErrorPanel error={isRouteErrorResponse(error) ? new Error(`${error.status} ${error.statusText}`) : error} />
      <a href={window.location.href} className={buttonStyles({ variant: "secondary", className: "mt-4" })}>
        Reload the page
      </a>
    </main>
  );
};

import { Link } from "react-router";
import { buttonStyles } from "../ui/button";
import { PageHeader } from "../ui/page-header";

/** An app address that matches no page. */
export const NotFoundPage = () => (
  <>
    <PageHeader title="Page not found" description="There is no page at this address." />
    <Link to="/" className={buttonStyles({ variant: "secondary" })}>
      Go to Home
    </Link>
  </>
);

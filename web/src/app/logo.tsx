import { Link } from "react-router";

/** The reelgen mark and name, linking Home. */
export const Logo = ({ className = "" }: { className?: string }) => (
  <Link to="/" className={`inline-flex items-center gap-2 rounded-field font-semibold tracking-tight text-ink ${className}`}>
    <svg viewBox="0 0 32 32" className="size-7" aria-hidden="true">
      <rect width="32" height="32" rx="8" className="fill-accent" />
      <path d="M12 9.5v13l11-6.5z" fill="#fff" />
    </svg>
    <span className="text-[17px]">reelgen</span>
  </Link>
);

import { Clapperboard, Code2, FolderOpen, Gauge, Home, Images, LayoutTemplate, Share2, ShieldCheck, type LucideIcon } from "lucide-react";

export type NavItem = { to: string; label: string; icon: LucideIcon; /** Only admins see it. */ admin?: boolean };

/** The main navigation, in order; the side bar and the phone menu both show it. */
export const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "Home", icon: Home },
  { to: "/templates", label: "Templates", icon: LayoutTemplate },
  { to: "/projects", label: "Projects", icon: FolderOpen },
  { to: "/renders", label: "Renders", icon: Clapperboard },
  { to: "/shares", label: "Shares", icon: Share2 },
  { to: "/media", label: "Media", icon: Images },
  { to: "/developers", label: "Developers", icon: Code2 },
  { to: "/usage", label: "Usage", icon: Gauge },
  { to: "/admin", label: "Admin", icon: ShieldCheck, admin: true },
];

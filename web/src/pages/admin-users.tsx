import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useDeferredValue, useState } from "react";
import { api, unwrap } from "../api/client";
import type { components } from "../api/openapi";
import { problemsOf } from "../api/problems-of";
import { useSession } from "../auth/use-session";
import { Button } from "../ui/button";
import { Card } from "../ui/card";
import { ErrorPanel } from "../ui/error-panel";
import { formatDateTime } from "../ui/format-values";
import { Spinner } from "../ui/spinner";
import { useToast } from "../ui/toast";

type Role = components["schemas"]["User"]["role"];
type AdminUser = components["schemas"]["AdminUser"];
const ROLES: Record<Role, string> = { standard: "Standard", premium: "Premium", admin: "Admin" };

/** One user: email, counts, and the role picker (a change is saved at once; the API keeps the last admin). */
const UserRow = ({ user }: { user: AdminUser }) => {
  const queryClient = useQueryClient();
  const toast = useToast();
  const { user: me } = useSession();
  const change = useMutation({
    mutationFn: (role: Role) => unwrap(api.PATCH("/v1/admin/users/{id}", { params: { path: { id: user.id } }, body: { role } })),
    onSuccess: (updated) => {
      toast({ title: "Role changed", description: `${updated.email} is now ${ROLES[updated.role].toLowerCase()}.`, tone: "success" });
      void queryClient.invalidateQueries({ queryKey: ["admin"] });
      if (updated.id === me?.id) void queryClient.invalidateQueries({ queryKey: ["me"] });
    },
    onError: (error) => toast({ title: "Could not change the role", description: problemsOf(error).message, tone: "error" }),
  });
  const role = change.isPending ? change.variables : user.role;
  return (
    <li className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between" data-testid="admin-user">
      <div className="min-w-0">
        <p className="font-medium break-all">
          {user.email}
          {user.id === me?.id ? <span className="ml-2 text-sm font-normal text-ink-muted">(you)</span> : null}
        </p>
        <p className="text-sm text-ink-muted">
          Joined {formatDateTime(user.createdAt)} · {user.projects} projects · {user.renders} renders
        </p>
      </div>
      <div className="flex items-center gap-2">
        <label htmlFor={`role-${user.id}`} className="text-sm text-ink-muted">
          Role<span className="sr-only"> of {user.email}</span>
        </label>
        <select
          id={`role-${user.id}`}
          value={role}
          disabled={change.isPending}
          onChange={(e) => change.mutate(e.target.value as Role)}
          className="h-9 rounded-field border border-line-strong bg-surface px-2 text-sm"
        >
          {Object.entries(ROLES).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
        {change.isPending ? <Spinner /> : null}
      </div>
    </li>
  );
};

/** The install's users, searchable by email and filterable by role, with a role picker each. */
export const AdminUsersCard = () => {
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<"" | Role>("");
  const q = useDeferredValue(search.trim());
  const users = useInfiniteQuery({
    queryKey: ["admin", "users", { q, role }],
    queryFn: ({ pageParam }) => unwrap(api.GET("/v1/admin/users", { params: { query: { q: q || undefined, role: role || undefined, cursor: pageParam ?? undefined, limit: 50 } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const list = users.data?.pages.flatMap((p) => p.users) ?? [];
  return (
    <Card title="Users">
      <div className="mb-3 grid gap-3 sm:grid-cols-[minmax(0,1fr)_11rem]">
        <div className="flex flex-col gap-1.5">
          <label htmlFor="user-search" className="text-sm font-medium">
            Search by email
          </label>
          <div className="relative">
            <Search className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-ink-muted" aria-hidden="true" />
            <input id="user-search" type="search" value={search} onChange={(e) => setSearch(e.target.value)} className="h-10 w-full rounded-field border border-line-strong bg-surface pr-3 pl-9 text-[15px]" />
          </div>
        </div>
        <div className="flex flex-col gap-1.5">
          <label htmlFor="user-role" className="text-sm font-medium">
            Role
          </label>
          <select id="user-role" value={role} onChange={(e) => setRole(e.target.value as typeof role)} className="h-10 rounded-field border border-line-strong bg-surface px-2.5 text-[15px]">
            <option value="">Every role</option>
            {Object.entries(ROLES).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      {users.isPending ? <Spinner label="Loading users…" /> : null}
      {users.isError ? <ErrorPanel error={users.error} title="Could not load users" onRetry={() => void users.refetch()} /> : null}
      {users.isSuccess && list.length === 0 ? <p className="text-sm text-ink-muted">No user matches.</p> : null}
      <ul className="divide-y divide-line" aria-label="Users">
        {list.map((u) => (
          <UserRow key={u.id} user={u} />
        ))}
      </ul>
      {users.hasNextPage ? (
        <Button variant="secondary" className="mt-3" loading={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
          Show more
        </Button>
      ) : null}
    </Card>
  );
};

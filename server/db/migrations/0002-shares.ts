import { sql, type Kysely } from "kysely";

/**
 * Shares (published project versions and finished renders anyone can play), and users' creation
 * times at millisecond precision, like renders': the admin's user list pages with a cursor that
 * carries a JavaScript date, and a microsecond beyond it would skip rows created within one
 * millisecond of a page's last (sign-ups come in bursts).
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  for (const statement of SCHEMA.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
};

const SCHEMA = `
    create table shares (
      -- 24 url-safe characters: 144 random bits, unguessable; the id in every public URL.
      id text primary key,
      user_id uuid not null references users(id) on delete cascade,
      kind text not null check (kind in ('project', 'render')),
      -- What was published; the share keeps its own copy, so deleting these leaves it playing.
      project_id uuid references projects(id) on delete set null,
      project_version integer,
      render_id uuid references renders(id) on delete set null,
      render_output text,
      template text not null,
      -- The frame's size (the script's format at 1080p, or the shared video's): known at once, for oEmbed.
      width integer not null,
      height integer not null,
      title text not null,
      author text,
      allowed_origins jsonb not null default '[]'::jsonb,
      want_poster boolean not null,
      status text not null check (status in ('preparing', 'ready', 'failed')),
      error jsonb,
      -- Set once ready: what the player needs, with sources named by asset (URLs are made per request).
      content jsonb,
      -- Asset name → { mime, bytes }: the only files the share serves, under storage/shares/<id>/.
      assets jsonb not null default '{}'::jsonb,
      views integer not null default 0,
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
      ready_at timestamptz
    );
    create index shares_user on shares(user_id, created_at desc, id desc);

    update users set created_at = date_trunc('milliseconds', created_at);
    alter table users alter column created_at set default date_trunc('milliseconds', clock_timestamp());
    create index users_created on users(created_at desc, id desc);
`;

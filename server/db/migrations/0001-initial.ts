import { sql, type Kysely } from "kysely";

/** The first schema: users and sessions, API keys, projects, media, renders, webhooks, quotas, audit. */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  // One statement per query: PGlite's and pg's extended protocol take a single statement.
  for (const statement of SCHEMA.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
    await sql.raw(statement).execute(db);
  }
};

const SCHEMA = `
    create table users (
      id uuid primary key,
      email text not null unique,
      password_hash text not null,
      role text not null default 'standard' check (role in ('admin', 'premium', 'standard')),
      preferences jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now(),
      password_changed_at timestamptz not null default now()
    );

    -- One family per sign-in; every refresh rotates the token inside its family.
    create table sessions (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      created_at timestamptz not null default now(),
      revoked_at timestamptz,
      revoked_reason text
    );
    create index sessions_user on sessions(user_id);

    create table refresh_tokens (
      token_hash text primary key,
      session_id uuid not null references sessions(id) on delete cascade,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index refresh_tokens_session on refresh_tokens(session_id);

    create table password_resets (
      token_hash text primary key,
      user_id uuid not null references users(id) on delete cascade,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );

    create table api_keys (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      start text not null,
      key_hash text not null unique,
      scopes jsonb not null,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_keys_user on api_keys(user_id);

    create table audit_log (
      id bigserial primary key,
      user_id uuid references users(id) on delete set null,
      event text not null,
      ip text,
      details jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    );
    create index audit_log_user on audit_log(user_id, id);

    create table projects (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      name text not null,
      template text not null,
      latest_version integer not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index projects_user on projects(user_id, created_at);

    create table project_versions (
      project_id uuid not null references projects(id) on delete cascade,
      version integer not null,
      template text not null,
      script jsonb not null,
      options jsonb not null default '{}'::jsonb,
      message text,
      created_at timestamptz not null default now(),
      primary key (project_id, version)
    );

    create table media (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      kind text not null check (kind in ('image', 'audio', 'video')),
      mime text not null,
      filename text not null,
      storage_path text not null,
      bytes integer not null,
      sha256 text not null,
      width integer,
      height integer,
      duration_sec double precision,
      tags jsonb not null default '[]'::jsonb,
      created_at timestamptz not null default now()
    );
    create index media_user on media(user_id, created_at);

    create table batches (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      total integer not null,
      accepted integer not null,
      rejected jsonb not null default '[]'::jsonb,
      created_at timestamptz not null default now()
    );

    create table renders (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      batch_id uuid references batches(id) on delete set null,
      project_id uuid references projects(id) on delete set null,
      template text not null,
      script jsonb not null,
      outputs jsonb not null,
      status text not null check (status in ('queued', 'active', 'completed', 'failed', 'cancelled')),
      progress double precision not null default 0,
      result jsonb,
      error jsonb,
      reserved_seconds double precision not null default 0,
      used_seconds double precision,
      attempts integer not null default 0,
      idempotency_key text,
      request_hash text,
      -- Millisecond precision: list cursors carry JavaScript dates.
      created_at timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
      started_at timestamptz,
      finished_at timestamptz,
      unique (user_id, idempotency_key)
    );
    create index renders_user on renders(user_id, created_at desc, id desc);
    create index renders_status on renders(status);

    -- Render-seconds reserved and spent per user and calendar month (UTC).
    create table quota_usage (
      user_id uuid not null references users(id) on delete cascade,
      period text not null,
      reserved_seconds double precision not null default 0,
      used_seconds double precision not null default 0,
      primary key (user_id, period)
    );

    create table webhook_endpoints (
      id uuid primary key,
      user_id uuid not null references users(id) on delete cascade,
      url text not null,
      events jsonb not null,
      secret text not null,
      previous_secret text,
      previous_secret_expires_at timestamptz,
      failing_since timestamptz,
      disabled_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index webhook_endpoints_user on webhook_endpoints(user_id);

    -- One row per message (webhook-id); unique per endpoint, event and render so a render
    -- that completes twice (a retried job) still sends one webhook.
    create table webhook_deliveries (
      id text primary key,
      endpoint_id uuid not null references webhook_endpoints(id) on delete cascade,
      event text not null,
      render_id uuid,
      payload jsonb not null,
      status text not null check (status in ('pending', 'succeeded', 'failed')),
      attempts jsonb not null default '[]'::jsonb,
      next_attempt_at timestamptz,
      created_at timestamptz not null default now(),
      delivered_at timestamptz,
      unique (endpoint_id, event, render_id)
    );
    create index webhook_deliveries_due on webhook_deliveries(status, next_attempt_at);
`;

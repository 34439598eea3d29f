// The cluster's summary reports (báo cáo sơ kết / tổng kết) and the comments (góp ý) member units make on them.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    -- One report per cluster, period and year. sections: [{code, title, text}] in order. content_hash and
    -- conference_id are set together when the report becomes final and never change after.
    create table reports (
      id uuid primary key default gen_random_uuid(),
      cluster_id uuid not null references clusters (id),
      period text not null check (period in ('mid_year', 'annual')),
      year integer not null check (year between 1945 and 2100),
      sections jsonb not null,
      status text not null default 'draft' check (status in ('draft', 'open_for_comments', 'final')),
      content_hash text,
      conference_id uuid references conferences (id),
      opened_at timestamptz,
      finalized_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint reports_one_per_period unique (cluster_id, period, year),
      constraint reports_hash_once_final check ((status = 'final') = (content_hash is not null and conference_id is not null))
    );

    -- position is the order comments were made in, for stable pages. disposition and answer come together.
    create table report_comments (
      position bigint generated always as identity,
      id uuid primary key default gen_random_uuid(),
      report_id uuid not null references reports (id),
      unit_id uuid not null references units (id),
      section_code text not null,
      text text not null,
      on_behalf boolean not null,
      created_by_sub text not null,
      created_by_role text not null,
      disposition text check (disposition in ('accepted', 'not_accepted')),
      answer text,
      answered_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint report_comments_answered check ((disposition is null) = (answer is null))
    );
    create index report_comments_by_report on report_comments (report_id, position);
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, 'drop table report_comments; drop table reports;')
}

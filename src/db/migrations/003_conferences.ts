// Conferences of a cluster and the units that attended them.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    -- held_on is the Vietnamese calendar date of held_at (UTC+7), written with it: the quorum counts the cluster's
    -- members on that date. quorum is the assessment frozen when the record is finalized (null while a draft).
    -- links holds ids of pledges and elections as given (their tables arrive separately).
    create table conferences (
      id uuid primary key default gen_random_uuid(),
      cluster_id uuid not null references clusters (id),
      kind text not null check (kind in ('pledge_signing', 'mid_year_review', 'annual_review', 'other')),
      title text not null,
      year integer not null,
      held_at timestamptz not null,
      held_on date not null,
      location text,
      chair_name text not null,
      chair_rank text not null,
      chair_position text not null,
      chair_unit_id uuid references units (id),
      guests jsonb not null,
      agenda jsonb not null,
      minutes text,
      decisions jsonb not null,
      award_tally jsonb,
      links jsonb not null,
      status text not null default 'draft' check (status in ('draft', 'finalized')),
      quorum jsonb,
      finalized_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint conferences_finalized_complete check ((status = 'finalized') = (finalized_at is not null and quorum is not null))
    );
    create index conferences_cluster_time on conferences (cluster_id, held_at, id);
    create index conferences_chair_unit on conferences (chair_unit_id, held_at, id) where chair_unit_id is not null;

    create table conference_attendances (
      conference_id uuid not null references conferences (id) on delete cascade,
      unit_id uuid not null references units (id),
      position integer not null,
      primary key (conference_id, unit_id)
    );
    create index conference_attendances_unit on conference_attendances (unit_id, conference_id);
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    drop table conference_attendances; drop table conferences;
  `)
}

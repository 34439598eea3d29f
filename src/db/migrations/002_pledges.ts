// Pledges (giao ước thi đua): one record per version of a cluster's pledge for a year, and the signatures of
// each version by the member units.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    -- version_number counts the versions of the pledge of (cluster, year); version is the row's change counter
    -- behind the ETag. previous_id links a version to the one it copies; each version has at most one successor.
    -- content_hash is set when the version opens and never changes after.
    create table pledges (
      id uuid primary key default gen_random_uuid(),
      cluster_id uuid not null references clusters (id),
      year integer not null check (year between 1945 and 2100),
      version_number integer not null check (version_number >= 1),
      previous_id uuid references pledges (id),
      title text not null,
      slogan text not null,
      commitments jsonb not null,
      registered_titles jsonb not null,
      status text not null default 'draft' check (status in ('draft', 'open', 'in_force', 'superseded')),
      content_hash text,
      opened_at timestamptz,
      in_force_at timestamptz,
      superseded_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint pledges_version_unique unique (cluster_id, year, version_number),
      constraint pledges_one_next_version unique (previous_id),
      constraint pledges_hash_once_opened check ((status = 'draft') = (content_hash is null)),
      constraint pledges_first_has_no_previous check ((version_number = 1) = (previous_id is null))
    );

    -- A unit signs a version once: the unique constraint holds under any number of concurrent requests.
    -- position is the signing order, for stable pages.
    create table pledge_signatures (
      position bigint generated always as identity,
      id uuid primary key default gen_random_uuid(),
      pledge_id uuid not null references pledges (id),
      unit_id uuid not null references units (id),
      signer_name text not null,
      signer_position text not null,
      content_hash text not null,
      signed_on date not null,
      signed_at timestamptz not null,
      on_behalf boolean not null,
      signed_by_sub text not null,
      signed_by_role text not null,
      constraint pledge_signatures_once unique (pledge_id, unit_id)
    );
    create index pledge_signatures_order on pledge_signatures (pledge_id, position);
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, 'drop table pledge_signatures; drop table pledges;')
}

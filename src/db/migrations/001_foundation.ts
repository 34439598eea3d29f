// Units, blocks, clusters, membership over time, terms, and the platform tables (audit, outbox, idempotency).
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    create extension if not exists btree_gist;

    -- Names are stored NFC; name_key (NFC, lower case) catches duplicates, search_text (no diacritics) serves searches,
    -- sort_key orders by the Vietnamese alphabet byte-wise, the same on PostgreSQL and PGlite.
    create table units (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      name_key text not null,
      search_text text not null,
      sort_key text collate "C" not null,
      code text,
      short_name text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint units_name_unique unique (name_key)
    );
    create unique index units_code_unique on units (upper(code)) where code is not null;
    create index units_sort on units (sort_key, id);

    create table blocks (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      name_key text not null,
      search_text text not null,
      sort_key text collate "C" not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint blocks_name_unique unique (name_key)
    );
    create index blocks_sort on blocks (sort_key, id);

    create table clusters (
      id uuid primary key default gen_random_uuid(),
      number integer not null check (number > 0),
      name text not null,
      name_key text not null,
      search_text text not null,
      sort_key text collate "C" not null,
      block_id uuid not null references blocks (id),
      founded_on date,
      founding_decision jsonb,
      rules jsonb not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint clusters_number_unique unique (block_id, number),
      constraint clusters_name_unique unique (block_id, name_key)
    );
    create index clusters_order on clusters (number, id);

    -- A membership is the period [valid_from, valid_until): until is the first day the unit is no longer a member.
    -- block_id is copied from the cluster (whose block never changes) so the database itself refuses a unit in
    -- two clusters of one block on the same day, whatever the number of concurrent requests.
    create table memberships (
      id uuid primary key default gen_random_uuid(),
      cluster_id uuid not null references clusters (id),
      block_id uuid not null references blocks (id),
      unit_id uuid not null references units (id),
      valid_from date not null,
      valid_until date,
      created_at timestamptz not null default now(),
      ended_at timestamptz,
      version integer not null default 1,
      constraint memberships_period_valid check (valid_until is null or valid_until > valid_from),
      constraint memberships_one_cluster_per_block exclude using gist (
        unit_id with =, block_id with =, daterange(valid_from, valid_until, '[)') with &&
      )
    );
    create index memberships_cluster on memberships (cluster_id, valid_from);
    create index memberships_unit on memberships (unit_id, valid_from);

    create table terms (
      cluster_id uuid not null references clusters (id),
      year integer not null,
      head_unit_id uuid not null references units (id),
      deputy_unit_id uuid not null references units (id),
      chosen_by text not null check (chosen_by in ('election', 'rotation', 'appointment')),
      decided_on date,
      note text,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (cluster_id, year),
      constraint terms_head_is_not_deputy check (head_unit_id <> deputy_unit_id)
    );

    create table audit_events (
      id bigint generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      actor_sub text not null,
      actor_role text not null,
      action text not null,
      resource_type text not null,
      resource_id text not null,
      before jsonb,
      after jsonb,
      request_id text not null
    );
    create index audit_events_resource on audit_events (resource_type, resource_id, id);
    create index audit_events_actor on audit_events (actor_sub, id);
    create index audit_events_time on audit_events (occurred_at, id);

    -- The outbox. Positions are taken under a transaction-scoped advisory lock held until commit, so position
    -- order is commit order and a reader that follows the feed never skips an event committed later.
    create table events (
      position bigint generated always as identity primary key,
      id uuid not null unique default gen_random_uuid(),
      type text not null,
      resource_type text not null,
      resource_id text not null,
      occurred_at timestamptz not null default now(),
      request_id text not null,
      data jsonb not null
    );

    create table idempotency_keys (
      actor_sub text not null,
      key text not null,
      method text not null,
      path text not null,
      request_hash text not null,
      status_code integer not null,
      response_body jsonb,
      response_headers jsonb not null,
      created_at timestamptz not null default now(),
      primary key (actor_sub, key)
    );
    create index idempotency_keys_created on idempotency_keys (created_at);
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    drop table idempotency_keys; drop table events; drop table audit_events; drop table terms;
    drop table memberships; drop table clusters; drop table blocks; drop table units;
  `)
}

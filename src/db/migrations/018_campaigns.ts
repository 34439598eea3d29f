// Emulation campaigns (issue 15, part 1): a campaign with its texts, period, targets and scope, and the units and
// clusters that registered for it with the result each reported. The scope's ids are jsonb lists, like an
// election's candidates: deleting a block, cluster or unit counts them as references (their repositories), and the
// service checks that each names a record when the campaign is written. A participant is a unit or a cluster,
// registered once per campaign (the unique indexes answer a concurrent second registration with 409).
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    create table campaigns (
      id uuid primary key default gen_random_uuid(),
      name text not null,
      slogan text,
      issuer text not null,
      decision_number text,
      decision_date date,
      occasion text,
      valid_from date not null,
      valid_until date not null,
      -- [{text, target}] in the plan's order.
      targets jsonb not null default '[]',
      scope_block_ids jsonb not null default '[]',
      scope_cluster_ids jsonb not null default '[]',
      scope_unit_ids jsonb not null default '[]',
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint campaigns_period_valid check (valid_until >= valid_from),
      constraint campaigns_decision_whole check ((decision_number is null) = (decision_date is null))
    );
    create index campaigns_from on campaigns (valid_from desc, id desc);

    create table campaign_participants (
      id uuid primary key default gen_random_uuid(),
      -- Registration order, for the list's pages.
      seq bigserial not null unique,
      campaign_id uuid not null references campaigns (id),
      unit_id uuid references units (id),
      cluster_id uuid references clusters (id),
      result text,
      reported_at timestamptz,
      reported_by_sub text,
      reported_by_role text,
      registered_by_sub text not null,
      registered_by_role text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint campaign_participants_one_kind check ((unit_id is null) <> (cluster_id is null))
    );
    create unique index campaign_participants_unit on campaign_participants (campaign_id, unit_id) where unit_id is not null;
    create unique index campaign_participants_cluster on campaign_participants (campaign_id, cluster_id) where cluster_id is not null;
    create index campaign_participants_of_unit on campaign_participants (unit_id) where unit_id is not null;
    create index campaign_participants_of_cluster on campaign_participants (cluster_id) where cluster_id is not null;
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, 'drop table campaign_participants; drop table campaigns;')
}

// Award decisions (quyết định khen thưởng) and their awards (issue 16, part 4). A decision is never edited or
// deleted: a correction is a new decision, which may revoke awards of earlier ones; a revocation is written on the
// award (when, why, by which decision: a decision of this table, or one recorded by its number, date and issuer).
// An award goes to a unit (a collective title) or to a person of a unit (an individual title), and counts in one
// cluster's tally (cluster_id; null when its unit belonged to no cluster that year). A unit holds a collective
// title once a year while not revoked: the partial unique index enforces it whatever the concurrency.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    create table award_decisions (
      id uuid primary key default gen_random_uuid(),
      -- The order decisions were recorded in, for stable pages.
      seq bigint generated always as identity unique,
      number text not null,
      date date not null,
      issuer text not null,
      -- Numbers restart each year: a decision is unique by its issuer, number and the year of its date.
      issuer_key text not null,
      number_key text not null,
      date_year integer not null,
      signer_name text not null,
      signer_position text not null,
      -- The year whose achievements the decision honours.
      year integer not null check (year between 1945 and 2100),
      collectives integer not null check (collectives >= 0),
      individuals integer not null check (individuals >= 0),
      -- The awards this decision revoked (a correction), in the order it listed them.
      revoked_award_ids jsonb not null default '[]',
      created_by_sub text not null,
      created_by_role text not null,
      created_at timestamptz not null default now(),
      constraint award_decisions_number_once unique (issuer_key, number_key, date_year)
    );
    create index award_decisions_year on award_decisions (year, date, id);

    create table awards (
      id uuid primary key default gen_random_uuid(),
      seq bigint generated always as identity unique,
      decision_id uuid not null references award_decisions (id),
      -- The award's index in its decision's list.
      position integer not null,
      year integer not null check (year between 1945 and 2100),
      title_code text not null references titles (code),
      -- The title's level and recipient when awarded (the catalogue may change later).
      level text not null check (level in ('government', 'ministry', 'unit')),
      recipient text not null check (recipient in ('collective', 'individual')),
      unit_id uuid not null references units (id),
      person_name text,
      person_rank text,
      person_position text,
      cluster_id uuid references clusters (id),
      proposal_id uuid references title_proposals (id),
      revoked_at timestamptz,
      revocation_reason text,
      revoking_decision_id uuid references award_decisions (id),
      revoking_number text,
      revoking_date date,
      revoking_issuer text,
      created_at timestamptz not null default now(),
      constraint awards_position_once unique (decision_id, position),
      constraint awards_person_iff_individual check ((recipient = 'individual') = (person_name is not null)),
      constraint awards_revocation_whole check (
        (revoked_at is null) = (revocation_reason is null) and (revoked_at is null) = (revoking_number is null)
        and (revoked_at is null) = (revoking_date is null) and (revoked_at is null) = (revoking_issuer is null)
        and (revoking_decision_id is null or revoked_at is not null))
    );
    create unique index awards_unit_title_year on awards (unit_id, title_code, year) where recipient = 'collective' and revoked_at is null;
    create index awards_cluster_year on awards (cluster_id, year, seq) where cluster_id is not null;
    create index awards_unit on awards (unit_id, seq);
    create index awards_year on awards (year, seq);
    create index awards_proposal on awards (proposal_id) where proposal_id is not null;
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, 'drop table awards; drop table award_decisions;')
}

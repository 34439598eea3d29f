// The advisory group (Tổ tư vấn) a cluster's head unit founds for a year: the founding decision (number, date,
// issuer) and its members. Every version is kept, one row each: the current group is the year's latest version,
// and "changes over the year" are the versions before it (who wrote each, and when). A member keeps its id from
// one version to the next, so a scorecard review that named it still resolves.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    -- members: [{id, name, rank, position, unitId}] in the decision's order (Điều 1).
    create table advisory_group_versions (
      cluster_id uuid not null references clusters (id),
      year integer not null check (year between 1945 and 2100),
      version integer not null check (version >= 1),
      decision_number text not null,
      decision_date date not null,
      decision_issuer text not null,
      members jsonb not null,
      written_by_sub text not null,
      written_by_role text not null,
      written_at timestamptz not null default now(),
      primary key (cluster_id, year, version)
    );
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, 'drop table advisory_group_versions;')
}

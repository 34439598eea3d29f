// Scoring schemes (quy định chấm điểm) with their versions, the per-unit targets of a scheme, and discipline
// records of units (which bar a unit from titles and, by default, from the first rank).
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    -- One row per version of a cluster's scheme for a year and period. version numbers the scheme's versions
    -- (1, 2, ...); revision is the row version behind the ETag. body holds criteria, caps, bands, tie-breaks and
    -- the Ministry-flag band exactly as validated. At most one version of a cluster/year/period is published.
    create table scoring_schemes (
      id uuid primary key default gen_random_uuid(),
      cluster_id uuid not null references clusters (id),
      year integer not null,
      period text not null check (period in ('annual', 'mid_year')),
      version integer not null check (version > 0),
      status text not null default 'draft' check (status in ('draft', 'published', 'superseded')),
      body jsonb not null,
      published_at timestamptz,
      superseded_at timestamptz,
      revision integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint scoring_schemes_version_unique unique (cluster_id, year, period, version),
      constraint scoring_schemes_published_at check ((status = 'draft') = (published_at is null)),
      constraint scoring_schemes_superseded_at check ((status = 'superseded') = (superseded_at is not null))
    );
    create unique index scoring_schemes_one_published on scoring_schemes (cluster_id, year, period) where status = 'published';

    -- targets: criterion code -> target value, for the quantitative leaves of the scheme.
    create table scoring_targets (
      scheme_id uuid not null references scoring_schemes (id) on delete cascade,
      unit_id uuid not null references units (id),
      targets jsonb not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (scheme_id, unit_id)
    );

    -- A discipline decision over [valid_from, valid_until): pending while awaited, in_force once decided.
    create table discipline_records (
      id uuid primary key default gen_random_uuid(),
      unit_id uuid not null references units (id),
      valid_from date not null,
      valid_until date,
      status text not null check (status in ('pending', 'in_force')),
      note text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint discipline_records_period_valid check (valid_until is null or valid_until > valid_from)
    );
    create index discipline_records_unit on discipline_records (unit_id, valid_from, id);
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    drop table discipline_records; drop table scoring_targets; drop table scoring_schemes;
  `)
}

// Scorecards (phiếu chấm điểm): one per scheme and member unit, moving draft → submitted → reviewed
// (→ explained → second_reviewed) → finalized, and the finalization of a scheme's scores (frozen from then on).
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    -- entries: the unit's self-assessment as sent; review / second_review: the reviewer's points per leaf
    -- ({code, points, comment}); explanation: the unit's explanation per leaf ({code, comment}).
    -- version is the row version behind the ETag.
    create table scorecards (
      scheme_id uuid not null references scoring_schemes (id) on delete cascade,
      unit_id uuid not null references units (id),
      status text not null default 'draft'
        check (status in ('draft', 'submitted', 'reviewed', 'explained', 'second_reviewed', 'finalized')),
      entries jsonb not null,
      review jsonb,
      explanation jsonb,
      second_review jsonb,
      submitted_at timestamptz,
      reviewed_at timestamptz,
      explained_at timestamptz,
      second_reviewed_at timestamptz,
      finalized_at timestamptz,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (scheme_id, unit_id)
    );

    -- A scheme's scores, finalised once: every scorecard is frozen from then on.
    create table scorecard_finalizations (
      scheme_id uuid primary key references scoring_schemes (id) on delete cascade,
      finalized_at timestamptz not null default now(),
      finalized_by text not null
    );
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    drop table scorecard_finalizations; drop table scorecards;
  `)
}

// A scorecard can be returned to its unit for revision (status `returned`), and keeps the history of its status
// changes: [{from, to, at, by, role, reason?}], oldest first (domain/scoring/scorecard-lifecycle.ts). A card's
// history is bounded (at most MAX_HISTORY entries: a card is returned at most MAX_RETURNS times), so it lives with
// the card and is read with it, in the same query.
//
// The cards of before keep the history the audit trail already holds: every scorecard step changed its status
// and was audited with the card before and after, by whom and when, in the same transaction.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    alter table scorecards drop constraint scorecards_status_check;
    alter table scorecards add constraint scorecards_status_check
      check (status in ('draft', 'submitted', 'reviewed', 'explained', 'second_reviewed', 'returned', 'finalized'));
    alter table scorecards add column history jsonb not null default '[]'::jsonb;

    update scorecards c set history = h.history
    from (
      select a.resource_id, jsonb_agg(jsonb_build_object(
        'from', a.before ->> 'status', 'to', a.after ->> 'status',
        'at', to_char(a.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'by', a.actor_sub, 'role', a.actor_role) order by a.id) as history
      from audit_events a
      where a.resource_type = 'scorecard' and a.before ->> 'status' is not null and a.after ->> 'status' is not null
        and a.before ->> 'status' <> a.after ->> 'status'
      group by a.resource_id
    ) h
    where h.resource_id = c.scheme_id::text || '/' || c.unit_id::text;
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    -- A returned card goes back to its unit's draft, the nearest status the earlier version knows.
    update scorecards set status = 'draft' where status = 'returned';
    alter table scorecards drop column history;
    alter table scorecards drop constraint scorecards_status_check;
    alter table scorecards add constraint scorecards_status_check
      check (status in ('draft', 'submitted', 'reviewed', 'explained', 'second_reviewed', 'finalized'));
  `)
}

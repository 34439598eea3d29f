// Returned scorecards are due again (issue 14, deadlines): a scorecard keeps the calendar date (Asia/Ho_Chi_Minh) of
// its last return, from which its resubmission's due date runs. Cards returned before this column existed take it
// from their history's last return (Việt Nam keeps UTC+7 all year, no daylight saving). The day of the first review
// is now cleared by a return with the review it dates; cards returned before keep a stale one, cleared here: it
// means something only while the cycle's review stands (`reviewed_at`, which the return cleared).
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    alter table scorecards add column returned_on date;
    update scorecards set returned_on = (
      select ((h.entry->>'at')::timestamptz at time zone 'UTC' + interval '7 hours')::date
      from jsonb_array_elements(scorecards.history) with ordinality as h(entry, position)
      where h.entry->>'to' = 'returned'
      order by h.position desc limit 1
    ) where history @> '[{"to": "returned"}]';
    update scorecards set reviewed_on = null where reviewed_at is null and reviewed_on is not null;
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    alter table scorecards drop column returned_on;
  `)
}

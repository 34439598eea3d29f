// An election may be cancelled while a draft or awaiting its next round: the status `cancelled`, and who cancelled
// it, when and why.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    alter table elections drop constraint elections_status_check;
    alter table elections add constraint elections_status_check
      check (status in ('draft', 'open', 'closed', 'decided', 'cancelled'));
    -- {reason, cancelledBy, cancelledAt} once cancelled.
    alter table elections add column cancellation jsonb;
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    alter table elections drop column cancellation;
    alter table elections drop constraint elections_status_check;
    alter table elections add constraint elections_status_check check (status in ('draft', 'open', 'closed', 'decided'));
  `)
}

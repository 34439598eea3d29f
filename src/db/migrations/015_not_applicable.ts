// Criteria that do not apply to a unit: the codes its targets mark not applicable (issue 14 part 5). Targets set
// before keep every criterion applicable.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    alter table scoring_targets add column not_applicable jsonb not null default '[]';
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    alter table scoring_targets drop column not_applicable;
  `)
}

// A finalized ranking keeps the members it was finalized with. Finalizing checks that every member of the year has
// a reviewed scorecard; a membership of that year recorded later would otherwise enter the "final" ranking with no
// scorecard and no targets (which the published scheme no longer takes), and break it. Discipline stays live: a unit
// under discipline cannot be proposed for a title, whenever the record comes. Null for scores finalized before this
// migration: their ranking reads the members live, as it always did.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, 'alter table scorecard_finalizations add column member_unit_ids jsonb;')
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, 'alter table scorecard_finalizations drop column member_unit_ids;')
}

// What the minutes and the pledge print that their records lacked (issue 15 part 4): the place written before the
// date, for conferences and pledges, and the conference's secretary (thư ký), who signs the minutes with the chair.
// Rows already stored keep a null place: their documents print the place their location implies, or the issuing
// body's seat (domain/minutes.ts), and a finalized record's hash stays the one it was finalized with.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    alter table conferences add column place text, add column secretary jsonb;
    alter table pledges add column place text;
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    alter table conferences drop column place, drop column secretary;
    alter table pledges drop column place;
  `)
}

// Deadlines (issue 14, part 3). A scheme's deadlines live in its body (jsonb) with its other content, so schemes need
// no column. A scorecard keeps the calendar date (Asia/Ho_Chi_Minh) of its first review, from which its explanation
// window runs, judged by the request's clock as every deadline is, and the steps it took late under the cluster's
// `mark_late` rule.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    alter table scorecards add column reviewed_on date;
    alter table scorecards add column late_steps jsonb not null default '[]';
  `)
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    alter table scorecards drop column late_steps;
    alter table scorecards drop column reviewed_on;
  `)
}

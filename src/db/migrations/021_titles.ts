// The title catalogue (issue 16, part 1): each title with its level, its recipients, its standard and quota as
// data with their legal basis, seeded with the defaults of src/domain/titles.ts. A later change to a default is a
// migration of its own that updates the stored row (where an admin has not changed it), never an edit of the
// defaults alone: databases migrated before would not see it. Proposals get an id, so that a dossier and an award
// can name one.
import type { Knex } from 'knex'
import { runSqlScript } from '../sql-script.js'
import { DEFAULT_TITLES } from '../../domain/titles.js'
import { nameColumns } from '../name-columns.js'

export async function up (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    create table titles (
      code text not null,
      name text not null,
      -- The name's comparison and search forms (src/db/name-columns.ts): two titles never share a name.
      name_key text not null,
      search_text text not null,
      level text not null check (level in ('government', 'ministry', 'unit')),
      recipient text not null check (recipient in ('collective', 'individual')),
      standard jsonb not null,
      quota jsonb,
      legal_basis text not null,
      built_in boolean not null default false,
      sort_key text not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      constraint titles_code_unique primary key (code),
      constraint titles_name_unique unique (name_key)
    );
    alter table title_proposals add column id uuid not null default gen_random_uuid();
    alter table title_proposals add constraint title_proposals_id unique (id);
  `)
  await insertDefaultTitles(knex)
  // Title elections named any code of the right shape before the catalogue existed. Each such code becomes a title
  // as it was judged then (no ranking standard beyond discipline), so open elections still close and an admin can
  // name and cite it properly.
  const earlier: string[] = await knex('elections').whereNotNull('title_code').whereNotIn('title_code', DEFAULT_TITLES.map((t) => t.code)).distinct().pluck('title_code')
  if (earlier.length > 0) await knex('titles').insert(earlier.map((code) => ({
    code,
    ...nameColumns(code),
    level: 'unit',
    recipient: 'collective',
    standard: JSON.stringify({ ranking: 'none', consecutiveYears: 1, description: 'Recorded before the title catalogue existed.' }),
    legal_basis: 'Recorded before the title catalogue existed; an admin should cite its legal basis.'
  })))
}

/** The default titles as rows of the empty catalogue (the tests' emptied databases get them back the same way). */
export async function insertDefaultTitles (knex: Knex): Promise<void> {
  await knex('titles').insert(DEFAULT_TITLES.map((t) => ({
    code: t.code,
    ...nameColumns(t.name),
    level: t.level,
    recipient: t.recipient,
    standard: JSON.stringify(t.standard),
    quota: t.quota === null ? null : JSON.stringify(t.quota),
    legal_basis: t.legalBasis,
    built_in: true
  })))
}

export async function down (knex: Knex): Promise<void> {
  await runSqlScript(knex, `
    alter table title_proposals drop constraint title_proposals_id;
    alter table title_proposals drop column id;
    drop table titles;
  `)
}

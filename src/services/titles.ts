// The title catalogue: every role reads it; an admin adds titles and corrects their standard, quota and legal
// basis when the rules change. A title's code, level and recipients are fixed once created: proposals, dossiers
// and awards already name it. Elections and dossiers take their titles from here.
import * as titles from '../db/titles-repository.js'
import type { TitleFilter } from '../db/titles-repository.js'
import type { PageRequest } from '../db/pagination.js'
import type { Knex } from 'knex'
import { ruleBroken } from '../domain/errors.js'
import type { Title, TitleFields } from '../domain/titles.js'
import { assertIfMatch } from '../domain/versions.js'
import { normalizeName } from '../domain/text.js'
import type { ReadContext, WriteContext } from './context.js'

export async function createTitle ({ trx, record }: WriteContext, fields: TitleFields): Promise<Title> {
  const title = await titles.insertTitle(trx, { ...fields, legalBasis: normalizeName(fields.legalBasis) })
  record({ action: 'title.created', resourceType: 'title', resourceId: title.code, after: title })
  return title
}

export async function listTitles ({ db }: ReadContext, { level, recipient, ...page }: TitleFilter & PageRequest) {
  return titles.listTitles(db, { level, recipient }, page)
}

export async function readTitle ({ db }: ReadContext, { code }: { code: string }): Promise<Title> {
  return titles.getTitle(db, code)
}

export type TitleChanges = Partial<Pick<TitleFields, 'name' | 'standard' | 'quota' | 'legalBasis'>>

export async function changeTitle ({ trx, record }: WriteContext, { code, ifMatch, ...changes }: { code: string, ifMatch?: string } & TitleChanges): Promise<Title> {
  const before = await titles.getTitle(trx, code, { forUpdate: true })
  assertIfMatch(ifMatch, before.version)
  const after = await titles.updateTitle(trx, before, {
    name: changes.name ?? before.name,
    standard: changes.standard ?? before.standard,
    quota: changes.quota === undefined ? before.quota : changes.quota,
    legalBasis: changes.legalBasis === undefined ? before.legalBasis : normalizeName(changes.legalBasis)
  })
  record({ action: 'title.updated', resourceType: 'title', resourceId: after.code, before, after })
  return after
}

/**
 * The catalogue's title for a request body's code: 422 `title_unknown` when the catalogue has none (the code is
 * a field of the body, not the resource addressed, so not a 404).
 */
export async function catalogueTitle (db: Knex, code: string, field = 'titleCode'): Promise<Title> {
  const title = await titles.findTitle(db, code)
  if (!title) {
    throw ruleBroken('title_unknown', `The catalogue has no title ${code}; GET /v1/titles lists the titles, and an admin may add one.`, { path: `/body/${field}`, titleCode: code })
  }
  return title
}

/** A title a unit can be honoured with: 422 `title_not_for_collectives` for a title for individuals. */
export async function collectiveTitle (db: Knex, code: string, field = 'titleCode'): Promise<Title> {
  const title = await catalogueTitle(db, code, field)
  if (title.recipient !== 'collective') {
    throw ruleBroken('title_not_for_collectives', `${title.name} (${title.code}) is a title for individuals; a title election honours units.`, { path: `/body/${field}`, titleCode: code })
  }
  return title
}

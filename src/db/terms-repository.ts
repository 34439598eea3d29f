import type { Knex } from 'knex'
import { DomainError } from '../domain/errors.js'
import { flagHandover, type ChosenBy, type FlagHandover, type Leadership } from '../domain/term.js'
import { paginate, type PageRequest } from './pagination.js'

export interface TermFields extends Leadership {
  chosenBy: ChosenBy
  decidedOn: string | null
  note: string | null
}

export interface Term extends TermFields {
  clusterId: string
  year: number
  flagHandover: FlagHandover | null
  version: number
  createdAt: string
  updatedAt: string
}

interface TermRow {
  cluster_id: string
  year: number
  head_unit_id: string
  deputy_unit_id: string
  chosen_by: ChosenBy
  decided_on: string | null
  note: string | null
  previous_head_unit_id: string | null
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const toTerm = (row: TermRow): Term => ({
  clusterId: row.cluster_id,
  year: row.year,
  headUnitId: row.head_unit_id,
  deputyUnitId: row.deputy_unit_id,
  chosenBy: row.chosen_by,
  decidedOn: row.decided_on,
  note: row.note,
  flagHandover: flagHandover(row.previous_head_unit_id, row.year, row.head_unit_id),
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

// Each term with the previous year's head beside it: the flag handover is derived when read, so it stays right
// when either year's term is replaced.
const withPreviousHead = (db: Knex) => db('terms as t')
  .leftJoin('terms as p', function () {
    this.on('p.cluster_id', 't.cluster_id').andOn('p.year', '=', db.raw('?? - 1', ['t.year']))
  })
  .select('t.*', 'p.head_unit_id as previous_head_unit_id')

export async function findTerm (db: Knex, clusterId: string, year: number): Promise<Term | undefined> {
  const row = await withPreviousHead(db).where({ 't.cluster_id': clusterId, 't.year': year }).first()
  return row ? toTerm(row) : undefined
}

export async function getTerm (db: Knex, clusterId: string, year: number): Promise<Term> {
  const term = await findTerm(db, clusterId, year)
  if (!term) throw new DomainError('not_found', 'term_not_found', `Cluster ${clusterId} has no term for ${year}.`)
  return term
}

/** Creates the term, or replaces `current` with the new fields. */
export async function saveTerm (
  trx: Knex.Transaction,
  clusterId: string,
  year: number,
  current: Term | undefined,
  fields: TermFields
): Promise<Term> {
  const columns = {
    head_unit_id: fields.headUnitId,
    deputy_unit_id: fields.deputyUnitId,
    chosen_by: fields.chosenBy,
    decided_on: fields.decidedOn,
    note: fields.note
  }
  if (current) {
    await trx('terms').where({ cluster_id: clusterId, year })
      .update({ ...columns, version: current.version + 1, updated_at: trx.fn.now() })
  } else {
    await trx('terms').insert({ ...columns, cluster_id: clusterId, year })
  }
  return (await findTerm(trx, clusterId, year))!
}

/** The cluster's terms, the latest year first. */
export async function listTerms (db: Knex, clusterId: string, page: PageRequest) {
  const query = withPreviousHead(db).where('t.cluster_id', clusterId)
  return paginate<TermRow, Term>(query, ['t.year'], page, toTerm, 'desc')
}

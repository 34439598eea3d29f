import type { Knex } from 'knex'
import type { DisciplineStatus } from '../domain/discipline.js'
import { notFound } from '../domain/errors.js'
import { sharedMembershipDuring } from './memberships-repository.js'
import { paginate, type PageRequest } from './pagination.js'

export interface DisciplineFields {
  from: string
  until: string | null
  status: DisciplineStatus
  note: string
}

export interface DisciplineRecord extends DisciplineFields {
  id: string
  unitId: string
  version: number
  createdAt: string
  updatedAt: string
}

interface DisciplineRow {
  id: string
  unit_id: string
  valid_from: string
  valid_until: string | null
  status: DisciplineStatus
  note: string
  version: number
  created_at: Date
  updated_at: Date
  [column: string]: unknown
}

const toRecord = (row: DisciplineRow): DisciplineRecord => ({
  id: row.id,
  unitId: row.unit_id,
  from: row.valid_from,
  until: row.valid_until,
  status: row.status,
  note: row.note,
  version: row.version,
  createdAt: row.created_at.toISOString(),
  updatedAt: row.updated_at.toISOString()
})

const columns = (fields: DisciplineFields) => ({
  valid_from: fields.from, valid_until: fields.until, status: fields.status, note: fields.note
})

export async function insertDisciplineRecord (trx: Knex.Transaction, unitId: string, fields: DisciplineFields): Promise<DisciplineRecord> {
  const [row] = await trx('discipline_records').insert({ unit_id: unitId, ...columns(fields) }).returning('*')
  return toRecord(row)
}

/**
 * The records a caller may read, when not every record: all of `ownUnitId`'s, and those of units that were members
 * of one of `clusterIds` on some day of the record's period; with `fellowOf`, only where that unit was a member of
 * the same cluster during the record's period too.
 */
export interface DisciplineView {
  ownUnitId?: string
  clusterIds: readonly string[]
  fellowOf?: string
}

/** The record's unit and period, as the membership read model matches them. */
const RECORD_PERIOD = { unit: 'discipline_records.unit_id', from: 'discipline_records.valid_from', until: 'discipline_records.valid_until' }

function visibleIn (query: Knex.QueryBuilder, view: DisciplineView | undefined): Knex.QueryBuilder {
  if (!view) return query
  return query.where((q) => {
    if (view.ownUnitId) q.where('discipline_records.unit_id', view.ownUnitId)
    q.orWhereExists((shared) => {
      sharedMembershipDuring(shared, RECORD_PERIOD, view.clusterIds, view.fellowOf)
    })
  })
}

/** One record; 404 as well when `view` hides it, so that a caller cannot tell a hidden record from none. */
export async function getDisciplineRecord (
  db: Knex, id: string, options: { forUpdate?: boolean, view?: DisciplineView } = {}
): Promise<DisciplineRecord> {
  const query = visibleIn(db('discipline_records').where({ id }), options.view).first('discipline_records.*')
  if (options.forUpdate) query.forUpdate()
  const row = await query
  if (!row) throw notFound('discipline_record', id)
  return toRecord(row)
}

export async function updateDisciplineRecord (trx: Knex.Transaction, current: DisciplineRecord, fields: DisciplineFields): Promise<DisciplineRecord> {
  const [row] = await trx('discipline_records').where({ id: current.id })
    .update({ ...columns(fields), version: current.version + 1, updated_at: trx.fn.now() }).returning('*')
  return toRecord(row)
}

/** A unit's discipline records that `view` shows (all without one), the latest start first. */
export async function listDisciplineRecords (db: Knex, unitId: string, page: PageRequest, view?: DisciplineView) {
  const query = visibleIn(db('discipline_records').where({ unit_id: unitId }), view)
  return paginate<DisciplineRow, DisciplineRecord>(query, ['valid_from', 'id'], page, toRecord, 'desc')
}

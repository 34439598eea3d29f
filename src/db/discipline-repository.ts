import type { Knex } from 'knex'
import { notFound } from '../domain/errors.js'
import { paginate, type PageRequest } from './pagination.js'

export const DISCIPLINE_STATUSES = ['pending', 'in_force'] as const
export type DisciplineStatus = typeof DISCIPLINE_STATUSES[number]

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

export async function getDisciplineRecord (db: Knex, id: string, options: { forUpdate?: boolean } = {}): Promise<DisciplineRecord> {
  const query = db('discipline_records').where({ id }).first()
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

/** A unit's discipline records, the latest start first. */
export async function listDisciplineRecords (db: Knex, unitId: string, page: PageRequest) {
  const query = db('discipline_records').where({ unit_id: unitId })
  return paginate<DisciplineRow, DisciplineRecord>(query, ['valid_from', 'id'], page, toRecord, 'desc')
}

/** Whether the unit is a member of the cluster on some day of [from, until) (until null: open-ended). */
export async function memberDuring (db: Knex, clusterId: string, unitId: string, from: string, until: string | null): Promise<boolean> {
  const query = db('memberships').where({ cluster_id: clusterId, unit_id: unitId })
    .where((q) => q.whereNull('valid_until').orWhere('valid_until', '>', from))
  if (until !== null) query.where('valid_from', '<', until)
  return (await query.first('id')) !== undefined
}
